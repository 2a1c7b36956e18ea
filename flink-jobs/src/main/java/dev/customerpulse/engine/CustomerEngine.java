package dev.customerpulse.engine;

import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.CustomerKeys;
import dev.customerpulse.ingest.EventIdHash;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.rules.RuleVariables;
import dev.customerpulse.rules.SegmentRules;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.segments.CustomerSegments;
import dev.customerpulse.segments.ValueTierPolicy;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.LifecycleStage;
import dev.customerpulse.state.RfmSegment;
import dev.customerpulse.state.ValueTier;

/**
 * One customer at a time, without Flink: takes an event or a timer with the customer's state and
 * returns what should happen ({@link Effects}). Every published profile goes through
 * {@link #republish}, which moves the customer's segments in one order, written down there.
 * Anonymous visitors are tracked (for identity stitching) but not published. Not thread-safe: one
 * engine per operator instance, and its Effects are valid until the next call.
 */
public final class CustomerEngine {
  /** Hops after which an event still being forwarded from merged key to merged key is taken to be in a merge loop. */
  public static final int MAX_HOPS = IdentityMoves.MAX_HOPS;
  private final ProfileLogic logic;
  private final FeatureUpdater updater;
  private final CustomerSegments segments;
  private final DueTimes dueTimes;
  private final Deduplication dedup;
  private final TimerPlan timers;
  private final SegmentMoves moves;
  private final ConsentDecisions consent;
  private final IdentityMoves identity;
  private final LiveControl control;
  private final PrivacyRequests privacy;
  private final ErasureMarkers erasures;
  private final HistoryHold history;
  private final Effects effects = new Effects();
  private boolean copyOnPublish;

  /** @param movedOutIds where event ids moved out of a state are remembered; null when de-duplication is off */
  public CustomerEngine(ProfileLogic logic, EventIdMemory movedOutIds) {
    this.logic = logic;
    this.updater = new FeatureUpdater(logic.features());
    this.segments = new CustomerSegments(logic.scorer().rfm(), logic.lifecycle());
    this.dueTimes = new DueTimes(logic, segments, updater);
    this.dedup = new Deduplication(logic.dedupHorizon().isZero() ? null : movedOutIds, logic.dedupHorizon().toMillis());
    this.timers = new TimerPlan(dueTimes);
    this.consent = new ConsentDecisions(logic.privacy());
    this.moves = new SegmentMoves(logic.tiers(), segments, consent);
    this.identity = new IdentityMoves(logic, dedup, timers, moves);
    this.control = new LiveControl(logic, moves, effects);
    this.erasures = new ErasureMarkers(logic.privacy().erasedIds(), logic.privacy().erasureMarkerRetention().toMillis());
    this.privacy = new PrivacyRequests(logic, dedup, moves, erasures);
    this.history = new HistoryHold(logic.history(), moves);
  }

  /**
   * Published profiles carry a copy of the state, not the state itself: for a store that keeps state
   * objects and changes them with the customer's next event (the write-back cache), while the
   * outputs read the published one later, on other threads.
   */
  public void copyOnPublish(boolean copy) {
    this.copyOnPublish = copy;
  }

  /** The ids erased recently (the operator snapshots them and expires them as event time passes). */
  public ErasureMarkers erasures() {
    return erasures;
  }

  /** The live rules and CLV percentiles: what reaches every instance besides events. */
  public LiveControl control() {
    return control;
  }

  /**
   * An event for {@code key}, whose state is {@code customer} (null: none yet); {@code watermark} is
   * the current event time, {@code now} the processing time (for de-duplication).
   */
  public Effects onEvent(String key, CustomerState customer, CustomerEvent event, long watermark, long now) throws Exception {
    long lookedAt = customer == null ? CustomerState.NONE : customer.scoredAt;
    event(key, customer, event, watermark, now);
    history.after(key, lookedAt, event.eventTime, effects);
    return effects;
  }

