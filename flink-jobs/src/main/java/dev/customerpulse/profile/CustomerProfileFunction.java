package dev.customerpulse.profile;

import static dev.customerpulse.profile.ProfileOutputs.CHURN_ALERTS;
import static dev.customerpulse.profile.ProfileOutputs.CLV_CUTS;
import static dev.customerpulse.profile.ProfileOutputs.CLV_CUTS_KEY;
import static dev.customerpulse.profile.ProfileOutputs.CLV_SAMPLES;
import static dev.customerpulse.profile.ProfileOutputs.CUSTOMER;
import static dev.customerpulse.profile.ProfileOutputs.DATE_TRIGGERS;
import static dev.customerpulse.profile.ProfileOutputs.DEAD_LETTERS;
import static dev.customerpulse.profile.ProfileOutputs.HANDOFFS;
import static dev.customerpulse.profile.ProfileOutputs.RULES;
import static dev.customerpulse.profile.ProfileOutputs.RULE_STATUS;
import static dev.customerpulse.profile.ProfileOutputs.SEGMENT_CHANGES;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.DateTrigger;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentRuleStatus;
import dev.customerpulse.engine.CustomerEngine;
import dev.customerpulse.engine.Effects;
import dev.customerpulse.engine.EngineMetric;
import dev.customerpulse.engine.ErasureMarkers;
import dev.customerpulse.engine.EventIdMemory;
import dev.customerpulse.engine.ProfileDeadLetters;
import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.engine.RuleRun;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.DeadLetterBounds;
import dev.customerpulse.ingest.DeadLetterSettings;
import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.segments.ClvCuts;
import dev.customerpulse.state.CustomerState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink side of the {@link CustomerEngine}: owns each customer's state (RocksDB, with a write-back
 * cache on the heap), the moved-out event ids, the timers, the broadcast rules and percentiles, and
 * the metrics; hands every event, timer and control record to the engine and routes the
 * {@link Effects} it returns to state, timers and outputs. An unexpected exception in the engine for
 * one event or timer leaves the customer's state as it was and becomes a PROCESSING_ERROR dead letter
 * ({@link ProcessingFaults}).
 */
