package dev.customerpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a topic's configuration, as the broker describes it, turns into the deadline of its records. */
class TopicDeadlineCheckTest {
  private static final Duration WITHIN = Duration.ofDays(14);
  private static final String DAY = "86400000";
  private static final String WEEK = "604800000";
  private static final String UNBOUNDED = "9223372036854775807";

  private static Map<String, String> config(String policy, String retention, String segment, String lag, String tombstones) {
    return Map.of("cleanup.policy", policy, "retention.ms", retention, "segment.ms", segment, "max.compaction.lag.ms", lag,
        "delete.retention.ms", tombstones);
  }

  @Test
  void aDeletedTopicsRecordsLiveUpToTheRetentionPlusOneSegment() {
    assertThat(TopicDeadlineCheck.of("clicks", config("delete", WEEK, DAY, UNBOUNDED, DAY), WITHIN)).isEqualTo(
        new TopicDeadlineCheck("clicks", TopicDeadlineCheck.Status.OK, "delete: retention.ms 7 d + segment.ms 1 d = 8 d"));
    assertThat(TopicDeadlineCheck.of("clicks", config("delete", "-1", WEEK, UNBOUNDED, DAY), WITHIN)).isEqualTo(
        new TopicDeadlineCheck("clicks", TopicDeadlineCheck.Status.NO_DEADLINE, "delete: retention.ms unlimited + segment.ms 7 d"));
    assertThat(TopicDeadlineCheck.of("clicks", config("delete", WEEK, "604800001", UNBOUNDED, DAY), WITHIN).status())
        .isEqualTo(TopicDeadlineCheck.Status.TOO_LONG);
  }

  @Test
  void withBothPoliciesADeletedKeyGoesByWhicheverComesFirst() {
    assertThat(TopicDeadlineCheck.of("customer-profiles", config("compact,delete", "-1", WEEK, DAY, "3600000"), WITHIN))
        .isEqualTo(new TopicDeadlineCheck("customer-profiles", TopicDeadlineCheck.Status.OK, "compact,delete: retention.ms"
            + " unlimited + segment.ms 7 d; max.compaction.lag.ms 1 d + delete.retention.ms 1 h = 25 h"));
    assertThat(TopicDeadlineCheck.of("customer-profiles", config("compact,delete", DAY, DAY, UNBOUNDED, DAY), WITHIN))
        .isEqualTo(new TopicDeadlineCheck("customer-profiles", TopicDeadlineCheck.Status.OK, "compact,delete: retention.ms"
            + " 1 d + segment.ms 1 d; max.compaction.lag.ms unlimited + delete.retention.ms 1 d = 2 d"));
  }

  @Test
  void theLineIsStatusTopicAndDetailInColumns() {
    assertThat(new TopicDeadlineCheck("orders", TopicDeadlineCheck.Status.NO_DEADLINE, "delete: …").line(8))
        .isEqualTo("no deadline orders    delete: …");
    assertThat(TopicDeadlineCheck.missing("orders").line(6)).isEqualTo("missing     orders  does not exist; 'pulse topics"
        + " create' creates it");
  }
}