  private Effects event(String key, CustomerState customer, CustomerEvent event, long watermark, long now) throws Exception {
    effects.clear();
    long erasedAt = erasures.erasedAt(key);
    if (erasedAt != CustomerState.NONE && privacy.atMarker(key, customer, event, erasedAt, now, effects)) {
      return effects;
    }
    if (Aliases.isIndexKey(key)) {
      privacy.atIndexKey(key, customer, event, now, effects);
      return effects;
    }
    if (event.kind == EventKind.ERASE_ALIAS) {
      privacy.eraseAlias(key, customer, event, effects);
      return effects;
    }
    if (event.kind == EventKind.INDEX) {
      privacy.index(customer, event, effects);
      return effects;
    }
    if (customer != null && customer.aliasOf != null) {
      if (event.kind == EventKind.LINK) {
        identity.link(key, customer, event, effects);
        return effects;
      }
      if (event.kind != EventKind.ABSORB || !event.otherKey.equals(customer.aliasOf)) {
        identity.forward(key, customer, event, effects);
        return effects;
      }
      // The key this one was merged into is now merged back into it: it lives again and takes it all.
      customer.aliasOf = null;
    }
    boolean rememberId = dedup.enabled() && event.eventId != null;
    long id = rememberId ? EventIdHash.of(event.eventId) : 0;
    if (rememberId && customer != null) {
      if (dedup.seenBefore(customer, id, now)) {
        effects.count(EngineMetric.DUPLICATES);
        return effects;
      }
      dedup.remember(customer, id, now);
      rememberId = false;
    }
    if (event.kind == EventKind.LINK) {
      identity.link(key, customer, event, effects);
      return effects;
    }
    if (event.kind == EventKind.MERGE) {
      identity.mergeInto(key, customer, event, effects);
      return effects;
    }
    if (event.kind == EventKind.ERASE || event.kind == EventKind.EXPORT) {
      privacy.request(key, customer, event, now, effects);
      return effects;
    }
    if (event.eventTime < watermark && !event.kind.isIdentity()) {
      // Behind the watermark, yet still applied: daily buckets take events up to their window's age.
      effects.count(EngineMetric.LATE_EVENTS);
    }
    boolean created = customer == null;
    ValueTier before = created ? null : customer.tier;
    boolean anonymous = CustomerKeys.isAnonymous(key);
    if (event.kind == EventKind.ABSORB) {
      customer = identity.absorb(customer, event, now, effects);
    } else if (event.kind == EventKind.CONSENT) {
      customer = consent.record(key, customer, event, effects);
    } else {
      if (created) {
        customer = FeatureUpdater.newCustomer(event);
      } else if (!anonymous && !event.kind.isIdentity()) {
        segments.beforeActivity(customer, event.eventTime);
      }
      updater.apply(customer, event);
      if (!anonymous) {
        Aliases.learn(key, customer, event, effects);
      }
    }
    if (rememberId) {
      // A key without state has no ids to compare with; its first one goes into the new state.
      dedup.remember(customer, id, now);
    }
    boolean valueMoved = created || affectsValue(event.kind);
    if (anonymous) {
      if (valueMoved) {
        long at = Math.max(customer.scoredAt, customer.lastSeen);
        customer.tier = logic.tiers().tierFor(customer.orders, customer.spendMinor, clvOf(customer, at), control.cuts());
      }
      effects.count(EngineMetric.ANONYMOUS_EVENTS);
      if (created) {
        effects.count(EngineMetric.VISITORS_CREATED);
      }
      timers.schedule(customer, true, effects);
      effects.store(customer);
      return effects;
    }
    if (created) {
      effects.count(EngineMetric.CUSTOMERS_CREATED);
    }
    customer.scoredAt = Math.max(customer.scoredAt, customer.lastSeen);
    long at = customer.scoredAt;
    Scores scores = republish(key, customer, before, valueMoved, riskSignal(event.kind, customer), event.eventTime,
        segments.lifecycleStage(customer, at), segments.rfmSegment(customer, at));
    timers.schedule(customer, false, effects);
    effects.store(customer);
    // An event back from the handoff loop was counted (and its latency measured) on its first pass.
    long source = event.hops > 0 || event.kind == EventKind.ABSORB ? 0 : event.sourceTimestamp;
    publish(key, customer, source, scores);
    return effects;
  }

  /** The customer's timer, set for {@code timestamp}, fired with event time at {@code watermark}. */
  public Effects onTimer(String key, CustomerState customer, long timestamp, long watermark) throws Exception {
    long lookedAt = customer == null ? CustomerState.NONE : customer.scoredAt;
    timer(key, customer, timestamp, watermark);
    history.after(key, lookedAt, watermark == Long.MAX_VALUE ? timestamp : Math.max(timestamp, watermark), effects);
    return effects;
  }

