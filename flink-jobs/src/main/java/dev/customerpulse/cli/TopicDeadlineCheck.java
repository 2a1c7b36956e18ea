package dev.customerpulse.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/**
 * Whether an existing topic's configuration (as the broker describes it, defaults included) lets a
 * deleted or expired record live longer than an erasure receipt promises: one line per topic for
 * 'pulse topics check'.
 *
 * @param topic the topic
 * @param status OK, or what is wrong
 * @param detail the configuration behind the status
 */
record TopicDeadlineCheck(String topic, Status status, String detail) {
  enum Status {
    OK, TOO_LONG, NO_DEADLINE, MISSING;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  static TopicDeadlineCheck missing(String topic) {
    return new TopicDeadlineCheck(topic, Status.MISSING, "does not exist; 'pulse topics create' creates it");
  }

  /** The check of one topic's effective configuration {@code config} against {@code within}. */
  static TopicDeadlineCheck of(String topic, Map<String, String> config, Duration within) {
    String policy = config.getOrDefault("cleanup.policy", "delete");
    boolean deletes = policy.contains("delete");
    boolean compacts = policy.contains("compact");
    Duration deadline = null;
    StringBuilder detail = new StringBuilder(policy).append(':');
    if (deletes) {
      long retention = millis(config, "retention.ms");
      long segment = millis(config, "segment.ms");
      detail.append(" retention.ms ").append(retention < 0 ? "unlimited" : format(retention))
          .append(" + segment.ms ").append(format(segment));
      if (retention >= 0) {
        deadline = Duration.ofMillis(retention).plusMillis(segment);
      }
    }
    if (compacts) {
      long lag = millis(config, "max.compaction.lag.ms");
      long tombstones = millis(config, "delete.retention.ms");
      boolean bounded = lag < Long.MAX_VALUE;
      detail.append(deletes ? ";" : "").append(" max.compaction.lag.ms ").append(bounded ? format(lag) : "unlimited")
          .append(" + delete.retention.ms ").append(format(tombstones));
      if (bounded) {
        Duration compacted = Duration.ofMillis(lag).plusMillis(tombstones);
        // With both policies a deleted key goes by whichever comes first.
        deadline = deadline == null || compacted.compareTo(deadline) < 0 ? compacted : deadline;
      }
    }
    if (deadline == null) {
      return new TopicDeadlineCheck(topic, Status.NO_DEADLINE, detail.toString());
    }
    detail.append(" = ").append(format(deadline.toMillis()));
    if (deadline.compareTo(within) > 0) {
      return new TopicDeadlineCheck(topic, Status.TOO_LONG, detail.append(", over ").append(format(within.toMillis())).toString());
    }
    return new TopicDeadlineCheck(topic, Status.OK, detail.toString());
  }

  String line(int topicWidth) {
    return String.format(Locale.ROOT, "%-11s %-" + topicWidth + "s  %s", status.label(), topic, detail);
  }

  private static long millis(Map<String, String> config, String key) {
    String value = config.get(key);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the broker describes " + key + " as '" + value + "', not a number of milliseconds");
    }
  }

  private static String format(long millis) {
    return TimeUtils.formatWithHighestUnit(Duration.ofMillis(millis));
  }
}
