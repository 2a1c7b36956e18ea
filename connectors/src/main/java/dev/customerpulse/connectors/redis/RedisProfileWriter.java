package dev.customerpulse.connectors.redis;

import dev.customerpulse.connectors.metrics.HdrHistogramMetric;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Buffers the latest profile per customer and writes a batch in two pipelined round trips: first
 * the versioned upserts of the profile hashes, then the segment-set changes those upserts call for.
 */
final class RedisProfileWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(RedisProfileWriter.class);
  static final String UPSERT_SCRIPT = readScript("profile-upsert.lua");
  static final String SYNCED_SCRIPT = readScript("segments-synced.lua");

  private final RedisSettings settings;
  private final RedisKeys keys;
  private final RedisSinkOptions options;
  private final RedisProfileMapper<T> mapper;
  private final ProcessingTimeService time;

  private final Map<String, T> pending = new LinkedHashMap<>();
  private long[] sourceTimestamps = new long[4096];
  private int sourceTimestampCount;
  private boolean lingerTimerArmed;

  private Jedis jedis;
  private String upsertSha;
  private String syncedSha;

  private final Counter profilesWritten;
  private final Counter staleWritesRefused;
  private final HdrHistogramMetric eventToRedisMillis = new HdrHistogramMetric();
  private final HdrHistogramMetric batchSizes = new HdrHistogramMetric();

  RedisProfileWriter(RedisSettings settings, RedisKeys keys, RedisSinkOptions options, RedisProfileMapper<T> mapper,
      ProcessingTimeService time, MetricGroup metrics) {
    this.settings = settings;
    this.keys = keys;
    this.options = options;
    this.mapper = mapper;
    this.time = time;
    MetricGroup group = metrics.addGroup("redis");
    this.profilesWritten = group.counter("profilesWritten");
    this.staleWritesRefused = group.counter("staleWritesRefused");
    group.histogram("eventToRedisMillis", eventToRedisMillis);
    group.histogram("batchSize", batchSizes);
  }

  @Override
  public void write(T profile, Context context) throws IOException, InterruptedException {
    pending.put(mapper.customerId(profile), profile);
    if (sourceTimestampCount == sourceTimestamps.length) {
      sourceTimestamps = Arrays.copyOf(sourceTimestamps, sourceTimestamps.length * 2);
    }
    sourceTimestamps[sourceTimestampCount++] = mapper.sourceTimestampMillis(profile);
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

  /** Called before every checkpoint barrier and at end of input: nothing stays buffered across a checkpoint. */
  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    flushPending();
  }

  private void flushPending() throws IOException, InterruptedException {
    if (pending.isEmpty()) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        writeBatch();
        break;
      } catch (JedisConnectionException e) {
        closeConnection();
        if (attempt >= options.maxAttempts()) {
          throw new IOException("Redis at " + settings.displayUrl() + " is unreachable after " + attempt
              + " attempts: " + e.getMessage(), e);
        }
        LOG.warn("Redis write failed (attempt {} of {}), retrying: {}", attempt, options.maxAttempts(), e.getMessage());
        Thread.sleep(Math.min(2_000L, 100L << attempt));
      }
    }
    long now = System.currentTimeMillis();
    for (int i = 0; i < sourceTimestampCount; i++) {
      eventToRedisMillis.update(now - sourceTimestamps[i]);
    }
    batchSizes.update(pending.size());
    pending.clear();
    sourceTimestampCount = 0;
  }

  private void writeBatch() {
    Jedis connection = connection();
    List<UpsertResult> results = upsertProfiles(connection);
    Pipeline sets = connection.pipelined();
    for (UpsertResult result : results) {
      if (result.applied) {
        profilesWritten.inc();
      } else {
        staleWritesRefused.inc();
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
    sets.sync();
  }

  private List<UpsertResult> upsertProfiles(Jedis connection) {
    for (int attempt = 0; ; attempt++) {
      Pipeline pipeline = connection.pipelined();
      List<Response<Object>> responses = new ArrayList<>(pending.size());
      List<UpsertResult> results = new ArrayList<>(pending.size());
      for (Map.Entry<String, T> entry : pending.entrySet()) {
        T profile = entry.getValue();
        List<String> segments = mapper.segments(profile);
        List<String> args = new ArrayList<>(48);
        args.add(Long.toString(mapper.version(profile)));
        args.add(join(segments));
        mapper.appendFields(profile, args);
        responses.add(pipeline.evalsha(upsertSha, List.of(keys.profile(entry.getKey())), args));
        results.add(new UpsertResult(entry.getKey()));
      }
      pipeline.sync();
      try {
        for (int i = 0; i < responses.size(); i++) {
          results.get(i).read(responses.get(i).get());
        }
        return results;
      } catch (JedisDataException e) {
        // Redis restarted or failed over and lost its script cache: load the script and redo the batch.
        if (attempt == 0 && e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) {
          loadScripts(connection);
          continue;
        }
        throw e;
      }
    }
  }

  private Jedis connection() {
    if (jedis == null) {
      Jedis connection = settings.connect();
      try {
        loadScripts(connection);
        connection.hset(keys.contract(), "version", Integer.toString(RedisKeys.CONTRACT_VERSION));
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
      jedis = connection;
    }
    return jedis;
  }

  private void loadScripts(Jedis connection) {
    upsertSha = connection.scriptLoad(UPSERT_SCRIPT);
    syncedSha = connection.scriptLoad(SYNCED_SCRIPT);
  }

  private void closeConnection() {
    if (jedis != null) {
      try {
        jedis.close();
      } catch (RuntimeException ignored) {
        // The connection is already broken; a new one is opened on the next attempt.
      }
      jedis = null;
    }
  }

  @Override
  public void close() {
    closeConnection();
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

  private static String readScript(String name) {
    try (InputStream in = RedisProfileWriter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class UpsertResult {
    final String customerId;
    boolean applied;
    String segments;
    String synced;

    UpsertResult(String customerId) {
      this.customerId = customerId;
    }

    void read(Object reply) {
      List<?> values = (List<?>) reply;
      applied = ((Number) values.get(0)).longValue() == 1L;
      segments = text(values.get(1));
      synced = text(values.get(2));
    }

    private static String text(Object value) {
      return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
  }
}
