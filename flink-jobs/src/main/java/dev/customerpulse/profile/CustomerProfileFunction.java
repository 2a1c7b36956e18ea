package dev.customerpulse.profile;

import dev.customerpulse.state.SeenEventIds;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.DateTrigger;
import dev.customerpulse.avro.DateTriggerType;
import dev.customerpulse.state.CustomerDates;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.segments.ChurnAlertPolicy;
import dev.customerpulse.features.CustomerMerge;
import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.identity.Handoff;
import dev.customerpulse.ingest.CustomerEventSerializer;
import dev.customerpulse.ingest.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.CustomerKeys;
import dev.customerpulse.ingest.EventIdHash;
import dev.customerpulse.segments.CustomerSegments;
import dev.customerpulse.state.LifecycleStage;
import dev.customerpulse.state.RfmSegment;
import dev.customerpulse.segments.SegmentChanges;
import dev.customerpulse.state.ValueTier;
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
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import dev.customerpulse.avro.SegmentRuleState;
import dev.customerpulse.avro.SegmentRuleStatus;
import dev.customerpulse.rules.CompiledRule;
import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.segments.ClvCuts;
import dev.customerpulse.segments.ValueTierPolicy;
import org.apache.flink.api.java.tuple.Tuple2;
import dev.customerpulse.rules.RuleCompiler;
import dev.customerpulse.rules.RuleException;
import dev.customerpulse.rules.RuleVariables;
import dev.customerpulse.rules.SegmentRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps each customer's state and emits their scored profile for every event, plus segment
 * changes when the value tier moves. Time keeps counting when a customer is silent: one event-time
 * timer per customer rescores them (recency grows, P(alive) falls, churn risk rises), counts an
 * abandoned cart when its time runs out, and forgets the customer after the retention period.
 * Anonymous visitors are tracked (for identity stitching) but not published.
 */
public final class CustomerProfileFunction extends KeyedBroadcastProcessFunction<String, CustomerEvent, ProfileControl, ProfileUpdate> {
  /** The live segment rules, by name, on every instance (broadcast state). */
  public static final MapStateDescriptor<String, RuleCommand> RULES =
      new MapStateDescriptor<>("segment-rules", Types.STRING, TypeInformation.of(RuleCommand.class));
  /** The latest CLV percentiles of the population, under {@link #CLV_CUTS_KEY} (broadcast state). */
  public static final MapStateDescriptor<String, ClvCuts> CLV_CUTS =
      new MapStateDescriptor<>("clv-cuts", Types.STRING, TypeInformation.of(ClvCuts.class));
  static final String CLV_CUTS_KEY = "clv";
  /** One CLV sample (day, CLV in minor units) per buying customer and day, for the population sketch. */
  public static final OutputTag<Tuple2<Long, Double>> CLV_SAMPLES =
      new OutputTag<>("clv-samples", Types.TUPLE(Types.LONG, Types.DOUBLE));
  /** What became of each published rule (segment-rule-status topic). */
  public static final OutputTag<SegmentRuleStatus> RULE_STATUS =
      new OutputTag<>("segment-rule-status", new AvroTypeInfo<>(SegmentRuleStatus.class));
  static final ValueStateDescriptor<CustomerState> CUSTOMER =
      new ValueStateDescriptor<>("customer", TypeInformation.of(CustomerState.class));
  public static final OutputTag<SegmentChange> SEGMENT_CHANGES =
      new OutputTag<>("segment-changes", new AvroTypeInfo<>(SegmentChange.class));
  /** State and events on their way from a merged or linked key to its successor (the customer-handoffs topic). */
  public static final OutputTag<CustomerEvent> HANDOFFS = new OutputTag<>("customer-handoffs", TypeInformation.of(CustomerEvent.class));
  /** Events this operator cannot place (a merge loop). */
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("profile-dead-letters", new AvroTypeInfo<>(DeadLetter.class));
  /** Churn alerts, when a customer's risk crosses the alert threshold (see {@link ChurnAlertPolicy}). */
  public static final OutputTag<ChurnAlert> CHURN_ALERTS = new OutputTag<>("churn-alerts", new AvroTypeInfo<>(ChurnAlert.class));
  /** Birthdays and sign-up anniversaries, on the day in event time. */
  public static final OutputTag<DateTrigger> DATE_TRIGGERS = new OutputTag<>("date-triggers", new AvroTypeInfo<>(DateTrigger.class));
  /** Hops after which an event still being forwarded is taken to be in a merge loop. */
  static final int MAX_HOPS = 8;
  private static final Logger LOG = LoggerFactory.getLogger(CustomerProfileFunction.class);

  private final ProfileLogic logic;
  private final FeatureUpdater updater;
  private final CustomerMerge merge;
  private final CustomerSegments segments;
  private final DueTimes dueTimes;