  private Effects timer(String key, CustomerState customer, long timestamp, long watermark) throws Exception {
    effects.clear();
    if (customer == null) {
      return effects;
    }
    boolean anonymous = CustomerKeys.isAnonymous(key);
    customer.pendingTimer = CustomerState.NONE;
    if (Aliases.isIndexKey(key)) {
      privacy.indexTimer(customer, Math.max(timestamp, watermark), effects);
      return effects;
    }
    boolean endOfInput = watermark == Long.MAX_VALUE;
    // When event time leapt ahead, act once for where it is now instead of once per missed interval;
    // at the end of input, once more at the next due time.
    long now = endOfInput ? Math.max(timestamp, dueTimes.next(customer, anonymous, customer.scoredAt)) : Math.max(timestamp, watermark);
    if (now >= customer.lastSeen + dueTimes.retention(anonymous)) {
      expire(key, customer, anonymous, now);
      return effects;
    }
    if (customer.aliasOf != null) {
      // A merged or linked key keeps only its alias, until it has been unused for its retention.
      if (!endOfInput) {
        timers.schedule(customer, anonymous, now, effects);
      }
      effects.store(customer);
      effects.count(EngineMetric.TIMERS_WITHOUT_PROGRESS);
      return effects;
    }
    // The timer's own time: a birthday timer fires at the start of that day even when the watermark
    // has already moved past it.
    boolean triggered = !anonymous && DateTriggers.trigger(consent, key, customer, timestamp, effects);
    boolean abandoned = updater.expireCart(customer, now);
    boolean rescore = now >= customer.scoredAt + logic.rescoreInterval().toMillis();
    long at = Math.max(customer.scoredAt, now);
    boolean publish = false;
    Scores scores = null;
    // A customer kept without profiling consent has nothing to rescore; segments still held (the mode
    // changed) are left once, through republish.
    if (!anonymous && (consent.profiled(customer) || customer.tier != null)) {
      LifecycleStage stage = segments.lifecycleStage(customer, at);
      RfmSegment rfm = segments.rfmSegment(customer, at);
      publish = rescore || abandoned || stage != customer.lifecycle || rfm != customer.rfmSegment;
      if (publish) {
        customer.scoredAt = at;
        customer.version++;
        effects.count(EngineMetric.CUSTOMERS_RESCORED);
        // Lifetime value moves with time (P(alive) falls), and the tier and churn risk with it.
        scores = republish(key, customer, customer.tier, true, true, at, stage, rfm);
      }
      sampleClv(customer, scores, at);
    } else if (!anonymous) {
      // Nothing to rescore, but looked at up to here: the next rescoring is due an interval on, not
      // again at once (which, behind the watermark, would fire this timer over and over).
      customer.scoredAt = at;
    }
    if (!endOfInput) {
      // Everything up to `at` has been looked at: what falls due next lies after it. Computing it
      // from scoredAt instead (older when nothing was published) found the same moment again, at or
      // behind the watermark, where Flink fires a timer at once: a livelock.
      timers.schedule(customer, anonymous, Math.max(customer.scoredAt, now), effects);
    }
    effects.store(customer);
    if (publish) {
      publish(key, customer, 0, scores);
    } else if (!abandoned && !triggered) {
      effects.count(EngineMetric.TIMERS_WITHOUT_PROGRESS);
    }
    return effects;
  }

