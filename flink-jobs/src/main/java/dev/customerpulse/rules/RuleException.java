package dev.customerpulse.rules;

/** A segment rule that cannot be accepted; the message says why, in one line. */
public final class RuleException extends Exception {
  public RuleException(String message) {
    super(message);
  }
}
