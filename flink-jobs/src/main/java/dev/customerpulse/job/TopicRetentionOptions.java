package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/**
 * How long the job's topics keep a record: the topic configurations 'pulse topics create' (and the
 * demo, the benchmark and the tests) create topics with, so that every copy of a customer has a
 * deadline. A section of {@link PulseOptions}.
 */
public interface TopicRetentionOptions {
  ConfigOption<Duration> TOPIC_RETENTION = key("pulse.topics.retention")
      .durationType().defaultValue(TopicDeadlines.DEFAULTS.retention())
      .withDescription("retention.ms of every topic the job reads or writes that is not compacted: the inputs, the"
          + " outputs, dead letters, late events, customer-handoffs and the privacy topics. Inputs are kept as long as"
          + " the job's own topics: they hold raw contact details, and customer-handoffs must outlive them. At most"
          + " pulse.privacy.erasure-marker-retention, and with pulse.topics.segment-roll at most"
          + " pulse.privacy.copies-gone-within.");

  ConfigOption<Duration> TOPIC_SEGMENT_ROLL = key("pulse.topics.segment-roll")
      .durationType().defaultValue(TopicDeadlines.DEFAULTS.segmentRoll())
      .withDescription("segment.ms of the topics that are not compacted. Kafka deletes a log segment once its newest"
          + " record is older than the retention, so a record lives up to the retention plus this.");

  ConfigOption<Duration> TOPIC_MAX_COMPACTION_LAG = key("pulse.topics.max-compaction-lag")
      .durationType().defaultValue(TopicDeadlines.DEFAULTS.maxCompactionLag())
      .withDescription("max.compaction.lag.ms of the compacted topics (customer-profiles, segment-rules,"
          + " clv-quantiles): a record overwritten or deleted by a tombstone is compacted away within this.");

  ConfigOption<Duration> TOPIC_TOMBSTONE_RETENTION = key("pulse.topics.tombstone-retention")
      .durationType().defaultValue(TopicDeadlines.DEFAULTS.tombstoneRetention())
      .withDescription("delete.retention.ms of the compacted topics: how long a tombstone (which holds the key, e.g. an"
          + " erased customer id) stays after compaction, so that consumers reading the topic see the deletion. With"
          + " pulse.topics.max-compaction-lag at most pulse.privacy.copies-gone-within.");
}
