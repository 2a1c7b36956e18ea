package dev.customerpulse.connectors.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.formats.avro.SchemaCoder;

/**
 * Creates {@link ConfluentSchemaCoder}s inside Flink tasks. Coders of one JVM that point at the same
 * registry share one client, so a schema is fetched once per task manager, not once per task.
 */
public final class ConfluentSchemaCoderProvider implements SchemaCoder.SchemaCoderProvider {
  private static final Map<RegistrySettings, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

  private final RegistrySettings settings;
  private final String subject;

  /** A provider for readers, which need no subject. */
  public static ConfluentSchemaCoderProvider forReading(RegistrySettings settings) {
    return new ConfluentSchemaCoderProvider(settings, null);
  }

  /** A provider for writers to a topic, using TopicNameStrategy subjects. */
  public static ConfluentSchemaCoderProvider forWritingTo(RegistrySettings settings, String topic) {
    return new ConfluentSchemaCoderProvider(settings, ConfluentWireFormat.valueSubject(topic));
  }

  private ConfluentSchemaCoderProvider(RegistrySettings settings, String subject) {
    this.settings = settings;
    this.subject = subject;
  }

  @Override
  public SchemaCoder get() {
    return new ConfluentSchemaCoder(client(), subject);
  }

  /** The client this JVM's coders of these settings share. */
  public SchemaRegistryClient client() {
    return CLIENTS.computeIfAbsent(settings, SchemaRegistryClient::new);
  }
}
