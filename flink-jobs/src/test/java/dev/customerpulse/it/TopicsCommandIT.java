package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.job.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * `pulse topics create` against a broker as a user runs it: the Kafka clients' own default timeouts,
 * no request.timeout.ms given on the command line.
 */
class TopicsCommandIT extends OnTestStack {

  /** -D settings that name every topic of this test afresh (the slice's own topics exist already). */
  private Map<String, String> freshTopicNames(String suffix) {
    Map<String, String> names = new TreeMap<>();
    it.jobConfiguration().toMap().forEach((key, value) -> {
      if (key.startsWith("pulse.topics.")) {
        names.put(key, value + "-" + suffix);
      }
    });
    return names;
  }

  private PulseCli.Result topicsCreate(Map<String, String> names, String... more) {
    List<String> args = new ArrayList<>(List.of("topics", "create", "--partitions", "3",
        "--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers()));
    names.forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
    args.addAll(List.of(more));
    return PulseCli.run(args.toArray(String[]::new));
  }

  /**
   * The topics the broker lists once {@code expected} are among them (or after 15 s): a created
   * topic reaches the broker's metadata a moment after the controller has acknowledged it.
   */
  private Set<String> brokerTopics(java.util.Collection<String> expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    try (Admin admin = it.stack.kafka().admin()) {
      while (true) {
        Set<String> listed = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        if (listed.containsAll(expected) || System.nanoTime() > deadline) {
          return listed;
        }
        Thread.sleep(100);
      }
    }
  }

  private static Topics topicsOf(Map<String, String> names) {
    return PulseSettings.topics(org.apache.flink.configuration.Configuration.fromMap(names));
  }

  @Test
  void createsEveryTopicWithTheKafkaClientsDefaultTimeouts() throws Exception {
    Map<String, String> names = freshTopicNames("created");
    PulseCli.Result created = topicsCreate(names);

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.err()).isEmpty();
    Set<String> wanted = topicsOf(names).withPartitions(3).keySet();
    assertThat(wanted).hasSize(16);
    assertThat(brokerTopics(wanted)).containsAll(wanted);
    try (Admin admin = it.stack.kafka().admin()) {
      var described = admin.describeTopics(wanted).allTopicNames().get(30, TimeUnit.SECONDS);
      described.forEach((name, description) -> assertThat(description.partitions()).as(name).hasSize(
          topicsOf(names).withPartitions(3).get(name)));
    }
    Topics topics = topicsOf(names);
    // What the command set, and for the keys of the other kind the broker's defaults.
    Map<String, String> deleted = Map.of("cleanup.policy", "delete", "retention.ms", "604800000", "segment.ms", "86400000",
        "max.compaction.lag.ms", "9223372036854775807", "delete.retention.ms", "86400000");
    Map<String, String> compacted = Map.of("cleanup.policy", "compact", "retention.ms", "604800000", "segment.ms", "604800000",
        "max.compaction.lag.ms", "86400000", "delete.retention.ms", "86400000");
    Map<String, Map<String, String>> configs = topicConfigs(wanted, List.of("cleanup.policy", "retention.ms", "segment.ms",
        "max.compaction.lag.ms", "delete.retention.ms"));
    for (String name : wanted) {
      assertThat(configs.get(name)).as(name).isEqualTo(topics.compacted().contains(name) ? compacted : deleted);
    }
  }

  @Test
  void createdTopicsTakeTheRetentionSettingsAndTheCheckShowsEachOnOneLine() throws Exception {
    Map<String, String> names = freshTopicNames("short");
    PulseCli.Result created = topicsCreate(names, "-D", "pulse.topics.retention=3 d", "-D", "pulse.topics.segment-roll=2 h",
        "-D", "pulse.topics.max-compaction-lag=6 h", "-D", "pulse.topics.tombstone-retention=30 min");
    assertThat(created.exitCode()).as(created.err()).isZero();
    Topics topics = topicsOf(names);
    brokerTopics(topics.withPartitions(1).keySet());
    Map<String, Map<String, String>> configs = topicConfigs(topics.withPartitions(1).keySet(), List.of("retention.ms",
        "segment.ms", "max.compaction.lag.ms", "delete.retention.ms"));
    assertThat(configs.get(topics.clicks())).containsEntry("retention.ms", "259200000").containsEntry("segment.ms", "7200000");
    assertThat(configs.get(topics.privacyReceipts())).containsEntry("retention.ms", "259200000");
    assertThat(configs.get(topics.customerProfiles())).containsEntry("max.compaction.lag.ms", "21600000")
        .containsEntry("delete.retention.ms", "1800000");

    PulseCli.Result checked = topicsCheck(names);

    assertThat(checked.exitCode()).as(checked.err()).isZero();
    assertThat(checked.err()).isEmpty();
    List<String> lines = checked.out().lines().toList();
    assertThat(lines).hasSize(16);
    int width = topics.withPartitions(1).keySet().stream().mapToInt(String::length).max().orElseThrow();
    assertThat(lines.get(0)).isEqualTo(String.format("ok          %-" + width + "s  delete: retention.ms 3 d + segment.ms 2 h"
        + " = 74 h", topics.clicks()));
    assertThat(lines).contains(String.format("ok          %-" + width + "s  compact: max.compaction.lag.ms 6 h"
        + " + delete.retention.ms 30 min = 390 min", topics.customerProfiles()));
  }

  @Test
  void theCheckNamesTopicsCreatedWithoutADeadlineAndFails() throws Exception {
    Map<String, String> names = freshTopicNames("legacy");
    Topics topics = topicsOf(names);
    // As releases before the retention settings created them: compaction without a lag, the broker's retention.
    it.stack.createTopics(topics.withPartitions(1), topics.compacted());
    brokerTopics(topics.withPartitions(1).keySet());

    PulseCli.Result checked = topicsCheck(names, "-D", "pulse.privacy.copies-gone-within=10 d");

    assertThat(checked.exitCode()).isEqualTo(1);
    assertThat(checked.err()).isEqualTo("pulse: 16 of 16 topics could keep an erased customer past"
        + " pulse.privacy.copies-gone-within (10 d)\n");
    int width = topics.withPartitions(1).keySet().stream().mapToInt(String::length).max().orElseThrow();
    assertThat(checked.out().lines().toList()).contains(
        String.format("too long    %-" + width + "s  delete: retention.ms 7 d + segment.ms 7 d = 14 d, over 10 d",
            topics.orders()),
        String.format("no deadline %-" + width + "s  compact: max.compaction.lag.ms unlimited + delete.retention.ms 1 d",
            topics.segmentRules()));
  }

  @Test
  void configureGivesTopicsCreatedWithoutADeadlineTheSettingsAndKeepsTheirPolicy() throws Exception {
    Map<String, String> names = freshTopicNames("configured");
    Topics topics = topicsOf(names);
    it.stack.createTopics(topics.withPartitions(1), topics.compacted());
    brokerTopics(topics.withPartitions(1).keySet());

    PulseCli.Result configured = topicsConfigure(names, "-D", "pulse.topics.retention=5 d");

    assertThat(configured.exitCode()).as(configured.err()).isZero();
    int width = topics.withPartitions(1).keySet().stream().mapToInt(String::length).max().orElseThrow();
    assertThat(configured.out().lines().toList()).hasSize(16).contains(
        String.format("set         %-" + width + "s  retention.ms 5 d, segment.ms 1 d", topics.clicks()),
        String.format("set         %-" + width + "s  max.compaction.lag.ms 1 d, delete.retention.ms 1 d", topics.clvQuantiles()));
    Map<String, Map<String, String>> configs = topicConfigs(List.of(topics.clicks(), topics.clvQuantiles()), List.of(
        "cleanup.policy", "retention.ms", "segment.ms", "max.compaction.lag.ms"));
    assertThat(configs.get(topics.clicks())).isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "432000000",
        "segment.ms", "86400000", "max.compaction.lag.ms", "9223372036854775807"));
    assertThat(configs.get(topics.clvQuantiles())).isEqualTo(Map.of("cleanup.policy", "compact", "retention.ms", "604800000",
        "segment.ms", "604800000", "max.compaction.lag.ms", "86400000"));
    PulseCli.Result checked = topicsCheck(names);
    assertThat(checked.exitCode()).as(checked.out()).isZero();
  }

  private PulseCli.Result topicsConfigure(Map<String, String> names, String... more) {
    List<String> args = new ArrayList<>(List.of("topics", "configure", "--kafka-bootstrap-servers",
        it.stack.kafkaBootstrapServers()));
    names.forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
    args.addAll(List.of(more));
    return PulseCli.run(args.toArray(String[]::new));
  }

  @Test
  void theCheckSaysWhichTopicsAreMissing() {
    Map<String, String> names = freshTopicNames("absent");

    PulseCli.Result checked = topicsCheck(names);

    assertThat(checked.exitCode()).isEqualTo(1);
    assertThat(checked.out().lines().filter(line -> line.startsWith("missing     ")).count()).isEqualTo(16);
    assertThat(checked.out().lines().findFirst().orElseThrow()).endsWith(
        "  does not exist; 'pulse topics create' creates it");
  }

  @Test
  void retentionBeyondTheReceiptsDeadlineIsRefusedBeforeAnyTopicIsCreated() throws Exception {
    Map<String, String> names = freshTopicNames("refused-retention");

    PulseCli.Result refused = topicsCreate(names, "-D", "pulse.topics.retention=30 d");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).isEqualTo("pulse: pulse.privacy.copies-gone-within (14 d) is shorter than"
        + " pulse.topics.retention + pulse.topics.segment-roll (30 d + 1 d): erased customers would outlive the receipt's"
        + " deadline on the topics\n");
    try (Admin admin = it.stack.kafka().admin()) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topicsOf(names).clicks());
    }
  }

  @Test
  void theTestStacksOwnTopicsHaveTheDefaultDeadlines() throws Exception {
    brokerTopics(List.of(it.topics.lateEvents(), it.topics.clvQuantiles()));
    Map<String, Map<String, String>> configs = topicConfigs(List.of(it.topics.lateEvents(), it.topics.clvQuantiles()),
        List.of("retention.ms", "max.compaction.lag.ms"));

    assertThat(configs.get(it.topics.lateEvents())).containsEntry("retention.ms", "604800000");
    assertThat(configs.get(it.topics.clvQuantiles())).containsEntry("max.compaction.lag.ms", "86400000");
  }

  private PulseCli.Result topicsCheck(Map<String, String> names, String... more) {
    List<String> args = new ArrayList<>(List.of("topics", "check", "--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers()));
    names.forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
    args.addAll(List.of(more));
    return PulseCli.run(args.toArray(String[]::new));
  }

  /** The named configuration entries of each topic, as the broker describes them (DescribeConfigs). */
  private Map<String, Map<String, String>> topicConfigs(java.util.Collection<String> topics, List<String> keys) throws Exception {
    Map<String, Map<String, String>> configs = new TreeMap<>();
    try (Admin admin = it.stack.kafka().admin()) {
      var resources = topics.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
      admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS).forEach((resource, config) -> {
        Map<String, String> wanted = new TreeMap<>();
        keys.forEach(key -> wanted.put(key, config.get(key).value()));
        configs.put(resource.name(), wanted);
      });
    }
    return configs;
  }

  @Test
  void aUsersOwnRequestTimeoutAboveTheCommandsCallTimeoutStillWorks() throws Exception {
    Map<String, String> names = freshTopicNames("slow-network");
    PulseCli.Result created = topicsCreate(names, "--kafka-property", "request.timeout.ms=45000");

    assertThat(created.exitCode()).as(created.err()).isZero();
    Set<String> wanted = topicsOf(names).withPartitions(3).keySet();
    assertThat(brokerTopics(wanted)).containsAll(wanted);
  }

  @Test
  void aUsersOwnCallTimeoutBelowTheRequestTimeoutIsExplainedInOneLine() {
    PulseCli.Result refused = topicsCreate(freshTopicNames("refused"), "--kafka-property", "default.api.timeout.ms=5000",
        "--kafka-property", "request.timeout.ms=8000");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).isEqualTo("pulse: Kafka client properties: default.api.timeout.ms (5000) must be no smaller"
        + " than request.timeout.ms (8000)\n");
  }
}
