package dev.customerpulse.profile;

import dev.customerpulse.connectors.redis.RedisGeneration;
import dev.customerpulse.connectors.redis.RedisKeys;
import dev.customerpulse.connectors.redis.RedisSettings;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Refills Redis from the profile operator's keyed state when Redis lost its data: every
 * pulse.redis.refill-check-interval (and right after a start) the instance reads the generation marker
 * ({@link RedisGeneration}); when {@link RefillTrigger} says so, the operator re-sends every profile it
 * holds to the Redis writer, in full, and the instance reports how many under the marker's token (what
 * {@code pulse redis rebuild} waits for). The token seen last is kept in union operator state. A
 * Redis that does not answer is looked at again next interval (the writers ride out the outage).
 * Runs on the task thread, as a processing-time timer.
 */
public final class RedisRefill implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RedisRefill.class);
  static final ListStateDescriptor<String> GENERATIONS = new ListStateDescriptor<>("redis-generations", Types.STRING);

  /** Re-sends every profile of this instance to Redis; returns how many. */
  interface Refiller {
    long refillAll() throws Exception;
  }

  private final RedisSettings settings;
  private final RedisKeys keys;
  private final Duration interval;
  private transient ListState<String> generations;
  private transient RefillTrigger trigger;
  private transient RedisGeneration generation;
  private transient ProcessingTimeService time;
  private transient Refiller refiller;
  private transient int subtask;
  private transient int parallelism;
  private transient Counter refilled;
  private transient boolean unreachableLogged;
  private transient volatile boolean closed;

  public RedisRefill(RedisSettings settings, RedisKeys keys, Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("the refill check interval must be positive, got " + interval);
    }
    this.settings = settings;
    this.keys = keys;
    this.interval = interval;
  }

  void initializeState(OperatorStateStore store) throws Exception {
    generations = store.getUnionListState(GENERATIONS);
    trigger = new RefillTrigger(generations.get());
  }

  /** Starts looking at the marker, at once and then every interval. */
  void open(ProcessingTimeService time, Refiller refiller, int subtask, int parallelism, MetricGroup metrics) {
    this.time = time;
    this.refiller = refiller;
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.refilled = metrics.counter("redisProfilesRefilled");
    this.generation = new RedisGeneration(settings, keys);
    time.registerTimer(time.getCurrentProcessingTime(), this::check);
  }

  private void check(long firedAt) throws Exception {
    if (closed) {
      return;
    }
    try {
      RedisGeneration.Marker marker = generation.observe();
      unreachableLogged = false;
      if (trigger.refill(marker)) {
        long started = System.nanoTime();
        long sent = refiller.refillAll();
        refilled.inc(sent);
        generation.reportRefill(marker.token(), subtask, parallelism, sent);
        LOG.info("Redis generation {} ({}): subtask {} of {} re-sent its {} profiles to Redis in {} ms", marker.token(),
            marker.created() ? "the marker was missing: Redis lost its data" : "a new marker", subtask, parallelism, sent,
            (System.nanoTime() - started) / 1_000_000);
      }
    } catch (JedisException e) {
      if (!unreachableLogged) {
        unreachableLogged = true;
        LOG.warn("cannot read the Redis generation marker {} at {} ({}); looking again every {} s", keys.generation(),
            settings.displayUrl(), e.getMessage(), interval.toSeconds());
      }
    }
    time.registerTimer(time.getCurrentProcessingTime() + interval.toMillis(), this::check);
  }

  void snapshotState() throws Exception {
    generations.update(trigger.snapshot());
  }

  void close() {
    closed = true;
    if (generation != null) {
      generation.close();
    }
  }
}
