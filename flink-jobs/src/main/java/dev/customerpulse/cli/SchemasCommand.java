package dev.customerpulse.cli;

import dev.customerpulse.connectors.registry.ConfluentWireFormat;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.connectors.registry.SchemaRegistryClient;
import dev.customerpulse.job.SchemaRegistration;
import dev.customerpulse.job.TopicSchemas;
import dev.customerpulse.job.Topics;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "schemas", mixinStandardHelpOptions = true,
    description = {"Registers (register) or shows (list) the Avro schemas of every topic.", "", "Registers the Avro schemas of every topic with the schema registry (register), or shows",
        "what the registry holds for them (list)."})
final class SchemasCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "register|list", description = "What to do.")
  String action;

  @Option(names = "--compatibility", defaultValue = "BACKWARD",
      description = "Compatibility level set on each subject by 'register' (default ${DEFAULT-VALUE}).")
  String compatibility;

  @Mixin
  ConnectionOptions connection;

  @Override
  public Integer call() throws Exception {
    Configuration conf = connection.configuration();
    RegistrySettings registry = ConnectionOptions.registry(conf);
    Topics topics = ConnectionOptions.topics(conf);
    switch (action) {
      case "register" -> {
        int count = SchemaRegistration.registerAll(registry, topics, compatibility);
        System.out.println("Registered " + count + " subjects at " + registry.url() + " (compatibility " + compatibility + ")");
        list(registry, topics);
      }
      case "list" -> list(registry, topics);
      default -> throw new IllegalArgumentException("unknown action '" + action + "'; use register or list");
    }
    return 0;
  }

  private static void list(RegistrySettings registry, Topics topics) throws Exception {
    SchemaRegistryClient client = new SchemaRegistryClient(registry);
    for (var entry : TopicSchemas.of(topics).entrySet()) {
      String subject = ConfluentWireFormat.valueSubject(entry.getKey());
      OptionalInt id = client.latestId(subject);
      System.out.printf("  %-28s %-18s %s%n", subject, entry.getValue().getName(),
          id.isPresent() ? "latest schema id " + id.getAsInt() : "not registered");
    }
  }
}
