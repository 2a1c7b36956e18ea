package dev.customerpulse.connectors.kafka;

/** An input record is unusable; carries the dead-letter reason. Never thrown for infrastructure faults. */
public final class DecodeException extends Exception {
  private final DeadLetterReason reason;

  public DecodeException(DeadLetterReason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public DeadLetterReason reason() {
    return reason;
  }
}