public final class CustomerProfileFunction extends KeyedBroadcastProcessFunction<String, CustomerEvent, ProfileControl, ProfileUpdate> {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerProfileFunction.class);
  /** Once: values() copies the array on every call, and emit runs for every event. */
  private static final EngineMetric[] METRICS = EngineMetric.values();

  /** The operator's name in the job graph and in its dead letters. */
  public static final String OPERATOR = "customer profile";

  private final ProfileLogic logic;
  private final ProcessingFaults faults;
  private transient CustomerEngine engine;
  private transient CustomerStore store;
  private transient boolean controlLoaded;
  private transient Counter[] counters;
  private transient ReadOnlyContext outputContext;
  private transient SideOutput outputs;
  /** The latest watermark an event or timer saw: how far event time has gone, for expiring erasure markers. */
  private transient long watermark = Long.MIN_VALUE;

  /** With the default dead-letter settings and no test fault hook. */
  public CustomerProfileFunction(ProfileLogic logic) {
    this(logic, DeadLetterSettings.DEFAULTS, 0);
  }

  /**
   * @param deadLetters how much of an event a PROCESSING_ERROR dead letter keeps, and how many of them a
   *     minute the operator rides out
   * @param injectExceptionEvery the test fault hook (pulse.test.inject-exception-every): an
   *     {@link InjectedFault} at every n-th event of a subtask; 0 in production
   */
  public CustomerProfileFunction(ProfileLogic logic, DeadLetterSettings deadLetters, long injectExceptionEvery) {
    this(logic, deadLetters, injectExceptionEvery, null);
  }

  /**
   * @param crashFile the test crash hook (pulse.test.crash-file): when this file appears, the next event
   *     of one subtask fails its task with an {@link InjectedCrash}; null in production
   */
  public CustomerProfileFunction(ProfileLogic logic, DeadLetterSettings deadLetters, long injectExceptionEvery,
      String crashFile) {
    this.logic = logic;
    this.faults = new ProcessingFaults(deadLetters, injectExceptionEvery, crashFile);
  }

  @Override
  public void open(OpenContext context) {
    store = new CustomerStore(getRuntimeContext().getState(CUSTOMER));
    controlLoaded = false;
    var metrics = getRuntimeContext().getMetricGroup().addGroup("pulse");
    counters = new Counter[METRICS.length];
    for (EngineMetric metric : METRICS) {
      counters[metric.ordinal()] = metrics.counter(metric.metricName());
    }
    EventIdMemory movedOut = null;
    if (!logic.dedupHorizon().isZero()) {
      MapStateDescriptor<Long, Boolean> seen = new MapStateDescriptor<>("seen-event-ids", Types.LONG, Types.BOOLEAN);
      // Expired ids are dropped by RocksDB compaction, so the state stays bounded without timers.
      seen.enableTimeToLive(StateTtlConfig.newBuilder(logic.dedupHorizon())
          .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
          .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
          .cleanupInRocksdbCompactFilter(1_000)
          .build());
      movedOut = new MovedOutEventIds(getRuntimeContext().getMapState(seen));
    }
    engine = new CustomerEngine(logic, movedOut);
    var task = getRuntimeContext().getTaskInfo();
    faults.open(task.getIndexOfThisSubtask(), task.getNumberOfParallelSubtasks(), metrics);
  }

  /** The erasure markers of this instance, their retention applied as of the latest watermark seen. */
  ErasureMarkers erasures() {
    ErasureMarkers erasures = engine.erasures();
    erasures.expire(watermark);
    return erasures;
  }

  @Override
  public void processElement(CustomerEvent event, ReadOnlyContext ctx, Collector<ProfileUpdate> out) throws Exception {
    if (!controlLoaded) {
      loadControl(ctx.getBroadcastState(RULES), ctx.getBroadcastState(CLV_CUTS));
    }
    String key = ctx.getCurrentKey();
    TimerService timers = ctx.timerService();
    watermark = timers.currentWatermark();
    CustomerState customer = store.loadForChange(key);
    Effects effects;
    try {
      faults.beforeEvent(event);
      effects = engine.onEvent(key, customer, event, watermark, timers.currentProcessingTime());
    } catch (RuntimeException e) {
      if (!ProcessingFaults.isProcessingError(e)) {
        throw e;
      }
      // The event may have changed the state half-way: it stays as it was before the event.
      store.discardChange(key);
      LOG.warn("PROCESSING_ERROR: event {} ({}) of {} is a dead letter", event.eventId, event.kind, key, e);
      DeadLetter letter = ProfileDeadLetters.eventFailed(event, key, logic.handoffTopic(), OPERATOR, e, faults.settings().limits());
      ctx.output(DEAD_LETTERS, letter);
      faults.sent(letter, timers.currentProcessingTime());
      return;
    }
    apply(key, effects, timers, outputsOf(ctx), out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProfileUpdate> out) throws Exception {
    if (!controlLoaded) {
      loadControl(ctx.getBroadcastState(RULES), ctx.getBroadcastState(CLV_CUTS));
    }
    String key = ctx.getCurrentKey();
    watermark = ctx.timerService().currentWatermark();
    CustomerState customer = store.loadForChange(key);
    Effects effects;
    try {
      effects = engine.onTimer(key, customer, timestamp, watermark);
    } catch (RuntimeException e) {
      if (!ProcessingFaults.isProcessingError(e)) {
        throw e;
      }
      store.discardChange(key);
      long retryAt = retryTimer(key, timestamp, ctx.timerService());
      LOG.warn("PROCESSING_ERROR: the timer of {} at {} is a dead letter", key, timestamp, e);
      DeadLetter letter = ProfileDeadLetters.timerFailed(key, timestamp, retryAt, logic.handoffTopic(), OPERATOR, e,
          faults.settings().limits());
      ctx.output(DEAD_LETTERS, letter);
      faults.sent(letter, ctx.timerService().currentProcessingTime());
      return;
    }
    apply(key, effects, ctx.timerService(), outputsOf(ctx), out);
  }

  /**
   * After a timer that threw: the state is as before it and its timer is spent. It is set again one
   * rescoring interval past event time, so a timer that keeps failing fires once an interval (never
   * at or behind the watermark, where Flink would fire it at once: a livelock); not at the end of input,
   * nor when the state knows of a later timer still set.
   *
   * @return the time of the timer set, or {@link CustomerState#NONE}
   */
  private long retryTimer(String key, long timestamp, TimerService timers) throws Exception {
    CustomerState before = store.load(key);
    if (before == null || watermark == Long.MAX_VALUE
        || (before.pendingTimer != CustomerState.NONE && before.pendingTimer > timestamp)) {
      return CustomerState.NONE;
    }
    long from = Math.max(timestamp, watermark);
    long retryAt = from > Long.MAX_VALUE - logic.rescoreInterval().toMillis() ? Long.MAX_VALUE - 1
        : from + logic.rescoreInterval().toMillis();
    before.pendingTimer = retryAt;
    timers.registerEventTimeTimer(retryAt);
    store.store(key, before);
    return retryAt;
  }

  /** The side outputs of the context Flink passes (the same object each time), made once. */
  private SideOutput outputsOf(ReadOnlyContext ctx) {
    if (ctx != outputContext) {
      outputContext = ctx;
      outputs = ctx::output;
    }
    return outputs;
  }

  /**
   * A rule published, changed or removed, or new CLV percentiles: the engine decides, and each
   * customer this instance holds is visited in RocksDB (the operator wrote the cache back and dropped
   * it before this). Each instance reports a rule on the segment-rule-status topic.
   */
  @Override
  public void processBroadcastElement(ProfileControl control, Context ctx, Collector<ProfileUpdate> out) throws Exception {
    loadControl(ctx.getBroadcastState(RULES), ctx.getBroadcastState(CLV_CUTS));
    if (control.clvCuts != null) {
      ctx.getBroadcastState(CLV_CUTS).put(CLV_CUTS_KEY, control.clvCuts);
      if (engine.control().onPercentiles(control.clvCuts)) {
        long[] moved = new long[1];
        ctx.applyToKeyedState(CUSTOMER, (key, customer) -> {
          Effects effects = engine.control().placeAgain(key, customer.value());
          moved[0] += effects.stateChange() == Effects.StateChange.STORE ? 1 : 0;
          applyVisited(customer, effects, ctx::output, out);
        });
        LOG.info("CLV percentiles of {} ({} buying customers): {}; {} customers of this instance changed tier",
            LocalDate.ofEpochDay(control.clvCuts.day), control.clvCuts.customers, control.clvCuts, moved[0]);
      }
      return;
    }
    RuleRun run = engine.control().onRule(control.rule);
    if (run == null) {
      return;
    }
    switch (run.outcome()) {
      case REMOVED -> ctx.getBroadcastState(RULES).remove(run.command().name);
      case LIVE -> ctx.getBroadcastState(RULES).put(run.command().name, run.command());
      default -> { }
    }
    if (run.visitsCustomers()) {
      ctx.applyToKeyedState(CUSTOMER, (key, customer) ->
          applyVisited(customer, engine.control().applyRule(run, key, customer.value()), ctx::output, out));
    }
    var task = getRuntimeContext().getTaskInfo();
    SegmentRuleStatus status = engine.control().status(run, task.getIndexOfThisSubtask(), task.getNumberOfParallelSubtasks(),
        Instant.ofEpochMilli(System.currentTimeMillis()));
    if (status != null) {
      ctx.output(RULE_STATUS, status);
    }
  }

  /** Side outputs of an event, timer or broadcast context, which Flink gives no common type. */
  private interface SideOutput {
    <X> void output(OutputTag<X> tag, X value);
  }

  /** Routes what the engine decided for the current key: timer, state, then records. */
  private void apply(String key, Effects effects, TimerService timers, SideOutput side, Collector<ProfileUpdate> out)
      throws Exception {
    if (effects.timerDeleted() != CustomerState.NONE) {
      timers.deleteEventTimeTimer(effects.timerDeleted());
    }
    if (effects.timerRegistered() != CustomerState.NONE) {
      timers.registerEventTimeTimer(effects.timerRegistered());
    }
    switch (effects.stateChange()) {
      case STORE -> store.store(key, effects.state());
      case DELETE -> store.store(key, null);
      case KEEP -> store.keepChange(key);
    }
    emit(effects, side, out);
  }

  /** A customer visited for a control record: written straight to RocksDB (no cache then). */
  private void applyVisited(ValueState<CustomerState> customer, Effects effects, SideOutput side, Collector<ProfileUpdate> out)
      throws Exception {
    if (effects.stateChange() == Effects.StateChange.STORE) {
      customer.update(effects.state());
    }
    emit(effects, side, out);
  }

  private void emit(Effects effects, SideOutput side, Collector<ProfileUpdate> out) {
    for (SegmentChange change : effects.segmentChanges) {
      side.output(SEGMENT_CHANGES, change);
    }
    for (ChurnAlert alert : effects.churnAlerts) {
      side.output(CHURN_ALERTS, alert);
      side.output(ProfileOutputs.ALERT_STREAM, AlertStreamEntry.append(alert));
    }
    for (String erased : effects.alertStreamPurges) {
      side.output(ProfileOutputs.ALERT_STREAM, AlertStreamEntry.purge(erased));
    }
    for (PrivacyReceipt receipt : effects.receipts) {
      side.output(ProfileOutputs.PRIVACY_RECEIPTS, receipt);
    }
    for (DateTrigger trigger : effects.dateTriggers) {
      side.output(DATE_TRIGGERS, trigger);
    }
    for (CustomerEvent handoff : effects.handoffs) {
      side.output(HANDOFFS, handoff);
    }
    for (DeadLetter letter : effects.deadLetters) {
      side.output(DEAD_LETTERS, DeadLetterBounds.bounded(letter, faults.settings().limits()));
    }
    if (effects.clvSampleDay() != CustomerState.NONE) {
      side.output(CLV_SAMPLES, Tuple2.of(effects.clvSampleDay(), effects.clvSample()));
    }
    for (ProfileUpdate update : effects.updates) {
      out.collect(update);
    }
    for (int i = 0; i < counters.length; i++) {
      long n = effects.counted(METRICS[i]);
      if (n != 0) {
        counters[i].inc(n);
      }
    }
  }

  /** Hands the live rules and CLV percentiles from broadcast state to the engine, once after a start or restore. */
  private void loadControl(ReadOnlyBroadcastState<String, RuleCommand> rules, ReadOnlyBroadcastState<String, ClvCuts> cuts)
      throws Exception {
    if (controlLoaded) {
      return;
    }
    List<RuleCommand> live = new ArrayList<>();
    for (var entry : rules.immutableEntries()) {
      live.add(entry.getValue());
    }
    engine.control().restore(live, cuts.get(CLV_CUTS_KEY));
    controlLoaded = true;
  }

  /** Keeps up to {@code customers} states on the heap between checkpoints (see {@link CustomerStore}). */
  void cacheStates(int customers, KeyContext keys) {
    store.cache(customers, keys, getRuntimeContext().getMetricGroup().addGroup("pulse"));
    engine.copyOnPublish(true);
  }

  /** Writes every changed customer state back to RocksDB (before a checkpoint, at the end of input). */
  void writeBack() throws Exception {
    store.writeBack();
  }

  /** The profile of {@code key} to write to Redis afresh (a refill), or null for a key that publishes none. */
  ProfileUpdate refill(String key, CustomerState customer) {
    return engine.refill(key, customer);
  }

  /** Forgets the cached states: RocksDB is about to change underneath (applyToKeyedState). */
  void dropCache() {
    store.dropCache();
  }
}