  private transient ValueState<CustomerState> state;
  /** The live rules, compiled; loaded from broadcast state on first use after a (re)start. */
  private transient SegmentRules rules;
  private transient boolean rulesLoaded;
  /** The population's CLV percentiles, null until the first arrive. */
  private transient ClvCuts cuts;
  private transient Counter ruleErrors;
  private transient Counter customersCreated;
  private transient Counter segmentChanges;
  private transient Counter customersExpired;
  private transient Counter rescored;
  private transient Counter anonymousExpired;
  private transient Counter visitorsCreated;
  private transient Counter anonymousEvents;
  private transient Counter lateEvents;
  private transient Counter duplicates;
  private transient Counter customersMerged;
  private transient Counter visitorsLinked;
  private transient Counter linksRefused;
  private transient Counter handoffsAbsorbed;
  private transient Counter eventsForwarded;
  private transient Counter identityLoops;
  private transient Counter churnAlerts;
  private transient Counter dateTriggers;
  private transient Counter timersWithoutProgress;
  /**
   * Event ids moved out of a customer's state ({@link SeenEventIds}), expiring by TTL: only customers with
   * very many events use it. Null when de-duplication is off.
   */
  private transient MapState<Long, Boolean> seenEventIds;
  private transient long horizon;
  /** Customer states on the heap between checkpoints, when the operator set it up; null: RocksDB per event. */
  private transient WriteBackCache<CustomerState> cache;
  private transient WriteBackCache.Writer<CustomerState> writer;
  private transient Counter cacheHits;
  private transient Counter cacheMisses;

  public CustomerProfileFunction(ProfileLogic logic) {
    this.logic = logic;
    this.updater = new FeatureUpdater(logic.features());
    this.merge = new CustomerMerge(logic.features());
    this.segments = new CustomerSegments(logic.scorer().rfm(), logic.lifecycle());
    this.dueTimes = new DueTimes(logic, segments, updater);
  }

  @Override
  public void open(OpenContext context) {
    state = getRuntimeContext().getState(CUSTOMER);
    rules = new SegmentRules(new RuleCompiler());
    rulesLoaded = false;
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
    customersMerged = metrics.counter("customersMerged");
    visitorsLinked = metrics.counter("visitorsLinked");
    linksRefused = metrics.counter("identityLinksRefused");
    handoffsAbsorbed = metrics.counter("handoffsAbsorbed");
    eventsForwarded = metrics.counter("eventsForwarded");
    identityLoops = metrics.counter("identityLoops");
    churnAlerts = metrics.counter("churnAlerts");
    dateTriggers = metrics.counter("dateTriggers");
    timersWithoutProgress = metrics.counter("timersWithoutProgress");
    ruleErrors = metrics.counter("ruleEvaluationErrors");
    if (!logic.dedupHorizon().isZero()) {
      MapStateDescriptor<Long, Boolean> seen = new MapStateDescriptor<>("seen-event-ids", Types.LONG, Types.BOOLEAN);
      // Expired ids are dropped by RocksDB compaction, so the state stays bounded without timers.
      seen.enableTimeToLive(StateTtlConfig.newBuilder(logic.dedupHorizon())
          .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
          .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
          .cleanupInRocksdbCompactFilter(1_000)
          .build());
      seenEventIds = getRuntimeContext().getMapState(seen);
      horizon = logic.dedupHorizon().toMillis();
    }
  }

