package dev.customerpulse.connectors.registry;

/** The registry could not be reached (or kept failing) for longer than the retry budget. */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {
  public SchemaRegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
