package dev.customerpulse.connectors.redis;

import java.io.Serializable;
import java.util.List;

/**
 * How a record becomes one entry of a Redis stream, or the removal of every entry of one owner (a
 * customer who was erased). Entries are indexed by owner, so that a purge finds them.
 */
public interface RedisStreamMapper<T> extends Serializable {
  /** Whom the entry is about (e.g. the customer id); its entries are removed together by a purge. */
  String owner(T record);

  /** Whether the record asks to remove every entry of its {@link #owner} instead of appending. */
  boolean purge(T record);

  /** A stable id: an entry whose id was appended before is not appended again. */
  String id(T record);

  /** Event time of the record, epoch milliseconds (ids are remembered for a while of event time). */
  long eventTimeMillis(T record);

  /** The entry's fields and values, alternating. */
  List<String> fields(T record);
}
