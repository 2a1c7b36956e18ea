package dev.customerpulse.connectors.redis;

import dev.customerpulse.connectors.metrics.HdrHistogramMetric;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Buffers the latest profile per customer and hands batches to an I/O thread, which writes each in
 * two pipelined round trips ({@link ProfileBatchWriter}): first the versioned upserts of the profile
 * hashes, then the segment-set changes those upserts call for. A batch goes out every linger, when
 * the batch is full, and before every checkpoint. While Redis is unavailable the I/O thread retries
 * with backoff ({@link RedisOutage}); with two batches in flight, write() and flush() wait, which
 * back-pressures the task: at most two batches and one buffer are held, however long the outage.
 */
final class RedisProfileWriter<T> implements SinkWriter<T> {
  private final RedisSettings settings;
  private final RedisSinkOptions options;
  private final RedisProfileMapper<T> mapper;
  private final ProcessingTimeService time;

  /** Batches written at once by the I/O thread; more wait in write(), which is the backpressure. */
  private static final int MAX_IN_FLIGHT = 2;

  private Map<String, T> pending = new LinkedHashMap<>();
  /** Refills in {@link #pending} that a later update of the same customer replaced. */
  private long supersededRefills;
  private long[] sourceTimestamps = new long[4096];
  private int sourceTimestampCount;
  private boolean lingerTimerArmed;
  /**
   * Batches go to one I/O thread per writer, so the task keeps processing while Redis works. One
   * thread keeps batches, and so each customer's writes, in order; it alone touches the batch
   * writer, and so the connection and the remembered profiles.
   */
  private final ExecutorService io;
  private final ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();
  private final ProfileBatchWriter<T> batches;
  private final RedisFailedWrites.Handler<T> failedWrites;

  private final HdrHistogramMetric eventToRedisMillis = new HdrHistogramMetric();
  private final HdrHistogramMetric batchSizes = new HdrHistogramMetric();
  /** Wall time of one batch round trip (pipelined upserts and their replies), retries included. */
  private final HdrHistogramMetric writeMillis = new HdrHistogramMetric();

  /** A writer whose failed writes are only logged and counted (tests). */
  RedisProfileWriter(RedisSettings settings, RedisKeys keys, RedisSinkOptions options, RedisProfileMapper<T> mapper,
      ProcessingTimeService time, MetricGroup metrics) {
    this(settings, keys, options, mapper, time, metrics, RedisFailedWrites.loggedHandler());
  }

  RedisProfileWriter(RedisSettings settings, RedisKeys keys, RedisSinkOptions options, RedisProfileMapper<T> mapper,
      ProcessingTimeService time, MetricGroup metrics, RedisFailedWrites.Handler<T> failedWrites) {
    this.settings = settings;
    this.failedWrites = failedWrites;
    this.options = options;
    this.mapper = mapper;
    this.time = time;
    this.io = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "redis-profile-writer");
      thread.setDaemon(true);
      return thread;
    });
    MetricGroup group = metrics.addGroup("pulse").addGroup("redis");
    RedisOutage outage = new RedisOutage("profile writer", settings.displayUrl(), options.outageTolerance());
    group.gauge("redisUnavailableSeconds", (Gauge<Long>) outage::unavailableSeconds);
    group.gauge("redisRetries", (Gauge<Long>) outage::retries);
    this.batches = new ProfileBatchWriter<>(settings, keys, options, mapper, group, outage, failedWrites);
    group.histogram("eventToRedisMillis", eventToRedisMillis);
    group.histogram("batchSize", batchSizes);
    group.histogram("writeMillis", writeMillis);
  }

  @Override
  public void write(T profile, Context context) throws IOException, InterruptedException {
    T replaced = pending.put(mapper.customerId(profile), profile);
    if (replaced != null && mapper.refill(replaced)) {
      supersededRefills++;
    }
    if (sourceTimestampCount == sourceTimestamps.length) {
      sourceTimestamps = Arrays.copyOf(sourceTimestamps, sourceTimestamps.length * 2);
    }
    long source = mapper.sourceTimestampMillis(profile);
    if (source > 0) {
      sourceTimestamps[sourceTimestampCount++] = source;
    }
    if (pending.size() >= options.maxBatch() || options.lingerMillis() == 0) {
      flushPending();
    } else if (!lingerTimerArmed) {
      lingerTimerArmed = true;
      time.registerTimer(time.getCurrentProcessingTime() + options.lingerMillis(), firedAt -> {
        lingerTimerArmed = false;
        flushPending();
      });
    }
  }

  /**
   * Called before every checkpoint barrier and at end of input: waits until everything written so
   * far is in Redis (and every failed write stored), so nothing stays buffered across a checkpoint.
   * While Redis is unavailable this waits too, up to the outage tolerance: the checkpoint completes
   * after Redis is back, or fails when its timeout (execution.checkpointing.timeout) is shorter.
   */
  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    flushPending();
    while (!inFlight.isEmpty()) {
      awaitOldest();
    }
    batches.flushFailedWrites();
  }

  /** Hands the buffered profiles to the I/O thread, waiting first if too many batches are in flight. */
  private void flushPending() throws IOException, InterruptedException {
    checkFailures();
    if (pending.isEmpty()) {
      return;
    }
    while (inFlight.size() >= MAX_IN_FLIGHT) {
      awaitOldest();
    }
    Map<String, T> batch = pending;
    long[] timestamps = Arrays.copyOf(sourceTimestamps, sourceTimestampCount);
    long superseded = supersededRefills;
    pending = new LinkedHashMap<>();
    supersededRefills = 0;
    sourceTimestampCount = 0;
    inFlight.add(io.submit(() -> {
      long started = System.nanoTime();
      batches.writeWithRetries(batch, superseded);
      writeMillis.update((System.nanoTime() - started) / 1_000_000);
      long now = System.currentTimeMillis();
      for (long timestamp : timestamps) {
        eventToRedisMillis.update(now - timestamp);
      }
      batchSizes.update(batch.size());
      return null;
    }));
  }

  private void checkFailures() throws IOException, InterruptedException {
    while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
      awaitOldest();
    }
  }

  private void awaitOldest() throws IOException, InterruptedException {
    try {
      inFlight.poll().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException("writing profiles to Redis at " + settings.displayUrl() + " failed: " + cause.getMessage(), cause);
    }
  }

  @Override
  public void close() throws InterruptedException {
    io.shutdown();
    if (!io.awaitTermination(30, TimeUnit.SECONDS)) {
      io.shutdownNow();
    }
    batches.closeConnection();
    failedWrites.close();
  }
}
