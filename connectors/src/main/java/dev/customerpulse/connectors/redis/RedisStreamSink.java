package dev.customerpulse.connectors.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Appends records to a Redis stream, pipelined, flushed when {@link #BATCH} are waiting and before
 * every checkpoint barrier. Appends are idempotent by the record's id (a script checks and records
 * it atomically), so the replay after a restart adds nothing twice; order per subtask is kept. Each
 * entry is indexed under its owner ({@code <stream>:by:<owner>}, same hash tag), and a purge record
 * deletes all of an owner's entries (an erased customer's).
 */
public final class RedisStreamSink<T> implements Sink<T> {
  static final int BATCH = 500;
  static final String APPEND_SCRIPT = LuaScripts.read("stream-append.lua");
  static final String PURGE_SCRIPT = LuaScripts.read("stream-purge.lua");
  private static final Logger LOG = LoggerFactory.getLogger(RedisStreamSink.class);

  private final RedisSettings settings;
  private final String stream;
  private final String ids;
  private final long maxLength;
  private final Duration idRetention;
  private final int maxAttempts;
  private final RedisStreamMapper<T> mapper;

  /**
   * @param stream the stream's key; {@code ids} the sorted set of appended ids, in the same hash slot
   * @param maxLength approximate length the stream is trimmed to
   * @param idRetention how long (event time) appended ids are remembered against replays
   */
  public RedisStreamSink(RedisSettings settings, String stream, String ids, long maxLength, Duration idRetention, int maxAttempts,
      RedisStreamMapper<T> mapper) {
    this.settings = settings;
    this.stream = stream;
    this.ids = ids;
    this.maxLength = maxLength;
    this.idRetention = idRetention;
    this.maxAttempts = maxAttempts;
    this.mapper = mapper;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return writer(context.metricGroup().addGroup("pulse").addGroup("redis").counter("streamEntriesAppended"));
  }

  /** A writer counting its appends in {@code appended} (tests use it without a Flink context). */
  SinkWriter<T> writer(Counter appended) {
    return new Writer(appended);
  }

  private final class Writer implements SinkWriter<T> {
    private final List<T> pending = new ArrayList<>();
    private final Counter appended;
    private UnifiedJedis connection;
    private String sha;
    private String purgeSha;

    Writer(Counter appended) {
      this.appended = appended;
    }

    @Override
    public void write(T record, Context context) throws IOException, InterruptedException {
      pending.add(record);
      if (pending.size() >= BATCH) {
        flush(false);
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      if (pending.isEmpty()) {
        return;
      }
      for (int attempt = 1; ; attempt++) {
        try {
          append();
          pending.clear();
          return;
        } catch (RuntimeException e) {
          if (e instanceof JedisDataException data && RedisFailures.noScript(data) && attempt == 1) {
            sha = null;
            purgeSha = null;
            continue;
          }
          if (!RedisFailures.retryable(e)) {
            throw new IOException("appending to the Redis stream " + stream + " failed: " + e.getMessage(), e);
          }
          close();
          if (attempt >= maxAttempts) {
            throw new IOException("Redis at " + settings.displayUrl() + " is unreachable after " + attempt + " attempts: "
                + e.getMessage(), e);
          }
          LOG.warn("Redis stream append failed (attempt {} of {}), retrying: {}", attempt, maxAttempts, e.getMessage());
          Thread.sleep(Math.min(2_000L, 100L << attempt));
        }
      }
    }

    private void append() {
      if (connection == null) {
        connection = settings.connect();
      }
      if (sha == null) {
        sha = RedisNodes.loadScript(connection, APPEND_SCRIPT);
      }
      if (purgeSha == null) {
        purgeSha = RedisNodes.loadScript(connection, PURGE_SCRIPT);
      }
      List<Response<Object>> responses = new ArrayList<>(pending.size());
      try (AbstractPipeline pipeline = connection.pipelined()) {
        queue(pipeline, responses);
        pipeline.sync();
      }
      for (Response<Object> response : responses) {
        if (response != null && Long.valueOf(1).equals(response.get())) {
          appended.inc();
        }
      }
    }

    private void queue(AbstractPipeline pipeline, List<Response<Object>> responses) {
      for (T record : pending) {
        String index = indexOf(mapper.owner(record));
        if (mapper.purge(record)) {
          // A purge counts nothing as appended.
          pipeline.evalsha(purgeSha, List.of(stream, ids, index), List.of());
          responses.add(null);
          continue;
        }
        List<String> args = new ArrayList<>();
        args.add(mapper.id(record));
        args.add(Long.toString(mapper.eventTimeMillis(record)));
        args.add(Long.toString(maxLength));
        args.add(Long.toString(idRetention.toMillis()));
        args.addAll(mapper.fields(record));
        responses.add(pipeline.evalsha(sha, List.of(stream, ids, index), args));
      }
    }

    /** The owner's index key: beside the stream, in its hash slot (the stream's key carries the tag). */
    private String indexOf(String owner) {
      return stream + ":by:" + owner;
    }

    @Override
    public void close() {
      if (connection != null) {
        try {
          connection.close();
        } catch (RuntimeException ignored) {
          // closing a broken connection
        }
        connection = null;
      }
    }
  }
}
