package dev.customerpulse.engine;

import dev.customerpulse.features.CustomerMerge;
import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.identity.Handoff;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.CustomerEventSerializer;
import dev.customerpulse.ingest.CustomerKeys;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.SeenEventIds;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity stitching in one key's view: a visitor who logs in hands their history to the customer, a
 * customer merged into another hands over everything, and a key that now stands for another keeps
 * only an alias and forwards what still arrives. Handoffs travel through Kafka (customer-handoffs),
 * since the receiving key may live on another instance.
 */
final class IdentityMoves {
  /** Hops after which an event still being forwarded is taken to be in a merge loop. */
  static final int MAX_HOPS = 8;
  private static final Logger LOG = LoggerFactory.getLogger(IdentityMoves.class);

  private final ProfileLogic logic;
  private final CustomerMerge merge;
  private final Deduplication dedup;
  private final TimerPlan timers;
  private final SegmentMoves moves;

  IdentityMoves(ProfileLogic logic, Deduplication dedup, TimerPlan timers, SegmentMoves moves) {
    this.logic = logic;
    this.merge = new CustomerMerge(logic.features());
    this.dedup = dedup;
    this.timers = timers;
    this.moves = moves;
  }

  /**
   * This anonymous visitor is customer {@code event.otherKey}: hand their activity so far to the
   * customer and forward whatever comes later, unless the visitor has logged in as too many
   * customers (a shared device), in which case they stay anonymous from then on.
   */
  void link(String key, CustomerState visitor, CustomerEvent event, Effects effects) throws Exception {
    String customerId = event.otherKey;
    if (visitor == null) {
      visitor = FeatureUpdater.newCustomer(event);
    }
    String[] linked = visitor.linkedCustomers;
    boolean known = Arrays.asList(linked).contains(customerId);
    if (!known && linked.length <= logic.maxCustomersPerAnonymousId()) {
      // Remembers one more than allowed at most: enough to know the guardrail has tripped.
      linked = Arrays.copyOf(linked, linked.length + 1);
      linked[linked.length - 1] = customerId;
      visitor.linkedCustomers = linked;
    }
    if (linked.length > logic.maxCustomersPerAnonymousId()) {
      if (visitor.aliasOf != null || !known) {
        LOG.info("Identity guardrail: {} logged in as {} customers, more than {} ({}); not attributing its activity to {}"
            + " or anyone else from now on", key, linked.length, logic.maxCustomersPerAnonymousId(),
            "pulse.identity.max-customers-per-anonymous-id", customerId);
        effects.count(EngineMetric.IDENTITY_LINKS_REFUSED);
      }
      visitor.aliasOf = null;
      timers.schedule(visitor, true, effects);
      effects.store(visitor);
      return;
    }
    if (visitor.aliasOf == null && visitor.version > 0) {
      effects.handoffs.add(handoffOf(visitor, key, customerId, event));
      // Only once per visitor: clearing the moved-out ids walks a RocksDB iterator, and a visitor who
      // logs in every session would otherwise pay that on every login.
      dedup.forgetMovedOut(visitor);
    }
    CustomerState shell = shell(visitor, customerId, event.eventTime);
    timers.schedule(shell, true, effects);
    effects.store(shell);
    effects.count(EngineMetric.VISITORS_LINKED);
  }

  /**
   * This customer is customer {@code event.otherKey}: hand the state over, delete this profile
   * (Redis keys and a customer-profiles tombstone) and forward whatever still arrives for this id.
   */
  void mergeInto(String key, CustomerState customer, CustomerEvent event, Effects effects) throws Exception {
    String survivor = event.otherKey;
    if (survivor.equals(key)) {
      return;
    }
    if (customer == null) {
      customer = FeatureUpdater.newCustomer(event);
      // No state to hand over, so the survivor learns of this id from an INDEX (an erasure must reach it).
      effects.handoffs.add(Aliases.indexEvent(survivor, key, event));
    } else {
      effects.handoffs.add(handoffOf(customer, key, survivor, event));
      if (!CustomerKeys.isAnonymous(key)) {
        customer.version++;
        moves.exitAll(key, customer, event.eventTime, "merged into customer " + survivor, effects);
        effects.updates.add(ProfileUpdate.deletion(key, customer));
      }
    }
    CustomerState shell = shell(customer, survivor, event.eventTime);
    dedup.forgetMovedOut(customer);
    timers.schedule(shell, CustomerKeys.isAnonymous(key), effects);
    effects.store(shell);
    effects.count(EngineMetric.CUSTOMERS_MERGED);
    LOG.info("Customer {} merged into {}", key, survivor);
  }

