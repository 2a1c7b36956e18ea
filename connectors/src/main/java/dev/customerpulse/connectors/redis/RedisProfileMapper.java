package dev.customerpulse.connectors.redis;

import java.io.Serializable;
import java.util.List;

/** Tells the Redis writer how to store one profile element. */
public interface RedisProfileMapper<T> extends Serializable {

  String customerId(T profile);

  /** Per-customer update sequence: strictly higher for every newer profile of the same customer. */
  long version(T profile);

  /** The customer's segments after this update, each a name like {@code tier:vip}. */
  List<String> segments(T profile);

  /** Names of the profile's hash fields in a fixed order (the writer's own v, segments, segments_synced excluded). */
  List<String> fieldNames();

  /** Sets the value of every field of {@link #fieldNames()}, by position. */
  void values(T profile, FieldValues out);

  /**
   * Wall-clock time the triggering input was produced (its Kafka timestamp), for latency metrics;
   * 0 for updates no input caused (rescoring as time passes), which are left out of the latency.
   */
  long sourceTimestampMillis(T profile);

  /**
   * The customer's score in the ranking sorted set ({@link RedisKeys#churnRisk()}), or NaN to leave
   * them out of it.
   */
  default double rank(T profile) {
    return Double.NaN;
  }

  /** True when the customer is gone (expired or erased): the profile is deleted and leaves its segments. */
  default boolean deleted(T profile) {
    return false;
  }
}