  /**
   * The one path by which a customer's segments move before a profile is published, in this order:
   * <ol>
   *   <li>value tier (when what they are worth may have moved), at {@code changeTime};
   *   <li>lifecycle stage, then RFM segment, where they are at {@code scoredAt};
   *   <li>churn alert raised or cleared (when risk may have moved);
   *   <li>rule segments (when rules are live), at {@code changeTime}.
   * </ol>
   * Returns the scores computed on the way (null when none were needed), which the update carries so
   * that the Redis writer does not compute them again.
   */
  Scores republish(String key, CustomerState customer, ValueTier tierBefore, boolean valueMoved, boolean riskMoved,
      long changeTime, LifecycleStage stage, RfmSegment rfm) {
    if (!consent.profiled(customer)) {
      consent.restrict(key, customer, changeTime, effects);
      return null;
    }
    // Without a tier: new, or back from being kept without profiling consent; placed afresh.
    valueMoved |= customer.tier == null;
    long at = customer.scoredAt;
    Scores scores = riskMoved ? logic.scorer().score(customer, at) : null;
    if (valueMoved) {
      double clv = customer.orders == 0 ? Double.NaN : scores != null ? clvOf(scores) : logic.scorer().clvMinor(customer, at);
      ValueTier tier = logic.tiers().tierFor(customer.orders, customer.spendMinor, clv, control.cuts());
      moves.tier(key, customer, tierBefore, tier, clv, control.cuts(), changeTime, effects);
    }
    moves.lifecycleAndRfm(key, customer, at, stage, rfm, effects);
    if (riskMoved) {
      ChurnAlerts.decide(logic.alerts(), consent, key, customer, scores, effects);
    }
    if (!control.rules().isEmpty()) {
      if (scores == null) {
        scores = logic.scorer().score(customer, at);
      }
      SegmentRules.Evaluation result = control.rules().evaluate(customer.ruleSegments,
          RuleVariables.of(key, customer, scores, ProfileSegments.of(customer)));
      effects.count(EngineMetric.RULE_EVALUATION_ERRORS, result.errors());
      moves.rules(key, customer, result, control.rules(), changeTime, effects);
    }
    return scores;
  }

  /**
   * The profile of {@code key} as it stands, to write to Redis afresh (a refill: Redis lost it, or a
   * rebuild); null for keys that publish no profile (anonymous visitors, merged or linked ids, index
   * keys). Always a copy: the caller hands it to another thread.
   */
  public ProfileUpdate refill(String key, CustomerState customer) {
    if (customer == null || customer.aliasOf != null || CustomerKeys.isAnonymous(key) || Aliases.isIndexKey(key)) {
      return null;
    }
    ProfileUpdate update = new ProfileUpdate(key, 0, customer.copyWithoutEventIds());
    update.restricted = !consent.profiled(customer);
    update.refill = true;
    return update;
  }

  /** The customer was silent for their retention: forgotten, and (unless anonymous) deleted everywhere. */
  private void expire(String key, CustomerState customer, boolean anonymous, long now) throws Exception {
    effects.delete();
    dedup.forgetMovedOut(customer);
    if (customer.aliasOf != null) {
      return;
    }
    if (anonymous) {
      effects.count(EngineMetric.ANONYMOUS_EXPIRED);
      return;
    }
    effects.count(EngineMetric.CUSTOMERS_EXPIRED);
    customer.version++;
    moves.exitAll(key, customer, now, "the customer expired: no event for " + logic.customerRetention().toDays() + " days",
        effects);
    effects.updates.add(ProfileUpdate.deletion(key, customer));
  }

  private void publish(String key, CustomerState customer, long sourceTimestamp, Scores scores) {
    ProfileUpdate update = new ProfileUpdate(key, sourceTimestamp, copyOnPublish ? customer.copyWithoutEventIds() : customer);
    update.restricted = !consent.profiled(customer);
    effects.updates.add(scores == null ? update : update.withScores(scores));
  }

  /** Puts today's CLV of a buying customer into the population sketch, once a day (percentile tiers only). */
  private void sampleClv(CustomerState customer, Scores scores, long now) {
    long today = Math.floorDiv(now, FeatureUpdater.DAY);
    if (logic.tiers().basis() == ValueTierPolicy.Basis.CLV_PERCENTILE && customer.orders > 0
        && today != customer.clvSampledDay) {
      effects.sampleClv(today, scores != null ? clvOf(scores) : clvOf(customer, now));
      customer.clvSampledDay = today;
    }
  }

  /** Lifetime value over the CLV horizon as of {@code at}; NaN before the first paid order. */
  double clvOf(CustomerState customer, long at) {
    return customer.orders == 0 ? Double.NaN : logic.scorer().clvMinor(customer, at);
  }

  /** The CLV of scores, as {@link #clvOf(CustomerState, long)} gives it: NaN when the model had no value. */
  static double clvOf(Scores scores) {
    return Double.isNaN(scores.probabilityAlive) ? Double.NaN : scores.clvMinor;
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

  /** Events that can change what a customer is worth (and so their value tier). */
  private static boolean affectsValue(EventKind kind) {
    return switch (kind) {
      case ORDER_PAID, ORDER_REFUNDED, ORDER_CANCELLED, ABSORB -> true;
      default -> false;
    };
  }
}
