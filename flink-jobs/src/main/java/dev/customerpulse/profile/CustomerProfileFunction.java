package dev.customerpulse.profile;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.CustomerKeys;
import dev.customerpulse.ingest.EventIdHash;
import dev.customerpulse.segments.SegmentChanges;
import dev.customerpulse.segments.ValueTier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps each customer's state and emits their scored profile for every event, plus segment
 * changes when the value tier moves. Time keeps counting when a customer is silent: one event-time
 * timer per customer rescores them (recency grows, P(alive) falls, churn risk rises), counts an
 * abandoned cart when its time runs out, and forgets the customer after the retention period.
 * Anonymous visitors are tracked (for identity stitching) but not published.
 */
public final class CustomerProfileFunction extends KeyedProcessFunction<String, CustomerEvent, ProfileUpdate> {
  public static final OutputTag<SegmentChange> SEGMENT_CHANGES =
      new OutputTag<>("segment-changes", new AvroTypeInfo<>(SegmentChange.class));

  private final ProfileLogic logic;
  private final FeatureUpdater updater;

  private transient ValueState<CustomerState> state;
  private transient Counter customersCreated;
  private transient Counter segmentChanges;
  private transient Counter customersExpired;
  private transient Counter rescored;
  private transient Counter anonymousExpired;
  private transient Counter visitorsCreated;
  private transient Counter anonymousEvents;
  private transient Counter lateEvents;
  private transient Counter duplicates;
  /** Event ids seen within the de-duplication horizon (null when it is off); expire by TTL. */
  private transient MapState<Long, Boolean> seenEventIds;

  public CustomerProfileFunction(ProfileLogic logic) {
    this.logic = logic;
    this.updater = new FeatureUpdater(logic.features());
  }

