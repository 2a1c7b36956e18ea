package dev.customerpulse.connectors.registry;

import java.io.IOException;

/** The bytes do not start with the Confluent wire-format header (magic byte 0 and a 4-byte schema id). */
public class NotConfluentFramedException extends IOException {
  public NotConfluentFramedException(String message) {
    super(message);
  }
}
