package dev.customerpulse.connectors.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Writes one batch of profiles in two pipelined round trips: first the versioned upserts of the
 * profile hashes (only the fields that changed since this writer's last write of the customer), then
 * the segment-set changes those upserts call for ({@link SegmentSync}). Owns the connection and the
 * scripts; reconnects and resends a batch while Redis is unavailable, within the outage tolerance
 * ({@link RedisOutage}); hands a write Redis refuses for its key alone to the failed writes. Used by
 * one thread only (the Redis writer's I/O thread).
 */
final class ProfileBatchWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileBatchWriter.class);
  static final String UPSERT_SCRIPT = LuaScripts.read("profile-upsert.lua");
  static final String SYNCED_SCRIPT = LuaScripts.read("segments-synced.lua");
  static final String DELETE_SCRIPT = LuaScripts.read("profile-delete.lua");
  private static final byte[] ZERO = {'0'};
  /** The base version of a replacing write (profile-upsert.lua). */
  private static final byte[] REPLACE = {'R'};
  /** The base version of a refill (profile-upsert.lua). */
  private static final byte[] REFILL = {'F'};

  private final RedisSettings settings;
  private final RedisKeys keys;
  private final RedisSinkOptions options;
  private final RedisProfileMapper<T> mapper;
  private final SegmentSync<T> segmentSync;
  /** Scratch space where each value is formatted before it is packed. */
  private final ValueBytes formatted = new ValueBytes(64);
  /** The changed fields of one write as MessagePack strings: name, value, name, value, ... */
  private final ValueBytes packed = new ValueBytes(1024);
  private final byte[][] fieldNameBytes;
  private final int fieldCount;
  /** Per field: whether a restricted profile keeps it. */
  private final boolean[] keptWhenRestricted;
  private final RememberedProfiles remembered;
  private final Counter fieldsSkipped;
  private final Counter failedWrites;
  private final RedisOutage outage;
  private final RedisFailedWrites.Handler<T> failed;
  private UnifiedJedis redis;
  private String upsertSha;
  private byte[] upsertShaBytes;
  private String syncedSha;
  private String deleteSha;

  /**
   * {@code metrics} is the writer's group, where its counters go; {@code failed} receives the writes
   * Redis refuses for their key alone.
   */
  ProfileBatchWriter(RedisSettings settings, RedisKeys keys, RedisSinkOptions options, RedisProfileMapper<T> mapper,
      MetricGroup metrics, RedisOutage outage, RedisFailedWrites.Handler<T> failed) {
    this.outage = outage;
    this.failed = failed;
    this.settings = settings;
    this.keys = keys;
    this.options = options;
    this.mapper = mapper;
    List<String> fieldNames = List.copyOf(mapper.fieldNames());
    this.fieldCount = fieldNames.size();
    this.fieldNameBytes = new byte[fieldCount][];
    for (int i = 0; i < fieldCount; i++) {
      fieldNameBytes[i] = fieldNames.get(i).getBytes(StandardCharsets.UTF_8);
    }
    this.keptWhenRestricted = new boolean[fieldCount];
    for (String name : mapper.restrictedFieldNames()) {
      int field = fieldNames.indexOf(name);
      if (field < 0) {
        throw new IllegalArgumentException("restricted field " + name + " is not one of the fields " + fieldNames);
      }
      keptWhenRestricted[field] = true;
    }
    this.remembered = new RememberedProfiles(options.rememberedProfiles());
    Counter profilesWritten = metrics.counter("profilesWritten", new ThreadSafeSimpleCounter());
    Counter staleWritesRefused = metrics.counter("staleWritesRefused", new ThreadSafeSimpleCounter());
    this.fieldsSkipped = metrics.counter("unchangedFieldsSkipped", new ThreadSafeSimpleCounter());
    this.failedWrites = metrics.counter("failedWrites", new ThreadSafeSimpleCounter());
    this.segmentSync = new SegmentSync<>(keys, mapper, profilesWritten, staleWritesRefused);
  }

  /**
   * Writes one batch, reconnecting and retrying with backoff while Redis is unavailable, until the
   * outage tolerance runs out; then, or on an error no retry helps, throws. {@code supersededRefills}
   * counts refills that a later update of the same customer replaced in this batch: they count as
   * settled in the refill counter ({@link RedisKeys#refilled()}).
   */
  void writeWithRetries(Map<String, T> batch, long supersededRefills) throws IOException, InterruptedException {
    while (true) {
      try {
        writeBatch(batch, supersededRefills);
        outage.succeeded();
        return;
      } catch (RuntimeException e) {
        if (!RedisFailures.outage(e)) {
          throw e;
        }
        closeConnection();
        outage.failed(e);
      }
    }
  }

  private void writeBatch(Map<String, T> batch, long supersededRefills) throws IOException {
    UnifiedJedis connection = connection();
    List<UpsertResult<T>> results = upsertProfiles(connection, batch);
    long refills = supersededRefills;
    try (AbstractPipeline sets = connection.pipelined()) {
      segmentSync.queue(sets, results, syncedSha);
      for (UpsertResult<T> result : results) {
        refills += result.refill ? 1 : 0;
      }
      if (refills > 0) {
        sets.incrBy(keys.refilled(), refills);
      }
      sets.sync();
    }
    for (UpsertResult<T> result : results) {
      if (result.status == UpsertResult.FAILED) {
        failedWrites.inc();
        LOG.warn("Redis refused the write of customer {} (version {}) to {}, which goes to the failed writes: {}",
            result.customerId, mapper.version(result.profile), keys.profile(result.customerId), result.error);
        failed.failed(result.profile, result.customerId, mapper.version(result.profile), keys.profile(result.customerId),
            result.error);
      }
    }
  }

  private List<UpsertResult<T>> upsertProfiles(UnifiedJedis connection, Map<String, T> batch) {
    for (int attempt = 0; ; attempt++) {
      try {
        List<UpsertResult<T>> results = new ArrayList<>(batch.size());
        for (Map.Entry<String, T> entry : batch.entrySet()) {
          T profile = entry.getValue();
          results.add(new UpsertResult<>(entry.getKey(), profile, mapper.deleted(profile), mapper.restricted(profile),
              mapper.refill(profile)));
        }
        send(connection, results, false);
        List<UpsertResult<T>> mismatched = results.stream().filter(r -> r.status == UpsertResult.BASE_MISMATCH).toList();
        if (!mismatched.isEmpty()) {
          // The hash is not where this writer left it (restart, another writer, eviction): write those in full.
          send(connection, mismatched, true);
        }
        for (UpsertResult<T> result : results) {
          // A restricted hash holds only a few fields: the next write of the customer goes in full.
          if (result.deleted || result.restricted || result.status != UpsertResult.APPLIED) {
            remembered.forget(result.customerId);
          } else {
            remembered.remember(result.customerId, mapper.version(result.profile), result.values);
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

  /**
   * One pipelined round trip of upserts (or deletions); fills in each result's status. A reply that
   * refuses one key alone (WRONGTYPE) fails that result; any other error is thrown once every reply
   * has been read (an outage: the batch is sent again).
   */
  private void send(UnifiedJedis connection, List<UpsertResult<T>> batch, boolean full) {
    List<Response<Object>> responses = new ArrayList<>(batch.size());
    try (AbstractPipeline pipeline = connection.pipelined()) {
      queueUpserts(pipeline, batch, full, responses);
      pipeline.sync();
    }
    JedisDataException thrown = null;
    for (int i = 0; i < responses.size(); i++) {
      try {
        batch.get(i).read(responses.get(i).get());
      } catch (JedisDataException e) {
        if (RedisFailures.perKey(e)) {
          batch.get(i).failed(e.getMessage());
        } else if (thrown == null) {
          thrown = e;
        }
      }
    }
    if (thrown != null) {
      throw thrown;
    }
  }

  private void queueUpserts(AbstractPipeline pipeline, List<UpsertResult<T>> batch, boolean full,
      List<Response<Object>> responses) {
    for (UpsertResult<T> result : batch) {
      String key = keys.profile(result.customerId);
      long version = mapper.version(result.profile);
      if (result.deleted) {
        responses.add(pipeline.evalsha(deleteSha, List.of(key), List.of(Long.toString(version))));
        continue;
      }
      if (result.values == null) {
        result.values = new FieldValues(fieldCount);
        mapper.values(result.profile, result.values);
      }
      RememberedProfiles.Remembered before = full || result.restricted || result.refill ? null : remembered.get(result.customerId);
      result.sentSegments = result.restricted ? "" : SegmentSync.join(mapper.segments(result.profile));
      result.sentConsents = SegmentSync.join(mapper.consents(result.profile));
      packed.clear();
      int written = 0;
      for (int field = 0; field < fieldCount; field++) {
        if (result.restricted ? keptWhenRestricted[field] : before == null || !result.values.sameAs(before.values, field)) {
          packed.appendPacked(fieldNameBytes[field], 0, fieldNameBytes[field].length);
          formatted.clear();
          result.values.appendTo(field, formatted);
          packed.appendPacked(formatted.buffer(), 0, formatted.length());
          written++;
        }
      }
      fieldsSkipped.inc(fieldCount - written);
      byte[] base = result.restricted ? REPLACE : result.refill ? REFILL : before == null ? ZERO : ascii(before.version);
      responses.add(pipeline.evalsha(upsertShaBytes, List.of(key.getBytes(StandardCharsets.UTF_8)), List.of(ascii(version),
          base, result.sentSegments.getBytes(StandardCharsets.UTF_8), packed.toByteArray(),
          result.sentConsents.getBytes(StandardCharsets.UTF_8))));
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

  /** Waits until the failed writes handed over so far are stored. */
  void flushFailedWrites() throws IOException, InterruptedException {
    failed.flush();
  }

  void closeConnection() {
    if (redis != null) {
      try {
        redis.close();
      } catch (RuntimeException ignored) {
        // The connection is already broken; a new one is opened on the next attempt.
      }
      redis = null;
    }
  }

  private static byte[] ascii(long number) {
    return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
  }
}
