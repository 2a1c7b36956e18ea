package dev.customerpulse.job;

/** Configuration that cannot work; the message is one line that says what to fix. */
public final class ConfigException extends IllegalArgumentException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
