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

  /** Appends the profile's hash fields as name, value, name, value, ... (bookkeeping fields excluded). */
  void appendFields(T profile, List<String> out);

  /** Wall-clock time the triggering input was produced (its Kafka timestamp), for latency metrics. */
  long sourceTimestampMillis(T profile);
}
