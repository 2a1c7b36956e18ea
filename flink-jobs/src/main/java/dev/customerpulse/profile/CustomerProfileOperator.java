package dev.customerpulse.profile;

import dev.customerpulse.connectors.metrics.HdrHistogramMetric;
import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.engine.ErasureMarkers;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Flink's keyed-broadcast operator around {@link CustomerProfileFunction}, plus what a function
 * cannot do itself for its cache of customer states: write another key's state (an evicted customer),
 * and write every changed state back before a checkpoint, before a control record walks all keys in
 * RocksDB, and at the end of input. Not final: tests count its timer firings.
 */
public class CustomerProfileOperator extends CoBroadcastWithKeyedOperator<String, CustomerEvent, ProfileControl, ProfileUpdate> {
  private static final long serialVersionUID = 1L;
  private final CustomerProfileFunction function;
  private final int cacheCustomers;
  /**
   * Processing time this subtask last heard of a completed checkpoint, or opened. Written by the task
   * thread, read by metric reporters: the age must keep rising while the task thread is stuck.
   */
  private transient volatile long lastCheckpointSeenAt;
  /** The erasure markers, as union operator state: every instance restores all of them. */
  private transient ListState<Tuple2<Long, Long>> erasures;
  /**
   * How long the task stops processing at each checkpoint: from this operator's step before the
   * barrier (the first of its chain: the write-back, then the profile snapshots and the sinks' flushes
   * chained after it) to the end of its own snapshot. Events wait that long.
   */
  private transient HdrHistogramMetric barrierPauses;
  private transient long barrierStartedNanos;
  /** Refills Redis from state when it lost its data; null without Redis (tests). */
  private RedisRefill redisRefill;

  /** @param cacheCustomers customer states kept on the heap (0: none, RocksDB on every event) */
  public CustomerProfileOperator(CustomerProfileFunction function, int cacheCustomers) {
    super(function, List.of(ProfileOutputs.RULES, ProfileOutputs.CLV_CUTS));
    this.function = function;
    this.cacheCustomers = cacheCustomers;
  }

  /** This operator refilling Redis from its state when Redis lost its data (see {@link RedisRefill}). */
  public CustomerProfileOperator withRedisRefill(RedisRefill refill) {
    this.redisRefill = refill;
    return this;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    erasures = context.getOperatorStateStore().getUnionListState(ProfileOutputs.ERASURE_MARKERS);
    if (redisRefill != null) {
      redisRefill.initializeState(context.getOperatorStateStore());
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    ErasureMarkers markers = function.erasures();
    for (Tuple2<Long, Long> marker : erasures.get()) {
      markers.restore(marker.f0, marker.f1);
    }
    lastCheckpointSeenAt = getProcessingTimeService().getCurrentProcessingTime();
    getMetricGroup().addGroup("pulse").gauge("checkpointAgeMillis", (Gauge<Long>) this::checkpointAgeMillis);
    barrierPauses = getMetricGroup().addGroup("pulse").histogram("barrierPauseMillis", new HdrHistogramMetric());
    if (cacheCustomers > 0) {
      function.cacheStates(cacheCustomers, this);
    }
    if (redisRefill != null) {
      var task = getRuntimeContext().getTaskInfo();
      redisRefill.open(getProcessingTimeService(), this::refillRedis, task.getIndexOfThisSubtask(),
          task.getNumberOfParallelSubtasks(), getMetricGroup().addGroup("pulse"));
    }
  }

  /**
   * Re-sends the profile of every customer this instance holds to the Redis writer, in full (a
   * refill: Redis lost its data, or a rebuild); returns how many. The changed states are written
   * back first, so RocksDB holds each customer's latest.
   */
  long refillRedis() throws Exception {
    function.writeBack();
    long[] sent = {0};
    this.<String>getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, ProfileOutputs.CUSTOMER,
        (key, customer) -> {
          ProfileUpdate update = function.refill(key, customer.value());
          if (update != null) {
            output.collect(new StreamRecord<>(update));
            sent[0]++;
          }
        });
    return sent[0];
  }

  @Override
  public void close() throws Exception {
    if (redisRefill != null) {
      redisRefill.close();
    }
    super.close();
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    lastCheckpointSeenAt = getProcessingTimeService().getCurrentProcessingTime();
  }

  /**
   * Milliseconds since this subtask last heard of a completed checkpoint, or since it opened (started
   * or restarted) when it has heard of none: the {@code pulse_checkpointAgeMillis} gauge. It keeps
   * rising while checkpoints do not complete, whatever holds them up.
   */
  long checkpointAgeMillis() {
    return getProcessingTimeService().getCurrentProcessingTime() - lastCheckpointSeenAt;
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    barrierStartedNanos = System.nanoTime();
    function.writeBack();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  /** Also here: the keyed state is snapshotted right after this, and test harnesses skip the barrier step. */
  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    function.writeBack();
    super.snapshotState(context);
    List<Tuple2<Long, Long>> markers = new ArrayList<>();
    function.erasures().entries().forEach((hash, at) -> markers.add(Tuple2.of(hash, at)));
    erasures.update(markers);
    if (redisRefill != null) {
      redisRefill.snapshotState();
    }
    if (barrierStartedNanos != 0) {
      barrierPauses.update((System.nanoTime() - barrierStartedNanos) / 1_000_000);
      barrierStartedNanos = 0;
    }
  }

  @Override
  public void processElement2(StreamRecord<ProfileControl> element) throws Exception {
    // A rule or new percentiles go through every customer in RocksDB, which must be current then,
    // and leave the cached states behind.
    function.writeBack();
    function.dropCache();
    super.processElement2(element);
  }

  @Override
  public void finish() throws Exception {
    function.writeBack();
    super.finish();
  }
}
