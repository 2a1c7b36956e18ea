package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The topics' retention and compaction settings, and the check that no copy outlives an erasure receipt's deadline. */
class TopicDeadlinesTest {
  private static Configuration given(String... keyValues) {
    Configuration conf = new Configuration();
    for (int i = 0; i < keyValues.length; i += 2) {
      conf.setString(keyValues[i], keyValues[i + 1]);
    }
    return conf;
  }

  @Test
  void theDefaultsGiveEveryCopyADeadlineWithinTheReceiptsPromise() {
    TopicDeadlines deadlines = PulseSettings.topicDeadlines(new Configuration());

    assertThat(deadlines).isEqualTo(new TopicDeadlines(Duration.ofDays(7), Duration.ofDays(1), Duration.ofDays(1),
        Duration.ofDays(1)));
    assertThat(deadlines.deleteDeadline()).isEqualTo(Duration.ofDays(8));
    assertThat(deadlines.compactDeadline()).isEqualTo(Duration.ofDays(2));
    assertThat(deadlines.topicConfig(false)).containsExactly(Map.entry("cleanup.policy", "delete"),
        Map.entry("retention.ms", "604800000"), Map.entry("segment.ms", "86400000"));
    assertThat(deadlines.topicConfig(true)).containsExactly(Map.entry("cleanup.policy", "compact"),
        Map.entry("max.compaction.lag.ms", "86400000"), Map.entry("delete.retention.ms", "86400000"));
  }

  @Test
  void everyTopicOfTheJobGetsTheConfigOfItsKind() {
    Map<String, Map<String, String>> configs = TopicDeadlines.DEFAULTS.topicConfigs(Topics.defaults());

    assertThat(configs).hasSize(16);
    assertThat(configs.entrySet().stream().filter(e -> e.getValue().get("cleanup.policy").equals("compact"))
        .map(Map.Entry::getKey)).containsExactly("customer-profiles", "segment-rules", "clv-quantiles");
    assertThat(configs.get("clicks")).isEqualTo(TopicDeadlines.DEFAULTS.topicConfig(false));
    assertThat(configs.get("privacy-receipts")).isEqualTo(TopicDeadlines.DEFAULTS.topicConfig(false));
  }

  @Test
  void aRetentionPlusSegmentRollBeyondTheReceiptsDeadlineIsRefusedInOneLine() {
    assertThatThrownBy(() -> PulseSettings.topicDeadlines(given("pulse.topics.retention", "14 d")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("pulse.privacy.copies-gone-within (14 d) is shorter than pulse.topics.retention +"
            + " pulse.topics.segment-roll (14 d + 1 d): erased customers would outlive the receipt's deadline on the topics");
    assertThat(PulseSettings.topicDeadlines(given("pulse.topics.retention", "13 d")).deleteDeadline())
        .isEqualTo(Duration.ofDays(14));
  }

  @Test
  void aCompactionLagPlusTombstoneRetentionBeyondTheReceiptsDeadlineIsRefusedInOneLine() {
    assertThatThrownBy(() -> PulseSettings.topicDeadlines(given("pulse.privacy.copies-gone-within", "2 d",
        "pulse.topics.retention", "1 d", "pulse.topics.segment-roll", "1 h", "pulse.topics.tombstone-retention", "25 h")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("pulse.privacy.copies-gone-within (2 d) is shorter than pulse.topics.max-compaction-lag +"
            + " pulse.topics.tombstone-retention (1 d + 25 h): erased customers would outlive the receipt's deadline on the"
            + " compacted topics");
  }

  @Test
  void inputsKeptLongerThanTheErasureMarkersAreRefusedInOneLine() {
    assertThatThrownBy(() -> PulseSettings.topicDeadlines(given("pulse.privacy.copies-gone-within", "60 d",
        "pulse.topics.retention", "36 d")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("pulse.privacy.erasure-marker-retention (35 d) is shorter than pulse.topics.retention (36 d): a replay"
            + " of the input topics could bring an erased customer back");
  }

  @Test
  void theJobsSettingsAreCheckedToo() {
    Configuration conf = given("pulse.kafka.bootstrap-servers", "k:9092", "pulse.registry.url", "http://r:8081",
        "pulse.redis.url", "redis://c:6379", "pulse.privacy.pseudonymisation-secret", "a-secret-of-sixteen-bytes",
        "pulse.topics.max-compaction-lag", "0 s");

    assertThatThrownBy(() -> PulseSettings.from(conf)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.topics.max-compaction-lag must be more than zero, got PT0S");
  }
}