  @Override
  public void processElement(CustomerEvent event, ReadOnlyContext ctx, Collector<ProfileUpdate> out) throws Exception {
    loadControl(ctx);
    String key = ctx.getCurrentKey();
    CustomerState customer = load(key);
    if (customer != null && customer.aliasOf != null) {
      if (event.kind == EventKind.LINK) {
        link(key, customer, event, ctx);
        return;
      }
      if (event.kind != EventKind.ABSORB || !event.otherKey.equals(customer.aliasOf)) {
        forward(key, customer, event, ctx);
        return;
      }
      // The key this one was merged into is now merged back into it: it lives again and takes it all.
      customer.aliasOf = null;
    }
    long now = ctx.timerService().currentProcessingTime();
    boolean rememberId = seenEventIds != null && event.eventId != null;
    long id = rememberId ? EventIdHash.of(event.eventId) : 0;
    if (rememberId && customer != null) {
      if (seenBefore(customer, id, now)) {
        duplicates.inc();
        return;
      }
      remember(customer, id, now);
      rememberId = false;
    }
    switch (event.kind) {
      case LINK -> {
        link(key, customer, event, ctx);
        return;
      }
      case MERGE -> {
        mergeInto(key, customer, event, ctx, out);
        return;
      }
      default -> { }
    }
    if (event.eventTime < ctx.timerService().currentWatermark() && !event.kind.isIdentity()) {
      // Behind the watermark, yet still applied: daily buckets take events up to their window's age.
      lateEvents.inc();
    }
    boolean created = customer == null;
    ValueTier before = created ? null : customer.tier;
    boolean anonymous = CustomerKeys.isAnonymous(key);
    if (event.kind == EventKind.ABSORB) {
      customer = absorb(customer, event, now);
    } else {
      if (created) {
        customer = FeatureUpdater.newCustomer(event);
      } else if (!anonymous && !event.kind.isIdentity()) {
        segments.beforeActivity(customer, event.eventTime);
      }
      updater.apply(customer, event);
    }
    if (rememberId) {
      // A key without state has no ids to compare with; its first one goes into the new state.
      remember(customer, id, now);
    }
    double clv = Double.NaN;
    ValueTier tier = customer.tier;
    if (created || affectsValue(event.kind)) {
      clv = clvOf(customer, Math.max(customer.scoredAt, customer.lastSeen));
      tier = logic.tiers().tierFor(customer.orders, customer.spendMinor, clv, cuts);
    }

    if (CustomerKeys.isAnonymous(key)) {
      customer.tier = tier;
      anonymousEvents.inc();
      if (created) {
        visitorsCreated.inc();
      }
    } else {
      if (created) {
        customersCreated.inc();
      }
      customer.scoredAt = Math.max(customer.scoredAt, customer.lastSeen);
      for (SegmentChange change : moveTier(key, customer, before, tier, clv, event.eventTime)) {
        ctx.output(SEGMENT_CHANGES, change);
      }
      moveSegments(key, customer, customer.scoredAt, segments.lifecycleStage(customer, customer.scoredAt),
          segments.rfmSegment(customer, customer.scoredAt), ctx);
    }
    Scores scores = !anonymous && riskSignal(event.kind, customer) ? checkChurnAlert(key, customer, ctx) : null;
    if (!anonymous && !rules.isEmpty()) {
      scores = applyRules(key, customer, scores, event.eventTime, ctx);
    }
    schedule(customer, CustomerKeys.isAnonymous(key), ctx.timerService());
    store(key, customer);
    if (!CustomerKeys.isAnonymous(key)) {
      // An event back from the handoff loop was counted (and its latency measured) on its first pass.
      long source = event.hops > 0 || event.kind == EventKind.ABSORB ? 0 : event.sourceTimestamp;
      ProfileUpdate update = new ProfileUpdate(key, source, published(customer));
      out.collect(scores == null ? update : update.withScores(scores));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProfileUpdate> out) throws Exception {
    loadControl(ctx);
    String key = ctx.getCurrentKey();
    CustomerState customer = load(key);
    if (customer == null) {
      return;
    }
    boolean anonymous = CustomerKeys.isAnonymous(key);
    customer.pendingTimer = CustomerState.NONE;
    long watermark = ctx.timerService().currentWatermark();
    boolean endOfInput = watermark == Long.MAX_VALUE;
    // When event time leapt ahead, act once for where it is now instead of once per missed interval;
    // at the end of input, once more at the next due time.
    long now = endOfInput ? Math.max(timestamp, dueTimes.next(customer, anonymous, customer.scoredAt)) : Math.max(timestamp, watermark);
    if (now >= customer.lastSeen + dueTimes.retention(anonymous)) {
      store(key, null);
      forgetMovedOutIds(customer);
      if (customer.aliasOf != null) {
        return;
      }
      if (anonymous) {
        anonymousExpired.inc();
      } else {
        customersExpired.inc();
        customer.version++;
        exitAll(key, customer, now, "the customer expired: no event for " + logic.customerRetention().toDays() + " days", ctx);
        out.collect(ProfileUpdate.deletion(key, customer));
      }
      return;
    }
    if (customer.aliasOf != null) {
      // A merged or linked key keeps only its alias, until it has been unused for its retention.
      if (!endOfInput) {
        schedule(customer, anonymous, now, ctx.timerService());
      }
      store(key, customer);
      timersWithoutProgress.inc();
      return;
    }
    boolean triggered = false;
    if (!anonymous) {
      // The timer's own time: a birthday timer fires at the start of that day even when the
      // watermark has already moved past it.
      triggered = triggerDates(key, customer, timestamp, ctx);
    }
    boolean abandoned = updater.expireCart(customer, now);
    boolean rescore = now >= customer.scoredAt + logic.rescoreInterval().toMillis();
    long at = Math.max(customer.scoredAt, now);
    LifecycleStage stage = anonymous ? null : segments.lifecycleStage(customer, at);
    RfmSegment rfm = anonymous ? null : segments.rfmSegment(customer, at);
    boolean moved = !anonymous && (stage != customer.lifecycle || rfm != customer.rfmSegment);
    boolean publish = !anonymous && (rescore || abandoned || moved);
    if (publish) {
      customer.scoredAt = at;
      customer.version++;
      rescored.inc();
      moveSegments(key, customer, at, stage, rfm, ctx);
    }
    Scores scores = publish ? checkChurnAlert(key, customer, ctx) : null;
    if (publish) {
      // Lifetime value moves with time (P(alive) falls), and the tier with it.
      double clv = customer.orders == 0 ? Double.NaN : scores.clvMinor;
      for (SegmentChange change : moveTier(key, customer, customer.tier,
          logic.tiers().tierFor(customer.orders, customer.spendMinor, clv, cuts), clv, at)) {
        ctx.output(SEGMENT_CHANGES, change);
      }
    }
    if (!anonymous) {
      sampleClv(customer, scores, at, ctx);
    }
    if (publish && !rules.isEmpty()) {
      scores = applyRules(key, customer, scores, at, ctx);
    }
    if (!endOfInput) {
      // Everything up to `at` has been looked at: what falls due next lies after it. Computing it
      // from scoredAt instead (older when nothing was published) found the same moment again, at or
      // behind the watermark, where Flink fires a timer at once: a livelock.
      schedule(customer, anonymous, Math.max(customer.scoredAt, now), ctx.timerService());
    }
    store(key, customer);
    if (publish) {
      out.collect(new ProfileUpdate(key, 0, published(customer)).withScores(scores));
    } else if (!abandoned && !triggered) {
      timersWithoutProgress.inc();
    }
  }

  /**
   * Moves the customer's lifecycle stage and RFM segment to {@code stage} and {@code rfm}, where they
   * are at {@code now}, with a SegmentChange pair (exited, entered) for each that moved; nothing
   * when nothing moved.
   */
  private void moveSegments(String key, CustomerState customer, long now, LifecycleStage stage, RfmSegment rfm, ReadOnlyContext ctx) {
    if (stage != customer.lifecycle) {
      for (SegmentChange change : SegmentChanges.move(key, customer.lifecycle == null ? null : customer.lifecycle.segment(),
          stage.segment(), segments.lifecycleReason(stage), now, customer.version)) {
        ctx.output(SEGMENT_CHANGES, change);
        segmentChanges.inc();
      }
      customer.lifecycle = stage;
    }
    if (rfm != customer.rfmSegment) {
      for (SegmentChange change : SegmentChanges.move(key, customer.rfmSegment == null ? null : customer.rfmSegment.segment(),
          rfm == null ? null : rfm.segment(), segments.rfmReason(customer, now), now, customer.version)) {
        ctx.output(SEGMENT_CHANGES, change);
        segmentChanges.inc();
      }
      customer.rfmSegment = rfm;
    }
  }

  /**
   * Events that can move churn risk enough to matter between the daily rescorings: service calls,
   * refunds and cancellations raise it, a paid order or a merged history can end an active alert.
   * Other events wait for the timer, so clicks do not pay for scoring.
   */
  private static boolean riskSignal(EventKind kind, CustomerState customer) {
    return switch (kind) {
      case SERVICE_CALL, ORDER_REFUNDED, ORDER_CANCELLED, ABSORB -> true;
      case ORDER_PAID -> customer.churnAlertActive;
      default -> false;
    };
  }

  /**
   * Scores the customer and raises or clears their churn alert. Returns the scores, which the
   * published update carries so the Redis writer does not compute them again.
   */
  private Scores checkChurnAlert(String key, CustomerState customer, ReadOnlyContext ctx) {
    Scores scores = logic.scorer().score(customer, customer.scoredAt);
    switch (logic.alerts().decide(customer.churnAlertActive, customer.lastChurnAlertAt, scores.churnRisk, customer.scoredAt)) {
      case RAISE -> {
        customer.churnAlertActive = true;
        customer.lastChurnAlertAt = customer.scoredAt;
        ctx.output(CHURN_ALERTS, ChurnAlerts.of(key, customer, scores, logic.alerts().raiseAt()));
        churnAlerts.inc();
      }
      case CLEAR -> customer.churnAlertActive = false;
      case NONE -> { }
    }
    return scores;
  }

  /** Compiles the live rules and reads the CLV percentiles from broadcast state once after a start or restore. */
  private void loadControl(ReadOnlyContext ctx) throws Exception {
    if (!rulesLoaded) {
      loadControl(ctx.getBroadcastState(RULES), ctx.getBroadcastState(CLV_CUTS));
    }
  }

  private void loadControl(ReadOnlyBroadcastState<String, RuleCommand> live, ReadOnlyBroadcastState<String, ClvCuts> clv)
      throws Exception {
    if (rulesLoaded) {
      return;
    }
    for (var entry : live.immutableEntries()) {
      rules.restore(entry.getValue());
    }
    cuts = clv.get(CLV_CUTS_KEY);
    rulesLoaded = true;
  }

  /** Lifetime value over the CLV horizon as of {@code at}; NaN before the first paid order. */
  private double clvOf(CustomerState customer, long at) {
    return customer.orders == 0 ? Double.NaN : logic.scorer().clvMinor(customer, at);
  }

  /** Events that can change what a customer is worth (and so their value tier). */
  private static boolean affectsValue(EventKind kind) {
    return switch (kind) {
      case ORDER_PAID, ORDER_REFUNDED, ORDER_CANCELLED, ABSORB -> true;
      default -> false;
    };
  }

  /**
   * Puts the customer in {@code tier}, with an exited/entered pair when it differs from {@code before}
   * (null: the customer had no tier yet, so only an entered record).
   */
  private List<SegmentChange> moveTier(String key, CustomerState customer, ValueTier before, ValueTier tier, double clv,
      long time) {
    customer.tier = tier;
    if (tier == before) {
      return List.of();
    }
    String reason = logic.tiers().reason(before, tier, customer.spendMinor, clv, customer.currency, cuts);
    List<SegmentChange> changes = SegmentChanges.move(key, before == null ? null : before.segment(), tier.segment(), reason,
        time, customer.version);
    segmentChanges.inc(changes.size());
    return changes;
  }

  /** Puts today's CLV of a buying customer into the population sketch, once a day (percentile tiers only). */
  private void sampleClv(CustomerState customer, Scores scores, long now, ReadOnlyContext ctx) {
    long today = Math.floorDiv(now, FeatureUpdater.DAY);
    if (logic.tiers().basis() == ValueTierPolicy.Basis.CLV_PERCENTILE && customer.orders > 0
        && today != customer.clvSampledDay) {
      double clv = scores != null ? scores.clvMinor : clvOf(customer, now);
      ctx.output(CLV_SAMPLES, Tuple2.of(today, clv));
      customer.clvSampledDay = today;
    }
  }

  /**
   * Evaluates the live rules for a customer about to be published and moves their rule segments,
   * with a SegmentChange for each entered or left. Returns the scores the rules were evaluated on,
   * which the published update carries.
   */
  private Scores applyRules(String key, CustomerState customer, Scores scores, long time, ReadOnlyContext ctx) {
    Scores scored = scores != null ? scores : logic.scorer().score(customer, customer.scoredAt);
    SegmentRules.Evaluation result = rules.evaluate(customer.ruleSegments,
        RuleVariables.of(key, customer, scored, ProfileSegments.of(customer)));
    ruleErrors.inc(result.errors());
    for (SegmentChange change : ruleChanges(key, customer, result, time)) {
      ctx.output(SEGMENT_CHANGES, change);
    }
    return scored;
  }

  /** Records for the rule segments entered and left, in that order; the customer's memberships updated. */
  private List<SegmentChange> ruleChanges(String key, CustomerState customer, SegmentRules.Evaluation result, long time) {
    List<SegmentChange> changes = new ArrayList<>();
    for (String name : result.exited()) {
      changes.addAll(SegmentChanges.move(key, RuleCommand.segment(name), null, ruleReason(name, false), time, customer.version));
    }
    for (String name : result.entered()) {
      changes.addAll(SegmentChanges.move(key, null, RuleCommand.segment(name), ruleReason(name, true), time, customer.version));
    }
    customer.ruleSegments = result.members();
    segmentChanges.inc(changes.size());
    return changes;
  }

  private String ruleReason(String name, boolean entered) {
    RuleCommand rule = rules.live(name);
    return rule == null ? "rule " + name + " was removed"
        : (entered ? "matches" : "no longer matches") + " rule " + name + " v" + rule.version + ": " + rule.expression;
  }

  /** A deleted customer leaves every segment: an EXITED record for each. */
  private void exitAll(String key, CustomerState customer, long time, String reason, ReadOnlyContext ctx) {
    for (String segment : ProfileSegments.all(customer)) {
      for (SegmentChange change : SegmentChanges.move(key, segment, null, reason, time, customer.version)) {
        ctx.output(SEGMENT_CHANGES, change);
        segmentChanges.inc();
      }
    }
  }

  /**
   * A rule published, changed or removed at runtime. A live rule is evaluated at once against every
   * customer this instance holds (from state: no event of theirs is needed), moving memberships; a
   * shadow rule only counts who would enter and leave. Each instance reports on the
   * segment-rule-status topic; a rejected rule is reported by instance 0 alone, and changes nothing.
   */
  @Override
  public void processBroadcastElement(ProfileControl control, Context ctx, Collector<ProfileUpdate> out) throws Exception {
    loadControl(ctx.getBroadcastState(RULES), ctx.getBroadcastState(CLV_CUTS));
    if (control.clvCuts != null) {
      newPercentiles(control.clvCuts, ctx, out);
    } else {
      ruleCommand(control.rule, ctx, out);
    }
  }

  /**
   * New CLV percentiles of the population (once a day): with percentile tiers, every buying customer
   * this instance holds is placed again at once, so "top 5 %" stays true as the population changes.
   */
  private void newPercentiles(ClvCuts newCuts, Context ctx, Collector<ProfileUpdate> out) throws Exception {
    ctx.getBroadcastState(CLV_CUTS).put(CLV_CUTS_KEY, newCuts);
    cuts = newCuts;
    if (logic.tiers().basis() != ValueTierPolicy.Basis.CLV_PERCENTILE) {
      return;
    }
    long[] moved = new long[1];
    ctx.applyToKeyedState(CUSTOMER, (key, customerState) -> {
      CustomerState customer = customerState.value();
      if (customer == null || customer.aliasOf != null || CustomerKeys.isAnonymous(key) || customer.orders == 0) {
        return;
      }
      double clv = clvOf(customer, customer.scoredAt);
      ValueTier tier = logic.tiers().tierFor(customer.orders, customer.spendMinor, clv, cuts);
      if (tier == customer.tier) {
        return;
      }
      customer.version++;
      for (SegmentChange change : moveTier(key, customer, customer.tier, tier, clv, customer.scoredAt)) {
        ctx.output(SEGMENT_CHANGES, change);
      }
      customerState.update(customer);
      out.collect(new ProfileUpdate(key, 0, customer));
      moved[0]++;
    });
    LOG.info("CLV percentiles of {} ({} buying customers): {}; {} customers of this instance changed tier",
        java.time.LocalDate.ofEpochDay(newCuts.day), newCuts.customers, newCuts, moved[0]);
  }

  private void ruleCommand(RuleCommand command, Context ctx, Collector<ProfileUpdate> out) throws Exception {
    BroadcastState<String, RuleCommand> live = ctx.getBroadcastState(RULES);
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    if (command.removed) {
      RuleCommand removed = live.get(command.name);
      if (removed == null) {
        return;
      }
      live.remove(command.name);
      rules.remove(command.name);
      RuleRun run = runRule(command.name, null, false, ctx, out);
      ctx.output(RULE_STATUS, status(removed, SegmentRuleState.REMOVED, "removed; its members left rule:" + command.name, run));
      return;
    }
    CompiledRule compiled;
    try {
      compiled = rules.check(command);
    } catch (RuleException e) {
      LOG.warn("Segment rule refused: {}", e.getMessage());
      if (subtask == 0) {
        ctx.output(RULE_STATUS, status(command, SegmentRuleState.REJECTED, e.getMessage(), new RuleRun()));
      }
      return;
    }
    if (command.shadow()) {
      RuleRun run = runRule(command.name, compiled, true, ctx, out);
      ctx.output(RULE_STATUS, status(command, SegmentRuleState.SHADOW, "shadow: nothing changed; " + run.entered
          + " would enter and " + run.exited + " would leave rule:" + command.name, run));
      return;
    }
    live.put(command.name, command);
    rules.putLive(command, compiled);
    RuleRun run = runRule(command.name, compiled, false, ctx, out);
    ctx.output(RULE_STATUS, status(command, SegmentRuleState.LIVE, "live: evaluated against every customer", run));
  }

  /** Counts of one rule's run over the customers of this instance. */
  private static final class RuleRun {
    long customers;
    long members;
    long entered;
    long exited;
    long errors;
  }

  /**
   * Evaluates one rule ({@code null}: the rule is gone) against every customer in state. Unless
   * {@code shadow}, moves memberships and publishes each changed customer as a new profile version.
   */
  private RuleRun runRule(String name, CompiledRule rule, boolean shadow, Context ctx, Collector<ProfileUpdate> out)
      throws Exception {
    RuleRun run = new RuleRun();
    ctx.applyToKeyedState(CUSTOMER, (key, customerState) -> {
      CustomerState customer = customerState.value();
      if (customer == null || customer.aliasOf != null || CustomerKeys.isAnonymous(key)) {
        return;
      }
      run.customers++;
      boolean member = java.util.Arrays.binarySearch(customer.ruleSegments, name) >= 0;
      boolean matches = false;
      Scores scores = null;
      if (rule != null) {
        scores = logic.scorer().score(customer, customer.scoredAt);
        CompiledRule.Outcome outcome = rule.evaluate(RuleVariables.of(key, customer, scores, ProfileSegments.of(customer)));
        matches = outcome == CompiledRule.Outcome.MATCH;
        if (outcome == CompiledRule.Outcome.ERROR) {
          run.errors++;
          ruleErrors.inc();
        }
      }
      run.members += matches ? 1 : 0;
      run.entered += matches && !member ? 1 : 0;
      run.exited += member && !matches ? 1 : 0;
      if (shadow || matches == member) {
        return;
      }
      customer.version++;
      long time = customer.scoredAt;
      for (SegmentChange change : ruleChanges(key, customer, SegmentRules.withRule(customer.ruleSegments, name, matches), time)) {
        ctx.output(SEGMENT_CHANGES, change);
      }
      customerState.update(customer);
      ProfileUpdate update = new ProfileUpdate(key, 0, customer);
      out.collect(scores == null ? update : update.withScores(scores));
    });
    return run;
  }

  private SegmentRuleStatus status(RuleCommand rule, SegmentRuleState state, String reason, RuleRun run) {
    var task = getRuntimeContext().getTaskInfo();
    return new SegmentRuleStatus(rule.name, rule.version, state, reason, run.customers, run.members, run.entered, run.exited,
        run.errors, task.getIndexOfThisSubtask(), task.getNumberOfParallelSubtasks(),
        java.time.Instant.ofEpochMilli(System.currentTimeMillis()));
  }

  /** Emits the birthday and anniversary triggers due on the day of {@code time}, each once; whether it emitted any. */
  private boolean triggerDates(String key, CustomerState customer, long time, ReadOnlyContext ctx) {
    boolean triggered = false;
    java.time.LocalDate today = CustomerDates.day(time);
    if (customer.birthMonthDay != 0) {
      java.time.LocalDate birthday = CustomerDates.birthdayIn(customer.birthMonthDay, today.getYear());
      long start = CustomerDates.startOf(birthday);
      if (birthday.equals(today) && customer.lastBirthdayTrigger != start) {
        customer.lastBirthdayTrigger = start;
        ctx.output(DATE_TRIGGERS, new DateTrigger(key + "/birthday/" + birthday, key, DateTriggerType.BIRTHDAY,
            birthday.toString(), null, java.time.Instant.ofEpochMilli(start)));
        dateTriggers.inc();
        triggered = true;
      }
    }
    long since = DueTimes.anniversaryBase(customer);
    java.time.LocalDate anniversary = CustomerDates.anniversaryIn(since, today.getYear());
    long start = CustomerDates.startOf(anniversary);
    int years = CustomerDates.years(since, anniversary);
    if (anniversary.equals(today) && years >= 1 && customer.lastAnniversaryTrigger != start) {
      customer.lastAnniversaryTrigger = start;
      ctx.output(DATE_TRIGGERS, new DateTrigger(key + "/anniversary/" + anniversary, key, DateTriggerType.ANNIVERSARY,
          anniversary.toString(), years, java.time.Instant.ofEpochMilli(start)));
      dateTriggers.inc();
      triggered = true;
    }
    return triggered;
  }

  /**
   * Applies a handed-over state: the other key's history becomes this customer's (or the customer,
   * when this key has none yet), its event ids too.
   */
  private CustomerState absorb(CustomerState customer, CustomerEvent event, long now) throws Exception {
    Handoff handoff = Handoff.decode(event.payload);
    CustomerState from = handoff.state();
    CustomerState result;
    if (customer == null) {
      // Nothing here yet: the handed-over state is the customer's, one version on. Its rule
      // segments were the other key's memberships; this key enters them afresh.
      result = from;
      result.version++;
      result.ruleSegments = CustomerState.NO_RULES;
      result.seenIds = new SeenEventIds();
    } else {
      merge.absorb(customer, from);
      result = customer;
    }
    if (seenEventIds != null) {
      for (long id : handoff.seenEventIds()) {
        remember(result, id, now);
      }
    }
    handoffsAbsorbed.inc();
    return result;
  }

  /**
   * This anonymous visitor is customer {@code event.otherKey}: hand their activity so far to the
   * customer and forward whatever comes later, unless the visitor has logged in as too many
   * customers (a shared device), in which case they stay anonymous from then on.
   */
  private void link(String key, CustomerState visitor, CustomerEvent event, ReadOnlyContext ctx) throws Exception {
    String customerId = event.otherKey;
    if (visitor == null) {
      visitor = FeatureUpdater.newCustomer(event);
    }
    String[] linked = visitor.linkedCustomers;
    boolean known = java.util.Arrays.asList(linked).contains(customerId);
    if (!known && linked.length <= logic.maxCustomersPerAnonymousId()) {
      // Remembers one more than allowed at most: enough to know the guardrail has tripped.
      linked = java.util.Arrays.copyOf(linked, linked.length + 1);
      linked[linked.length - 1] = customerId;
      visitor.linkedCustomers = linked;
    }
    if (linked.length > logic.maxCustomersPerAnonymousId()) {
      if (visitor.aliasOf != null || !known) {
        LOG.info("Identity guardrail: {} logged in as {} customers, more than {} ({}); not attributing its activity to {}"
            + " or anyone else from now on", key, linked.length, logic.maxCustomersPerAnonymousId(),
            "pulse.identity.max-customers-per-anonymous-id", customerId);
        linksRefused.inc();
      }
      visitor.aliasOf = null;
      schedule(visitor, true, ctx.timerService());
      store(key, visitor);
      return;
    }
    boolean hasHistory = visitor.aliasOf == null && visitor.version > 0;
    if (hasHistory) {
      ctx.output(HANDOFFS, handoffOf(visitor, key, customerId, event));
      // Only once per visitor: clearing a MapState walks a RocksDB iterator, and a visitor who
      // logs in every session would otherwise pay that on every login.
      forgetMovedOutIds(visitor);
    }
    CustomerState shell = shell(visitor, customerId, event.eventTime);
    schedule(shell, true, ctx.timerService());
    store(key, shell);
    visitorsLinked.inc();
  }

  /**
   * This customer is customer {@code event.otherKey}: hand the state over, delete this profile
   * (Redis keys and a customer-profiles tombstone) and forward whatever still arrives for this id.
   */
  private void mergeInto(String key, CustomerState customer, CustomerEvent event, ReadOnlyContext ctx, Collector<ProfileUpdate> out)
      throws Exception {
    String survivor = event.otherKey;
    if (survivor.equals(key)) {
      return;
    }
    if (customer == null) {
      customer = FeatureUpdater.newCustomer(event);
    } else {
      ctx.output(HANDOFFS, handoffOf(customer, key, survivor, event));
      if (!CustomerKeys.isAnonymous(key)) {
        customer.version++;
        exitAll(key, customer, event.eventTime, "merged into customer " + survivor, ctx);
        out.collect(ProfileUpdate.deletion(key, customer));
      }
    }
    CustomerState shell = shell(customer, survivor, event.eventTime);
    forgetMovedOutIds(customer);
    schedule(shell, CustomerKeys.isAnonymous(key), ctx.timerService());
    store(key, shell);
    customersMerged.inc();
    LOG.info("Customer {} merged into {}", key, survivor);
  }

  /** Sends an event that arrived at a merged or linked key on to its successor. */
  private void forward(String key, CustomerState shell, CustomerEvent event, ReadOnlyContext ctx) throws Exception {
    if (event.hops >= MAX_HOPS) {
      identityLoops.inc();
      LOG.warn("Event {} went through {} merged ids and reached {} again; merges form a loop. Sent to dead letters", event.eventId,
          event.hops, key);
      ctx.output(DEAD_LETTERS, ProfileDeadLetters.loop(event, key, logic.handoffTopic()));
      return;
    }
    CustomerEvent forwarded = CustomerEventSerializer.INSTANCE.copy(event);
    forwarded.customerKey = shell.aliasOf;
    forwarded.hops = event.hops + 1;
    ctx.output(HANDOFFS, forwarded);
    eventsForwarded.inc();
    if (event.eventTime > shell.lastSeen) {
      // An alias in use stays.
      shell.lastSeen = event.eventTime;
      schedule(shell, CustomerKeys.isAnonymous(key), ctx.timerService());
      store(key, shell);
    }
  }

  /** The ABSORB event that carries this key's state and remembered event ids to {@code target}. */
  private CustomerEvent handoffOf(CustomerState customer, String key, String target, CustomerEvent cause) throws Exception {
    java.util.stream.LongStream.Builder ids = java.util.stream.LongStream.builder();
    if (seenEventIds != null && customer.seenIds.spilledUntil() != SeenEventIds.NEVER) {
      for (Long id : seenEventIds.keys()) {
        ids.add(id);
      }
    }
    for (int i = 0; i < customer.seenIds.size(); i++) {
      ids.add(customer.seenIds.id(i));
    }
    CustomerState handed = customer.copyWithoutEventIds();
    handed.pendingTimer = CustomerState.NONE;
    handed.aliasOf = null;
    handed.linkedCustomers = CustomerState.NO_CUSTOMERS;
    CustomerEvent absorb = new CustomerEvent(target, cause.eventId + "/absorb", EventKind.ABSORB, cause.eventTime,
        cause.sourceTimestamp, 0, null).withIdentity(key, null, null, Long.MIN_VALUE);
    absorb.payload = new Handoff(handed, ids.build().toArray()).encode();
    absorb.hops = cause.hops;
    return absorb;
  }

  /**
   * Keeps up to {@code customers} states on the heap, written back through {@code keys} (the
   * operator, which can switch to another key) when evicted and at {@link #writeBack}.
   */
  void cacheStates(int customers, KeyContext keys) {
    cache = new WriteBackCache<>(customers);
    var metrics = getRuntimeContext().getMetricGroup().addGroup("pulse");
    cacheHits = metrics.counter("stateCacheHits");
    cacheMisses = metrics.counter("stateCacheMisses");
    Counter writes = metrics.counter("stateCacheWrites");
    writer = (key, value) -> {
      writes.inc();
      Object current = keys.getCurrentKey();
      keys.setCurrentKey(key);
      writeToRocksDb(value);
      if (current != null) {
        keys.setCurrentKey(current);
      }
    };
  }

  /** Writes every changed customer state back to RocksDB (before a checkpoint, at the end of input). */
  void writeBack() throws Exception {
    if (cache != null) {
      cache.flush(writer);
    }
  }

  /** Forgets the cached states: RocksDB is about to change underneath (applyToKeyedState). */
  void dropCache() {
    if (cache != null) {
      cache.clear();
    }
  }

  /** The current key's state (null when none), from the cache or RocksDB. */
  private CustomerState load(String key) throws Exception {
    if (cache == null) {
      return state.value();
    }
    if (cache.contains(key)) {
      cacheHits.inc();
      return cache.get(key);
    }
    cacheMisses.inc();
    CustomerState customer = state.value();
    cache.loaded(key, customer, writer);
    return customer;
  }

  /** Sets the current key's state; null deletes it. */
  private void store(String key, CustomerState customer) throws Exception {
    if (cache == null) {
      writeToRocksDb(customer);
    } else {
      cache.put(key, customer, writer);
    }
  }

  /** Sets the current key's state in RocksDB; null deletes it. */
  private void writeToRocksDb(CustomerState customer) throws Exception {
    if (customer == null) {
      state.clear();
    } else {
      state.update(customer);
    }
  }

  /**
   * The state as handed to the outputs, which read it later and on other threads (the Redis writer):
   * RocksDB gives a fresh object per read, but a cached one changes with the customer's next event.
   */
  private CustomerState published(CustomerState customer) {
    return cache == null ? customer : customer.copyWithoutEventIds();
  }

  /** Whether this customer sent the event id within the horizon: kept in the state, or moved out to the map. */
  private boolean seenBefore(CustomerState customer, long id, long now) throws Exception {
    customer.seenIds.expire(now, horizon);
    return customer.seenIds.contains(id) || customer.seenIds.mayHaveSpilled(now) && seenEventIds.contains(id);
  }

  private void remember(CustomerState customer, long id, long now) throws Exception {
    if (customer.seenIds.add(id, now, horizon)) {
      seenEventIds.put(customer.seenIds.movedOut(), Boolean.TRUE);
    }
  }

  /** Empties the map of moved-out ids, if this key ever used it (clearing walks a RocksDB iterator). */
  private void forgetMovedOutIds(CustomerState customer) throws Exception {
    if (seenEventIds != null && customer.seenIds.spilledUntil() != SeenEventIds.NEVER) {
      seenEventIds.clear();
    }
  }

  /** What stays of a key that now stands for another: the alias, the links and its timer. */
  private static CustomerState shell(CustomerState old, String aliasOf, long now) {
    CustomerState shell = CustomerState.empty();
    shell.version = old.version;
    shell.firstSeen = old.firstSeen;
    shell.lastSeen = Math.max(old.lastSeen, now);
    shell.scoredAt = old.scoredAt;
    shell.pendingTimer = old.pendingTimer;
    shell.linkedCustomers = old.linkedCustomers;
    shell.aliasOf = aliasOf;
    return shell;
  }

  /**
   * Keeps exactly one timer, never later than the earliest of rescoring, segment changes, dates, cart
   * abandonment and expiry after {@code checkedUntil} (see {@link DueTimes}). It is only ever moved
   * earlier: moving it on every event (rescoring is due a day after the latest) would rewrite the
   * timer in RocksDB each time; a timer that fires early reschedules.
   */
  private void schedule(CustomerState customer, boolean anonymous, long checkedUntil, TimerService timers) {
    long due = dueTimes.next(customer, anonymous, checkedUntil);
    if (customer.pendingTimer != CustomerState.NONE && customer.pendingTimer <= due) {
      return;
    }
    if (customer.pendingTimer != CustomerState.NONE) {
      timers.deleteEventTimeTimer(customer.pendingTimer);
    }
    timers.registerEventTimeTimer(due);
    customer.pendingTimer = due;
  }

  /** After an event or an identity change: the customer was last looked at when last scored. */
  private void schedule(CustomerState customer, boolean anonymous, TimerService timers) {
    schedule(customer, anonymous, customer.scoredAt, timers);
  }
}
