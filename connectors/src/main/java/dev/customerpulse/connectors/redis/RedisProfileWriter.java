package dev.customerpulse.connectors.redis;

import dev.customerpulse.connectors.metrics.HdrHistogramMetric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Buffers the latest profile per customer and writes a batch in two pipelined round trips: first
 * the versioned upserts of the profile hashes, then the segment-set changes those upserts call for.
 */
final class RedisProfileWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(RedisProfileWriter.class);
  static final String UPSERT_SCRIPT = LuaScripts.read("profile-upsert.lua");
  static final String SYNCED_SCRIPT = LuaScripts.read("segments-synced.lua");
  static final String DELETE_SCRIPT = LuaScripts.read("profile-delete.lua");

  private final RedisSettings settings;
  private final RedisKeys keys;
  private final RedisSinkOptions options;
  private final RedisProfileMapper<T> mapper;
  private final ProcessingTimeService time;

  /** Batches written at once by the I/O thread; more wait in write(), which is the backpressure. */
  private static final int MAX_IN_FLIGHT = 2;

  private Map<String, T> pending = new LinkedHashMap<>();
  private long[] sourceTimestamps = new long[4096];
  private int sourceTimestampCount;
  private boolean lingerTimerArmed;
  /**
   * Batches go to one I/O thread per writer, so the task keeps processing while Redis works. One
   * thread keeps batches, and so each customer's writes, in order; it alone touches the connection
   * and the remembered profiles.
   */
  private final ExecutorService io;
  private final ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();

  static final int REFUSED = 0;
  static final int APPLIED = 1;
  static final int BASE_MISMATCH = 2;

  /** Ends every field name and value in the packed argument of the upsert script. */

  private static final byte[] ZERO = {'0'};
  /** Scratch space where each value is formatted before it is packed. */
  private final ValueBytes formatted = new ValueBytes(64);
  /** The changed fields of one write as MessagePack strings: name, value, name, value, ... */
  private final ValueBytes packed = new ValueBytes(1024);
  private final List<String> fieldNames;
  private final byte[][] fieldNameBytes;
  private final int fieldCount;
  /** What this writer last wrote per customer (most recently written first out), to send only changes. */
  private final Map<String, Remembered> remembered;
  private UnifiedJedis redis;
  private String upsertSha;
  private byte[] upsertShaBytes;
  private String syncedSha;
  private String deleteSha;

  private final Counter profilesWritten;
  private final Counter staleWritesRefused;
  private final Counter fieldsSkipped;
  private final HdrHistogramMetric eventToRedisMillis = new HdrHistogramMetric();
  private final HdrHistogramMetric batchSizes = new HdrHistogramMetric();
  /** Wall time of one batch round trip (pipelined upserts and their replies), retries included. */
  private final HdrHistogramMetric writeMillis = new HdrHistogramMetric();

  RedisProfileWriter(RedisSettings settings, RedisKeys keys, RedisSinkOptions options, RedisProfileMapper<T> mapper,
      ProcessingTimeService time, MetricGroup metrics) {
    this.settings = settings;
    this.keys = keys;
    this.options = options;
    this.mapper = mapper;
    this.time = time;
    this.fieldNames = List.copyOf(mapper.fieldNames());
    this.fieldCount = fieldNames.size();
    this.fieldNameBytes = new byte[fieldCount][];
    for (int i = 0; i < fieldCount; i++) {
      fieldNameBytes[i] = fieldNames.get(i).getBytes(StandardCharsets.UTF_8);
    }
    this.io = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "redis-profile-writer");
      thread.setDaemon(true);
      return thread;
    });
    int capacity = options.rememberedProfiles();
    this.remembered = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
        return size() > capacity;
      }
    };
    MetricGroup group = metrics.addGroup("pulse").addGroup("redis");
    this.profilesWritten = group.counter("profilesWritten", new ThreadSafeSimpleCounter());
    this.staleWritesRefused = group.counter("staleWritesRefused", new ThreadSafeSimpleCounter());
    this.fieldsSkipped = group.counter("unchangedFieldsSkipped", new ThreadSafeSimpleCounter());
    group.histogram("eventToRedisMillis", eventToRedisMillis);
    group.histogram("batchSize", batchSizes);
    group.histogram("writeMillis", writeMillis);
  }

  @Override
  public void write(T profile, Context context) throws IOException, InterruptedException {
    pending.put(mapper.customerId(profile), profile);
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
   * far is in Redis, so nothing stays buffered across a checkpoint.
   */
  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    flushPending();
    while (!inFlight.isEmpty()) {
      awaitOldest();
    }
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
    pending = new LinkedHashMap<>();
    sourceTimestampCount = 0;
    inFlight.add(io.submit(() -> {
      long started = System.nanoTime();
      writeWithRetries(batch);
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

  /** On the I/O thread: writes one batch, reconnecting and retrying on connection errors. */
  private void writeWithRetries(Map<String, T> batch) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        writeBatch(batch);
        return;
      } catch (RuntimeException e) {
        if (!RedisFailures.retryable(e)) {
          throw e;
        }
        closeConnection();
        if (attempt >= options.maxAttempts()) {
          throw new IOException("Redis at " + settings.displayUrl() + " is unreachable after " + attempt
              + " attempts: " + e.getMessage(), e);
        }
        LOG.warn("Redis write failed (attempt {} of {}), retrying: {}", attempt, options.maxAttempts(), e.getMessage());
        Thread.sleep(Math.min(2_000L, 100L << attempt));
      }
    }
  }

  private void writeBatch(Map<String, T> batch) {
    UnifiedJedis connection = connection();
    List<UpsertResult> results = upsertProfiles(connection, batch);
    try (AbstractPipeline sets = connection.pipelined()) {
      syncSegments(sets, results);
      sets.sync();
    }
  }

  /** Queues the segment-set and ranking changes the applied upserts call for. */
  private void syncSegments(AbstractPipeline sets, List<UpsertResult> results) {
    for (UpsertResult result : results) {
      if (result.status == APPLIED) {
        profilesWritten.inc();
      } else {
        staleWritesRefused.inc();
      }
      if (result.deleted) {
        if (result.status == APPLIED) {
          Set<String> leave = split(result.segments);
          leave.addAll(split(result.synced));
          for (String segment : leave) {
            sets.srem(keys.segment(segment), result.customerId);
          }
          sets.zrem(keys.churnRisk(), result.customerId);
        }
        continue;
      }
      if (result.status == APPLIED) {
        // Only for a write Redis took: batches go out one after another, so the ranking follows the
        // newest applied version of each customer.
        double rank = mapper.rank(result.profile);
        if (!Double.isNaN(rank)) {
          sets.zadd(keys.churnRisk(), rank, result.customerId);
        }
      }
      // Usually equal: segment sets change only when segments do. They also differ after a crash
      // between the upsert and this step; the replayed (refused) write then puts the sets right.
      if (!result.segments.equals(result.synced)) {
        Set<String> now = split(result.segments);
        Set<String> leave = split(result.synced);
        leave.removeAll(now);
        for (String segment : now) {
          sets.sadd(keys.segment(segment), result.customerId);
        }
        for (String segment : leave) {
          sets.srem(keys.segment(segment), result.customerId);
        }
        sets.evalsha(syncedSha, List.of(keys.profile(result.customerId)), List.of(result.segments));
      }
    }
  }

  private List<UpsertResult> upsertProfiles(UnifiedJedis connection, Map<String, T> batch) {
    for (int attempt = 0; ; attempt++) {
      try {
        List<UpsertResult> results = new ArrayList<>(batch.size());
        for (Map.Entry<String, T> entry : batch.entrySet()) {
          results.add(new UpsertResult(entry.getKey(), entry.getValue(), mapper.deleted(entry.getValue())));
        }
        send(connection, results, false);
        List<UpsertResult> mismatched = results.stream().filter(r -> r.status == BASE_MISMATCH).toList();
        if (!mismatched.isEmpty()) {
          // The hash is not where this writer left it (restart, another writer, eviction): write those in full.
          send(connection, mismatched, true);
        }
        for (UpsertResult result : results) {
          if (result.deleted || result.status != APPLIED) {
            remembered.remove(result.customerId);
          } else if (options.rememberedProfiles() > 0) {
            remember(result.customerId, mapper.version(result.profile), result.values);
          }
        }
        return results;
      } catch (JedisDataException e) {
        // Redis restarted or failed over and lost its script cache: load the scripts and redo the batch.
        if (attempt == 0 && RedisFailures.noScript(e)) {
          loadScripts(connection);
          continue;
        }
        throw e;
      }
    }
  }

  /** One pipelined round trip of upserts (or deletions); fills in each result's status. */
  private void send(UnifiedJedis connection, List<UpsertResult> batch, boolean full) {
    List<Response<Object>> responses = new ArrayList<>(batch.size());
    try (AbstractPipeline pipeline = connection.pipelined()) {
      queueUpserts(pipeline, batch, full, responses);
      pipeline.sync();
    }
    for (int i = 0; i < responses.size(); i++) {
      batch.get(i).read(responses.get(i).get());
    }
  }

  private void queueUpserts(AbstractPipeline pipeline, List<UpsertResult> batch, boolean full,
      List<Response<Object>> responses) {
    for (UpsertResult result : batch) {
      String key = keys.profile(result.customerId);
      long version = mapper.version(result.profile);
      if (result.deleted) {
        responses.add(pipeline.evalsha(deleteSha, List.of(key), List.of(Long.toString(version))));
        continue;
      }
      if (result.values == null) {
        result.values = new FieldValues(fieldNames.size());
        mapper.values(result.profile, result.values);
      }
      Remembered before = full ? null : remembered.get(result.customerId);
      result.sentSegments = join(mapper.segments(result.profile));
      packed.clear();
      int written = 0;
      for (int field = 0; field < fieldCount; field++) {
        if (before == null || !result.values.sameAs(before.values, field)) {
          packed.appendPacked(fieldNameBytes[field], 0, fieldNameBytes[field].length);
          formatted.clear();
          result.values.appendTo(field, formatted);
          packed.appendPacked(formatted.buffer(), 0, formatted.length());
          written++;
        }
      }
      fieldsSkipped.inc(fieldCount - written);
      responses.add(pipeline.evalsha(upsertShaBytes, List.of(key.getBytes(StandardCharsets.UTF_8)), List.of(ascii(version),
          before == null ? ZERO : ascii(before.version), result.sentSegments.getBytes(StandardCharsets.UTF_8),
          packed.toByteArray())));
    }
  }

  private UnifiedJedis connection() {
    if (redis == null) {
      UnifiedJedis connection = settings.connect();
      try {
        loadScripts(connection);
        connection.hset(keys.contract(), "version", Integer.toString(RedisKeys.CONTRACT_VERSION));
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
      redis = connection;
    }
    return redis;
  }

  /** Into every server: in a cluster, each key's node runs the scripts. */
  private void loadScripts(UnifiedJedis connection) {
    upsertSha = RedisNodes.loadScript(connection, UPSERT_SCRIPT);
    upsertShaBytes = upsertSha.getBytes(StandardCharsets.US_ASCII);
    syncedSha = RedisNodes.loadScript(connection, SYNCED_SCRIPT);
    deleteSha = RedisNodes.loadScript(connection, DELETE_SCRIPT);
  }

  private void closeConnection() {
    if (redis != null) {
      try {
        redis.close();
      } catch (RuntimeException ignored) {
        // The connection is already broken; a new one is opened on the next attempt.
      }
      redis = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    io.shutdown();
    if (!io.awaitTermination(30, TimeUnit.SECONDS)) {
      io.shutdownNow();
    }
    closeConnection();
  }

  private static byte[] ascii(long number) {
    return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
  }

  static String join(List<String> segments) {
    for (String segment : segments) {
      if (segment.indexOf(',') >= 0) {
        throw new IllegalArgumentException("segment names must not contain ',': " + segment);
      }
    }
    return String.join(",", segments);
  }

  static Set<String> split(String segments) {
    Set<String> out = new LinkedHashSet<>();
    if (segments != null && !segments.isEmpty()) {
      out.addAll(Arrays.asList(segments.split(",")));
    }
    return out;
  }

  /**
   * Overwrites what is remembered of a customer in place: the remembered profiles are long-lived
   * (old generation), and replacing one per write made old-generation garbage and, in G1, a
   * cross-generation reference per write.
   */
  private void remember(String customerId, long version, FieldValues values) {
    Remembered known = remembered.get(customerId);
    if (known == null) {
      remembered.put(customerId, new Remembered(version, values));
    } else {
      known.version = version;
      known.values.copyFrom(values);
    }
  }

  /** A profile as this writer last wrote it; overwritten in place by the next write. */
  private static final class Remembered {
    long version;
    final FieldValues values;

    Remembered(long version, FieldValues values) {
      this.version = version;
      this.values = values;
    }
  }

  private final class UpsertResult {
    final String customerId;
    final T profile;
    final boolean deleted;
    FieldValues values;
    int status;
    /** The segments this write carried. */
    String sentSegments;
    String segments;
    String synced;

    UpsertResult(String customerId, T profile, boolean deleted) {
      this.customerId = customerId;
      this.profile = profile;
      this.deleted = deleted;
    }

    void read(Object reply) {
      if (reply instanceof Long) {
        // Applied, and the segment sets already match the segments this write carried.
        status = APPLIED;
        segments = sentSegments;
        synced = sentSegments;
        return;
      }
      List<?> values = (List<?>) reply;
      status = (int) ((Number) values.get(0)).longValue();
      segments = text(values.get(1));
      synced = text(values.get(2));
    }

    private String text(Object value) {
      return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
  }
}
