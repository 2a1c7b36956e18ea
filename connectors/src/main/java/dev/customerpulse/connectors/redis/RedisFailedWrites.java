package dev.customerpulse.connectors.redis;

import java.io.IOException;
import java.io.Serializable;

/**
 * Where a profile write goes that Redis refused for its key alone (WRONGTYPE: the key holds another
 * type), so that one customer's key does not fail the task: the rest of the batch is written. The job
 * sends them to the dead-letters topic ({@code REDIS_WRITE_FAILED}). Serializable; each writer opens
 * its own {@link Handler}.
 */
public interface RedisFailedWrites<T> extends Serializable {

  /** The handler of one writer (one sink subtask). */
  Handler<T> open(int subtask) throws IOException;

  /** Receives a writer's failed writes, on its I/O thread; flushed before every checkpoint. */
  interface Handler<T> extends AutoCloseable {
    /**
     * The write of {@code profile} (customer {@code customerId}, version {@code version}) to {@code key}
     * was refused with {@code error}.
     */
    void failed(T profile, String customerId, long version, String key, String error) throws IOException;

    /** Waits until every failed write handed over so far is stored (before a checkpoint completes). */
    void flush() throws IOException, InterruptedException;

    @Override
    void close();
  }

  /** Failed writes only counted and logged (tests, tools). */
  static <T> RedisFailedWrites<T> logged() {
    return subtask -> loggedHandler();
  }

  /** A handler that only logs (tests, tools). */
  static <T> Handler<T> loggedHandler() {
    return new Handler<>() {
      @Override
      public void failed(T profile, String customerId, long version, String key, String error) {
        org.slf4j.LoggerFactory.getLogger(RedisFailedWrites.class)
            .warn("Redis refused the write of customer {} (version {}) to {}: {}", customerId, version, key, error);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
