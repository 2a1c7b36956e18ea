package dev.customerpulse.connectors.redis;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes live customer profiles and segment memberships to Redis: coalesced per customer,
 * pipelined, flushed on a short linger timer, when the batch is full, and before every checkpoint
 * barrier; idempotent through a per-customer version compare-and-set.
 */
public final class RedisProfileSink<T> implements Sink<T> {
  private final RedisSettings settings;
  private final RedisKeys keys;
  private final RedisSinkOptions options;
  private final RedisProfileMapper<T> mapper;
  private final RedisFailedWrites<T> failedWrites;

  public RedisProfileSink(RedisSettings settings, RedisKeys keys, RedisSinkOptions options, RedisProfileMapper<T> mapper) {
    this(settings, keys, options, mapper, RedisFailedWrites.logged());
  }

  /** @param failedWrites where writes go that Redis refuses for their key alone (WRONGTYPE) */
  public RedisProfileSink(RedisSettings settings, RedisKeys keys, RedisSinkOptions options, RedisProfileMapper<T> mapper,
      RedisFailedWrites<T> failedWrites) {
    this.settings = settings;
    this.keys = keys;
    this.options = options;
    this.mapper = mapper;
    this.failedWrites = failedWrites;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return new RedisProfileWriter<>(settings, keys, options, mapper, context.getProcessingTimeService(), context.metricGroup(),
        failedWrites.open(context.getTaskInfo().getIndexOfThisSubtask()));
  }
}