  /** Sends an event that arrived at a merged or linked key on to its successor. */
  void forward(String key, CustomerState shell, CustomerEvent event, Effects effects) {
    if (event.hops >= MAX_HOPS) {
      effects.count(EngineMetric.IDENTITY_LOOPS);
      LOG.warn("Event {} went through {} merged ids and reached {} again; merges form a loop. Sent to dead letters",
          event.eventId, event.hops, key);
      effects.deadLetters.add(ProfileDeadLetters.loop(event, key, logic.handoffTopic()));
      return;
    }
    CustomerEvent forwarded = CustomerEventSerializer.INSTANCE.copy(event);
    forwarded.customerKey = shell.aliasOf;
    forwarded.hops = event.hops + 1;
    effects.handoffs.add(forwarded);
    effects.count(EngineMetric.EVENTS_FORWARDED);
    if (event.eventTime > shell.lastSeen) {
      // An alias in use stays.
      shell.lastSeen = event.eventTime;
      timers.schedule(shell, CustomerKeys.isAnonymous(key), effects);
      effects.store(shell);
    }
  }

  /**
   * Applies a handed-over state: the other key's history becomes this customer's (or the customer,
   * when this key has none yet), its event ids too.
   */
  CustomerState absorb(CustomerState customer, CustomerEvent event, long now, Effects effects) throws Exception {
    Handoff handoff = Handoff.decode(event.payload);
    CustomerState from = handoff.state();
    CustomerState result;
    if (customer == null) {
      // Nothing here yet: the handed-over state is the customer's, with its version (the updates it
      // counts, as CustomerMerge adds them; not one on, or the version would depend on whether any
      // event of this key arrived before the handoff). Its rule segments were the other key's
      // memberships; this key enters them afresh.
      result = from;
      result.version = Math.max(1, result.version);
      result.ruleSegments = CustomerState.NO_RULES;
      result.seenIds = new SeenEventIds();
    } else {
      boolean visibleBefore = moves.consent().segmentChangesVisible(customer);
      merge.absorb(customer, from);
      result = customer;
      moves.consent().changed(event.customerKey, result, visibleBefore, event.eventTime,
          "consents merged with customer " + event.otherKey, effects);
    }
    // The other key, and every key that referred to it, now refer to this customer.
    String[] aliases = result == from ? from.aliases : customer.aliases;
    for (String alias : from.aliases) {
      aliases = Aliases.with(aliases, alias);
    }
    result.aliases = Aliases.with(aliases, event.otherKey);
    if (dedup.enabled()) {
      for (long id : handoff.seenEventIds()) {
        dedup.remember(result, id, now);
      }
    }
    effects.count(EngineMetric.HANDOFFS_ABSORBED);
    return result;
  }

  /** The ABSORB event that carries this key's state and remembered event ids to {@code target}. */
  private CustomerEvent handoffOf(CustomerState customer, String key, String target, CustomerEvent cause) throws Exception {
    long[] ids = dedup.all(customer);
    CustomerState handed = customer.copyWithoutEventIds();
    handed.pendingTimer = CustomerState.NONE;
    handed.aliasOf = null;
    handed.linkedCustomers = CustomerState.NO_CUSTOMERS;
    CustomerEvent absorb = new CustomerEvent(target, cause.eventId + "/absorb", EventKind.ABSORB, cause.eventTime,
        cause.sourceTimestamp, 0, null).withIdentity(key, null, null, Long.MIN_VALUE);
    absorb.payload = new Handoff(handed, ids).encode();
    absorb.hops = cause.hops;
    return absorb;
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
}
