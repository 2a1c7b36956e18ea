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

  /**
   * The purposes the customer granted consent for after this update: the consent sets
   * ({@link RedisKeys#consent}) they belong in. Must equal what the mapped {@code consents} field
   * holds, comma-separated, since that is what the sets are checked against.
   */
  default List<String> consents(T profile) {
    return List.of();
  }

  /**
   * True when the customer may not be profiled (no consent): their hash is replaced by the fields
   * of {@link #restrictedFieldNames()} alone, and they leave every segment set and the ranking.
   */
  default boolean restricted(T profile) {
    return false;
  }

  /** The fields (of {@link #fieldNames()}) a restricted profile keeps; {@link #values} must set at least these. */
  default List<String> restrictedFieldNames() {
    return List.of();
  }

  /** True when the customer is gone (expired or erased): the profile is deleted and leaves its segments. */
  default boolean deleted(T profile) {
    return false;
  }

  /**
   * True for a refill: the profile as it stands, re-sent because Redis lost it (restarted empty) or a
   * rebuild was asked for. Written in full whatever this writer remembers, also over the same version,
   * with its segment and consent sets and its ranking.
   */
  default boolean refill(T profile) {
    return false;
  }
}
