package dev.customerpulse.connectors.redis;

import java.io.Serializable;
import java.util.List;

/** How a record becomes one entry of a Redis stream. */
public interface RedisStreamMapper<T> extends Serializable {
  /** A stable id: an entry whose id was appended before is not appended again. */
  String id(T record);

  /** Event time of the record, epoch milliseconds (ids are remembered for a while of event time). */
  long eventTimeMillis(T record);

  /** The entry's fields and values, alternating. */
  List<String> fields(T record);
}
