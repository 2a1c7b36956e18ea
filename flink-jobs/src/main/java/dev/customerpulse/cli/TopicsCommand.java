package dev.customerpulse.cli;

import dev.customerpulse.connectors.kafka.ClientTimeouts;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.job.TopicDeadlines;
import dev.customerpulse.job.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "topics", mixinStandardHelpOptions = true,
    description = {"create: creates the job's Kafka topics that are missing, with the retention and compaction of the"
        + " pulse.topics.* settings.", "check: shows each topic's retention or compaction and fails when a record could"
        + " outlive pulse.privacy.copies-gone-within (topics created before, or by hand)."})
final class TopicsCommand implements Callable<Integer> {
  /** How long to wait for Kafka unless the user's client properties say otherwise. */
  private static final ClientTimeouts TIMEOUTS = new ClientTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(20));

  @Parameters(index = "0", paramLabel = "create|check", description = "What to do.")
  String action;

  @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Replication factor (default ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!action.equals("create") && !action.equals("check")) {
      throw new IllegalArgumentException("unknown action '" + action + "'; use create or check");
    }
    Configuration conf = connection.configuration();
    var kafka = ConnectionOptions.kafka(conf);
    Topics topics = ConnectionOptions.topics(conf);
    // Checked before Kafka is asked anything: settings that break the receipts' promise are refused either way.
    TopicDeadlines deadlines = PulseSettings.topicDeadlines(conf);
    Duration wait = kafka.timeouts(TIMEOUTS).call();
    try (Admin admin = Admin.create(kafka.clientProperties(Map.of(), TIMEOUTS))) {
      if (action.equals("create")) {
        create(admin, topics, deadlines, wait, kafka.bootstrapServers());
        return 0;
      }
      return check(admin, topics, conf.get(PulseOptions.COPIES_GONE_WITHIN), wait, kafka.bootstrapServers());
    }
  }

  private void create(Admin admin, Topics topics, TopicDeadlines deadlines, Duration wait, String servers) {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Map<String, String>> configs = deadlines.topicConfigs(topics);
    List<NewTopic> wanted = new ArrayList<>();
    topics.withPartitions(partitions).forEach((name, count) ->
        wanted.add(new NewTopic(name, count, replicationFactor).configs(configs.get(name))));
    for (var result : admin.createTopics(wanted).values().entrySet()) {
      try {
        await(result.getValue(), wait, servers);
        out.println("  created " + result.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new ConfigException("cannot create topic " + result.getKey() + " on " + servers + ": " + e.getCause().getMessage());
        }
        out.println("  exists  " + result.getKey());
      }
    }
  }

  /** One line per topic; 1 when a topic is missing or keeps records longer than {@code within}. */
  private int check(Admin admin, Topics topics, Duration within, Duration wait, String servers) {
    PrintWriter out = spec.commandLine().getOut();
    List<String> names = new ArrayList<>(topics.withPartitions(1).keySet());
    Map<String, Future<Config>> described = new HashMap<>();
    admin.describeConfigs(names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
        .values().forEach((resource, future) -> described.put(resource.name(), future));
    int width = names.stream().mapToInt(String::length).max().orElse(0);
    int failing = 0;
    for (String name : names) {
      TopicDeadlineCheck check;
      try {
        Map<String, String> config = new HashMap<>();
        await(described.get(name), wait, servers).entries().forEach(entry -> config.put(entry.name(), entry.value()));
        check = TopicDeadlineCheck.of(name, config, within);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new ConfigException("cannot describe topic " + name + " on " + servers + ": " + e.getCause().getMessage());
        }
        check = TopicDeadlineCheck.missing(name);
      }
      out.println(check.line(width));
      failing += check.status() == TopicDeadlineCheck.Status.OK ? 0 : 1;
    }
    if (failing > 0) {
      spec.commandLine().getErr().println("pulse: " + failing + " of " + names.size() + " topics could keep an erased"
          + " customer past " + PulseOptions.COPIES_GONE_WITHIN.key() + " ("
          + org.apache.flink.util.TimeUtils.formatWithHighestUnit(within) + ")");
      return 1;
    }
    return 0;
  }

  private static <T> T await(Future<T> future, Duration wait, String servers) throws ExecutionException {
    try {
      return future.get(wait.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("interrupted while waiting for Kafka at " + servers);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new ConfigException("Kafka at " + servers + " did not answer within " + wait.toSeconds()
          + " s; check --kafka-bootstrap-servers");
    }
  }
}
