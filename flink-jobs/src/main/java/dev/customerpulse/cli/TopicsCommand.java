package dev.customerpulse.cli;

import dev.customerpulse.connectors.kafka.ClientTimeouts;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "topics", mixinStandardHelpOptions = true, description = "Creates the job's Kafka topics (those missing).")
final class TopicsCommand implements Callable<Integer> {
  /** How long to wait for Kafka unless the user's client properties say otherwise. */
  private static final ClientTimeouts TIMEOUTS = new ClientTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(20));

  @Parameters(index = "0", paramLabel = "create", description = "What to do.")
  String action;

  @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Replication factor (default ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Mixin
  ConnectionOptions connection;

  @Override
  public Integer call() throws Exception {
    if (!action.equals("create")) {
      throw new IllegalArgumentException("unknown action '" + action + "'; use create");
    }
    Configuration conf = connection.configuration();
    var kafka = ConnectionOptions.kafka(conf);
    String servers = kafka.bootstrapServers();
    Topics topics = ConnectionOptions.topics(conf);
    Duration wait = kafka.timeouts(TIMEOUTS).call();
    try (Admin admin = Admin.create(kafka.clientProperties(Map.of(), TIMEOUTS))) {
      List<NewTopic> wanted = new ArrayList<>();
      topics.withPartitions(partitions).forEach((name, count) -> wanted.add(topics.compacted().contains(name)
          ? new NewTopic(name, count, replicationFactor).configs(Map.of("cleanup.policy", "compact"))
          : new NewTopic(name, count, replicationFactor)));
      for (var result : admin.createTopics(wanted).values().entrySet()) {
        try {
          result.getValue().get(wait.toMillis() + 1_000, TimeUnit.MILLISECONDS);
          System.out.println("  created " + result.getKey());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof TopicExistsException) {
            System.out.println("  exists  " + result.getKey());
          } else {
            throw new ConfigException("cannot create topic " + result.getKey() + " on " + servers + ": " + e.getCause().getMessage());
          }
        } catch (java.util.concurrent.TimeoutException e) {
          throw new ConfigException("Kafka at " + servers + " did not answer within " + wait.toSeconds()
              + " s; check --kafka-bootstrap-servers");
        }
      }
    }
    return 0;
  }
}
