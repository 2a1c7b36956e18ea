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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
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
        + " outlive pulse.privacy.copies-gone-within (topics created before, or by hand).", "configure: sets the retention"
        + " and compaction of the existing topics to the pulse.topics.* settings (their cleanup policy stays)."})
final class TopicsCommand implements Callable<Integer> {
  /** How long to wait for Kafka unless the user's client properties say otherwise. */
  private static final ClientTimeouts TIMEOUTS = new ClientTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(20));

  @Parameters(index = "0", paramLabel = "create|check|configure", description = "What to do.")
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
    if (!List.of("create", "check", "configure").contains(action)) {
      throw new IllegalArgumentException("unknown action '" + action + "'; use create, check or configure");
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
      if (action.equals("configure")) {
        return configure(admin, topics, deadlines, wait, kafka.bootstrapServers());
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
    Map<String, Map<String, String>> described = describe(admin, topics, wait, servers);
    int width = described.keySet().stream().mapToInt(String::length).max().orElse(0);
    int failing = 0;
    for (var topic : described.entrySet()) {
      TopicDeadlineCheck check = topic.getValue() == null ? TopicDeadlineCheck.missing(topic.getKey())
          : TopicDeadlineCheck.of(topic.getKey(), topic.getValue(), within);
      out.println(check.line(width));
      failing += check.status() == TopicDeadlineCheck.Status.OK ? 0 : 1;
    }
    if (failing > 0) {
      spec.commandLine().getErr().println("pulse: " + failing + " of " + described.size() + " topics could keep an erased"
          + " customer past " + PulseOptions.COPIES_GONE_WITHIN.key() + " (" + TimeUtils.formatWithHighestUnit(within) + ")");
      return 1;
    }
    return 0;
  }

  /**
   * Sets the retention (or compaction lag and tombstone retention) of each existing topic to the
   * settings, for the cleanup policy the topic has: its policy is left alone, as changing it changes
   * what the topic means to its readers. 1 when a topic is missing.
   */
  private int configure(Admin admin, Topics topics, TopicDeadlines deadlines, Duration wait, String servers) {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Map<String, String>> described = describe(admin, topics, wait, servers);
    int width = described.keySet().stream().mapToInt(String::length).max().orElse(0);
    int missing = 0;
    for (var topic : described.entrySet()) {
      String name = topic.getKey();
      if (topic.getValue() == null) {
        out.println(TopicDeadlineCheck.missing(name).line(width));
        missing++;
        continue;
      }
      String policy = topic.getValue().getOrDefault("cleanup.policy", "delete");
      Map<String, String> wanted = new LinkedHashMap<>();
      if (policy.contains("delete")) {
        wanted.putAll(deadlines.topicConfig(false));
      }
      if (policy.contains("compact")) {
        wanted.putAll(deadlines.topicConfig(true));
      }
      wanted.remove("cleanup.policy");
      List<AlterConfigOp> set = wanted.entrySet().stream()
          .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET)).toList();
      try {
        await(admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, name), set)).all(), wait,
            servers);
      } catch (ExecutionException e) {
        throw new ConfigException("cannot configure topic " + name + " on " + servers + ": " + e.getCause().getMessage());
      }
      List<String> values = new ArrayList<>();
      wanted.forEach((key, millis) -> values.add(key + " " + TimeUtils.formatWithHighestUnit(Duration.ofMillis(Long.parseLong(millis)))));
      out.println(String.format(java.util.Locale.ROOT, "%-11s %-" + width + "s  %s", "set", name, String.join(", ", values)));
    }
    return missing == 0 ? 0 : 1;
  }

  /** The configuration the broker reports for each of the job's topics (defaults included), null for a missing topic. */
  private static Map<String, Map<String, String>> describe(Admin admin, Topics topics, Duration wait, String servers) {
    List<String> names = new ArrayList<>(topics.withPartitions(1).keySet());
    Map<String, Future<Config>> futures = new HashMap<>();
    admin.describeConfigs(names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
        .values().forEach((resource, future) -> futures.put(resource.name(), future));
    Map<String, Map<String, String>> described = new LinkedHashMap<>();
    for (String name : names) {
      try {
        Map<String, String> config = new HashMap<>();
        await(futures.get(name), wait, servers).entries().forEach(entry -> config.put(entry.name(), entry.value()));
        described.put(name, config);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new ConfigException("cannot describe topic " + name + " on " + servers + ": " + e.getCause().getMessage());
        }
        described.put(name, null);
      }
    }
    return described;
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