  @Override
  public void open(OpenContext context) {
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("customer", TypeInformation.of(CustomerState.class)));
    var metrics = getRuntimeContext().getMetricGroup().addGroup("pulse");
    customersCreated = metrics.counter("customersCreated");
    segmentChanges = metrics.counter("segmentChanges");
    customersExpired = metrics.counter("customersExpired");
    rescored = metrics.counter("customersRescored");
    anonymousExpired = metrics.counter("anonymousExpired");
    visitorsCreated = metrics.counter("visitorsCreated");
    anonymousEvents = metrics.counter("anonymousEvents");
    lateEvents = metrics.counter("lateEvents");
    duplicates = metrics.counter("duplicates");
    if (!logic.dedupHorizon().isZero()) {
      MapStateDescriptor<Long, Boolean> seen = new MapStateDescriptor<>("seen-event-ids", Types.LONG, Types.BOOLEAN);
      // Expired ids are dropped by RocksDB compaction, so the state stays bounded without timers.
      seen.enableTimeToLive(StateTtlConfig.newBuilder(logic.dedupHorizon())
          .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
          .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
          .cleanupInRocksdbCompactFilter(1_000)
          .build());
      seenEventIds = getRuntimeContext().getMapState(seen);
    }
  }

  @Override
  public void processElement(CustomerEvent event, Context ctx, Collector<ProfileUpdate> out) throws Exception {
    String key = ctx.getCurrentKey();
    if (seenEventIds != null && event.eventId != null) {
      long id = EventIdHash.of(event.eventId);
      if (seenEventIds.contains(id)) {
        duplicates.inc();
        return;
      }
      seenEventIds.put(id, Boolean.TRUE);
    }
    if (event.eventTime < ctx.timerService().currentWatermark()) {
      // Behind the watermark, yet still applied: daily buckets take events up to their window's age.
      lateEvents.inc();
    }
    CustomerState customer = state.value();
    boolean created = customer == null;
    if (created) {
      customer = FeatureUpdater.newCustomer(event);
    }
    ValueTier before = customer.tier;
    updater.apply(customer, event);
    customer.tier = logic.tiers().tierFor(customer.orders, customer.spendMinor);

    if (CustomerKeys.isAnonymous(key)) {
      anonymousEvents.inc();
      if (created) {
        visitorsCreated.inc();
      }
    } else {
      if (created) {
        customersCreated.inc();
      }
      customer.scoredAt = Math.max(customer.scoredAt, customer.lastSeen);
      if (customer.tier != before) {
        String reason = logic.tiers().reason(before, customer.tier, customer.spendMinor, customer.currency);
        for (SegmentChange change : SegmentChanges.move(key, before == null ? null : before.segment(),
            customer.tier.segment(), reason, event.eventTime, customer.version)) {
          ctx.output(SEGMENT_CHANGES, change);
          segmentChanges.inc();
        }
      }
    }
    schedule(customer, CustomerKeys.isAnonymous(key), ctx.timerService());
    state.update(customer);
    if (!CustomerKeys.isAnonymous(key)) {
      // Published as is, no copy: RocksDB hands this operator a fresh object for every call, and
      // nothing changes this one after this line.
      out.collect(new ProfileUpdate(key, event.sourceTimestamp, customer));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProfileUpdate> out) throws Exception {
    CustomerState customer = state.value();
    if (customer == null) {
      return;
    }
    String key = ctx.getCurrentKey();
    boolean anonymous = CustomerKeys.isAnonymous(key);
    customer.pendingTimer = CustomerState.NONE;
    long watermark = ctx.timerService().currentWatermark();
    boolean endOfInput = watermark == Long.MAX_VALUE;
    // When event time leapt ahead, act once for where it is now instead of once per missed interval;
    // at the end of input, once more at the next due time.
    long now = endOfInput ? Math.max(timestamp, nextDue(customer, anonymous)) : Math.max(timestamp, watermark);
    if (now >= customer.lastSeen + retention(anonymous)) {
      state.clear();
      if (seenEventIds != null) {
        seenEventIds.clear();
      }
      if (anonymous) {
        anonymousExpired.inc();
      } else {
        customersExpired.inc();
        customer.version++;
        out.collect(ProfileUpdate.deletion(key, customer));
      }
      return;
    }
    boolean abandoned = updater.expireCart(customer, now);
    boolean rescore = now >= customer.scoredAt + logic.rescoreInterval().toMillis();
    boolean publish = !anonymous && (rescore || abandoned);
    if (publish) {
      customer.scoredAt = Math.max(customer.scoredAt, now);
      customer.version++;
      rescored.inc();
    }
    if (!endOfInput) {
      schedule(customer, anonymous, ctx.timerService());
    }
    state.update(customer);
    if (publish) {
      out.collect(new ProfileUpdate(key, 0, customer));
    }
  }

  /**
   * Keeps exactly one timer, never later than the earliest of rescoring, cart abandonment and
   * expiry. It is only ever moved earlier: moving it on every event (rescoring is due a day after
   * the latest) would rewrite the timer in RocksDB each time; a timer that fires early reschedules.
   */
  private void schedule(CustomerState customer, boolean anonymous, TimerService timers) {
    long due = nextDue(customer, anonymous);
    if (customer.pendingTimer != CustomerState.NONE && customer.pendingTimer <= due) {
      return;
    }
    if (customer.pendingTimer != CustomerState.NONE) {
      timers.deleteEventTimeTimer(customer.pendingTimer);
    }
    timers.registerEventTimeTimer(due);
    customer.pendingTimer = due;
  }

  /** The earliest moment something is due for this customer. */
  private long nextDue(CustomerState customer, boolean anonymous) {
    long due = customer.lastSeen + retention(anonymous);
    if (!anonymous) {
      due = Math.min(due, customer.scoredAt + logic.rescoreInterval().toMillis());
    }
    long cart = updater.cartDeadline(customer);
    if (cart != CustomerState.NONE) {
      due = Math.min(due, cart);
    }
    return due;
  }

  private long retention(boolean anonymous) {
    return (anonymous ? logic.anonymousRetention() : logic.customerRetention()).toMillis();
  }
}
