package dev.customerpulse.connectors.registry;

/** A record names a schema id the registry does not know. */
public class UnknownSchemaIdException extends SchemaRegistryException {
  private final int schemaId;

  public UnknownSchemaIdException(int schemaId, String registryUrl) {
    super("schema id " + schemaId + " is not known to the registry at " + registryUrl, 404);
    this.schemaId = schemaId;
  }

  /**
   * @param howFound how the client came to its verdict, e.g. {@code asked 6 times over 3.1 s}
   */
  public UnknownSchemaIdException(int schemaId, String registryUrl, String howFound) {
    super("schema id " + schemaId + " is not known to the registry at " + registryUrl + " (" + howFound + ")", 404);
    this.schemaId = schemaId;
  }

  public int schemaId() {
    return schemaId;
  }
}
