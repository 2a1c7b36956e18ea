package dev.customerpulse.job;

import dev.customerpulse.connectors.registry.ConfluentWireFormat;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.connectors.registry.SchemaRegistryClient;
import dev.customerpulse.connectors.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.avro.Schema;

/** Registers every topic's value schema up front, so no job or producer races to do it. */
public final class SchemaRegistration {
  private SchemaRegistration() {}

  /** Registers the schemas and sets each subject's compatibility level; returns how many subjects. */
  public static int registerAll(RegistrySettings registry, Topics topics, String compatibility) throws SchemaRegistryException {
    SchemaRegistryClient client = new SchemaRegistryClient(registry);
    Map<String, Schema> schemas = TopicSchemas.of(topics);
    for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
      String subject = ConfluentWireFormat.valueSubject(entry.getKey());
      client.register(subject, entry.getValue());
      client.setCompatibility(subject, compatibility);
    }
    return schemas.size();
  }
}
