package dev.customerpulse.connectors.registry;

import java.io.IOException;

/** The registry refused or failed a request; the message says what to fix. */
public class SchemaRegistryException extends IOException {
  private final int httpStatus;

  public SchemaRegistryException(String message, int httpStatus) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = -1;
  }

  /** HTTP status of the failed request, or -1 when no response came back. */
  public int httpStatus() {
    return httpStatus;
  }
}
