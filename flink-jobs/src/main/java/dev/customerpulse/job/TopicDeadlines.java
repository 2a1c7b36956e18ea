package dev.customerpulse.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/**
 * The retention and compaction the job's topics are created with, and what follows from them: the
 * longest a record outlives the moment it is deleted (tombstoned) or written (on topics that are not
 * compacted). Kafka's cleaner and retention checks add minutes, not days.
 *
 * @param retention retention.ms of the topics that are not compacted
 * @param segmentRoll segment.ms of those topics: a segment is deleted only when its newest record expires
 * @param maxCompactionLag max.compaction.lag.ms of the compacted topics
 * @param tombstoneRetention delete.retention.ms of the compacted topics
 */
public record TopicDeadlines(Duration retention, Duration segmentRoll, Duration maxCompactionLag, Duration tombstoneRetention) {
  public static final TopicDeadlines DEFAULTS = new TopicDeadlines(Duration.ofDays(7), Duration.ofDays(1), Duration.ofDays(1),
      Duration.ofDays(1));

  /** The longest a record stays on a topic that is not compacted. */
  public Duration deleteDeadline() {
    return retention.plus(segmentRoll);
  }

  /** The longest a deleted key stays on a compacted topic: its old values until compaction, then its tombstone. */
  public Duration compactDeadline() {
    return maxCompactionLag.plus(tombstoneRetention);
  }

  /**
   * Throws a one-line {@link ConfigException} unless every copy these topics keep is gone within
   * {@code copiesGoneWithin} (what an erasure receipt promises) and replayed input cannot outlive the
   * erasure markers that keep an erased customer from coming back.
   */
  void check(Duration copiesGoneWithin, Duration erasureMarkerRetention) {
    if (deleteDeadline().compareTo(copiesGoneWithin) > 0) {
      throw new ConfigException(PulseOptions.COPIES_GONE_WITHIN.key() + " (" + format(copiesGoneWithin) + ") is shorter than "
          + PulseOptions.TOPIC_RETENTION.key() + " + " + PulseOptions.TOPIC_SEGMENT_ROLL.key() + " (" + format(retention)
          + " + " + format(segmentRoll) + "): erased customers would outlive the receipt's deadline on the topics");
    }
    if (compactDeadline().compareTo(copiesGoneWithin) > 0) {
      throw new ConfigException(PulseOptions.COPIES_GONE_WITHIN.key() + " (" + format(copiesGoneWithin) + ") is shorter than "
          + PulseOptions.TOPIC_MAX_COMPACTION_LAG.key() + " + " + PulseOptions.TOPIC_TOMBSTONE_RETENTION.key() + " ("
          + format(maxCompactionLag) + " + " + format(tombstoneRetention)
          + "): erased customers would outlive the receipt's deadline on the compacted topics");
    }
    if (retention.compareTo(erasureMarkerRetention) > 0) {
      throw new ConfigException(PulseOptions.ERASURE_MARKER_RETENTION.key() + " (" + format(erasureMarkerRetention)
          + ") is shorter than " + PulseOptions.TOPIC_RETENTION.key() + " (" + format(retention)
          + "): a replay of the input topics could bring an erased customer back");
    }
  }

  /** The topic configuration of a topic created for the job. */
  public Map<String, String> topicConfig(boolean compacted) {
    Map<String, String> config = new LinkedHashMap<>();
    if (compacted) {
      config.put("cleanup.policy", "compact");
      config.put("max.compaction.lag.ms", Long.toString(maxCompactionLag.toMillis()));
      config.put("delete.retention.ms", Long.toString(tombstoneRetention.toMillis()));
    } else {
      config.put("cleanup.policy", "delete");
      config.put("retention.ms", Long.toString(retention.toMillis()));
      config.put("segment.ms", Long.toString(segmentRoll.toMillis()));
    }
    return config;
  }

  /** The topic configuration of each of the job's topics, by name. */
  public Map<String, Map<String, String>> topicConfigs(Topics topics) {
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    for (String topic : topics.withPartitions(1).keySet()) {
      configs.put(topic, topicConfig(topics.compacted().contains(topic)));
    }
    return configs;
  }

  static String format(Duration duration) {
    return TimeUtils.formatWithHighestUnit(duration);
  }
}
