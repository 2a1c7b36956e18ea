package dev.customerpulse.connectors.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
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

  private final RedisSettings settings;
  private final String stream;
  private final String ids;
  private final long maxLength;
  private final Duration idRetention;
  private final Duration outageTolerance;
  private final RedisStreamMapper<T> mapper;

  /**
   * @param stream the stream's key; {@code ids} the sorted set of appended ids, in the same hash slot
   * @param maxLength approximate length the stream is trimmed to
   * @param idRetention how long (event time) appended ids are remembered against replays
   * @param outageTolerance how long a writer retries with backoff while Redis is unavailable ({@link RedisOutage})
   */
  public RedisStreamSink(RedisSettings settings, String stream, String ids, long maxLength, Duration idRetention,
      Duration outageTolerance, RedisStreamMapper<T> mapper) {
    this.settings = settings;
    this.stream = stream;
    this.ids = ids;
    this.maxLength = maxLength;
    this.idRetention = idRetention;
    this.outageTolerance = outageTolerance;
    this.mapper = mapper;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    var group = context.metricGroup().addGroup("pulse").addGroup("redis");
    SinkWriter<T> writer = writer(group.counter("streamEntriesAppended"));
    RedisOutage outage = ((Writer) writer).outage;
    group.gauge("streamRedisUnavailableSeconds", (org.apache.flink.metrics.Gauge<Long>) outage::unavailableSeconds);
    group.gauge("streamRedisRetries", (org.apache.flink.metrics.Gauge<Long>) outage::retries);
    return writer;
  }

  /** A writer counting its appends in {@code appended} (tests use it without a Flink context). */
  SinkWriter<T> writer(Counter appended) {
    return new Writer(appended, new RedisOutage("alert stream writer", settings.displayUrl(), outageTolerance));
  }

  private final class Writer implements SinkWriter<T> {
    private final List<T> pending = new ArrayList<>();
    private final Counter appended;
    private final RedisOutage outage;
    private UnifiedJedis connection;
    private String sha;
    private String purgeSha;

    Writer(Counter appended, RedisOutage outage) {
      this.appended = appended;
      this.outage = outage;
    }

    @Override
    public void write(T record, Context context) throws IOException, InterruptedException {
      pending.add(record);
      if (pending.size() >= BATCH) {
        flush(false);
      }
    }

    /**
     * Appends what is pending; while Redis is unavailable, retries with backoff up to the outage
     * tolerance, blocking the task (backpressure; the checkpoint barrier waits behind it).
     */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      if (pending.isEmpty()) {
        return;
      }
      boolean scriptsReloaded = false;
      while (true) {
        try {
          append();
          pending.clear();
          outage.succeeded();
          return;
        } catch (RuntimeException e) {
          if (e instanceof JedisDataException data && RedisFailures.noScript(data) && !scriptsReloaded) {
            scriptsReloaded = true;
            sha = null;
            purgeSha = null;
            continue;
          }
          if (!RedisFailures.outage(e)) {
            throw new IOException("appending to the Redis stream " + stream + " failed: " + e.getMessage(), e);
          }
          close();
          // A restarted server may have lost the scripts too.
          sha = null;
          purgeSha = null;
          scriptsReloaded = false;
          outage.failed(e);
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
