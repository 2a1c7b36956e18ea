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
