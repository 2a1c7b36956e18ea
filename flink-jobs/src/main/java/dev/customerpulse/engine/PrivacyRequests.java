package dev.customerpulse.engine;

import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.CustomerEventSerializer;
import dev.customerpulse.ingest.CustomerKeys;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.state.CustomerState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure and access requests in one key's view. An erasure clears the customer's state and timer,
 * deletes their published profile (Redis hash, segment and consent sets, ranking, alert stream
 * entries; a customer-profiles tombstone), sends each alias key an ERASE_ALIAS, and leaves a marker
 * ({@link ErasureMarkers}: a keyed hash of the id, no keyed state) that drops the id's events from
 * before the erasure for {@code pulse.privacy.erasure-marker-retention}.
 * A request by email or phone arrives at the index key of its pseudonym, which forwards it to every
 * customer seen with it. Every request is answered with a receipt; see docs/privacy.md.
 */
final class PrivacyRequests {
  private static final Logger LOG = LoggerFactory.getLogger(PrivacyRequests.class);

  private final ProfileLogic logic;
  private final Deduplication dedup;
  private final SegmentMoves moves;
  private final CustomerExport export;
  private final ErasureMarkers markers;

  PrivacyRequests(ProfileLogic logic, Deduplication dedup, SegmentMoves moves, ErasureMarkers markers) {
    this.logic = logic;
    this.markers = markers;
    this.dedup = dedup;
    this.moves = moves;
    this.export = new CustomerExport(logic);
  }

  /**
   * An event for an id erased at {@code erasedAt} (event time); {@code customer} is what the key holds
   * now (null, or a customer who began after the erasure). Returns true when it was dealt with here:
   * a request or bookkeeping for an id that holds nothing, or an event from before the erasure
   * (dropped: a replay or a late event). False: the event goes its normal way.
   */
  boolean atMarker(String key, CustomerState customer, CustomerEvent event, long erasedAt, long now, Effects effects) {
    switch (event.kind) {
      case ERASE, EXPORT -> {
        if (customer == null) {
          notFound(key, event, now, effects);
          return true;
        }
        return false;
      }
      case INDEX, ERASE_ALIAS -> {
        return customer == null;
      }
      default -> {
        if (event.eventTime <= erasedAt) {
          effects.count(EngineMetric.ERASED_EVENTS_DROPPED);
          return true;
        }
        return false;
      }
    }
  }

  /** An email or phone index key: requests are forwarded to its customers, INDEX and ERASE_ALIAS keep it. */
  void atIndexKey(String key, CustomerState index, CustomerEvent event, long now, Effects effects) {
    switch (event.kind) {
      case INDEX -> {
        CustomerState kept = index != null ? index : FeatureUpdater.newCustomer(event);
        kept.linkedCustomers = Aliases.with(kept.linkedCustomers, event.otherKey);
        kept.lastSeen = Math.max(kept.lastSeen, event.eventTime);
        keepUntilRetention(kept, effects);
      }
      case ERASE_ALIAS -> {
        if (index == null) {
          return;
        }
        index.linkedCustomers = Aliases.without(index.linkedCustomers, event.otherKey);
        if (index.linkedCustomers.length == 0) {
          forget(index, effects);
        } else {
          effects.store(index);
        }
      }
      case ERASE, EXPORT -> {
        String[] customers = index == null ? CustomerState.NO_CUSTOMERS : index.linkedCustomers;
        for (String customer : customers) {
          CustomerEvent forwarded = CustomerEventSerializer.INSTANCE.copy(event);
          forwarded.customerKey = customer;
          forwarded.hops = event.hops + 1;
          effects.handoffs.add(forwarded);
        }
        effects.receipts.add(PrivacyReceipts.resolved(event, key.substring(Aliases.INDEX_PREFIX.length()),
            Arrays.asList(customers), now));
        if (event.kind == EventKind.ERASE && index != null) {
          // The pseudonym itself is personal data: the index goes with the customers it named.
          forget(index, effects);
        }
      }
      default -> { }
    }
  }

  /** A request at the customer's own key (null: nothing held). */
  void request(String key, CustomerState customer, CustomerEvent event, long now, Effects effects) throws Exception {
    if (customer == null || CustomerKeys.isAnonymous(key)) {
      notFound(key, event, now, effects);
      return;
    }
    if (event.kind == EventKind.EXPORT) {
      effects.receipts.add(PrivacyReceipts.exported(event, key, export.json(key, customer, event.requestId, now), now));
      effects.count(EngineMetric.CUSTOMERS_EXPORTED);
      return;
    }
    erase(key, customer, event, now, effects);
  }

  private void erase(String key, CustomerState customer, CustomerEvent event, long now, Effects effects) throws Exception {
    List<String> keys = new ArrayList<>();
    keys.add(key);
    keys.addAll(Arrays.asList(customer.aliases));
    for (String alias : customer.aliases) {
      CustomerEvent eraseAlias = new CustomerEvent(alias, event.eventId + "/erase-alias", EventKind.ERASE_ALIAS,
          event.eventTime, event.sourceTimestamp, 0, null).withIdentity(key, null, null, Long.MIN_VALUE)
          .withRequest(event.requestId, event.source);
      effects.handoffs.add(eraseAlias);
    }
    List<String> redis = PrivacyReceipts.redisCopies(key, customer);
    long at = Math.max(event.eventTime, customer.lastSeen);
    customer.version++;
    moves.exitAll(key, customer, at, "erased on request " + event.requestId, effects);
    effects.updates.add(ProfileUpdate.deletion(key, customer));
    effects.alertStreamPurges.add(key);
    dedup.forgetMovedOut(customer);
    forget(customer, effects);
    markers.mark(key, at);
    effects.receipts.add(PrivacyReceipts.erased(event, key, keys, redis, now, logic.privacy().copiesGoneWithin()));
    effects.count(EngineMetric.CUSTOMERS_ERASED);
    LOG.info("Customer {} erased on request {} ({} alias keys)", key, event.requestId, customer.aliases.length);
  }

  /**
   * A key tied to an erased customer. An index key forgets the customer. A visitor or merged id that
   * forwards to them (directly, or through an id merged into them) is erased too; a shared device
   * that also stands for other customers only forgets this one.
   */
  void eraseAlias(String key, CustomerState alias, CustomerEvent event, Effects effects) throws Exception {
    if (alias == null) {
      return;
    }
    String erased = event.otherKey;
    boolean linked = Arrays.asList(alias.linkedCustomers).contains(erased);
    if (alias.aliasOf == null || (linked && !alias.aliasOf.equals(erased))) {
      alias.linkedCustomers = Aliases.without(alias.linkedCustomers, erased);
      effects.store(alias);
      return;
    }
    dedup.forgetMovedOut(alias);
    forget(alias, effects);
    markers.mark(key, Math.max(event.eventTime, alias.lastSeen));
    effects.count(EngineMetric.ALIASES_ERASED);
  }

  /** An INDEX at a customer's key: {@code event.otherKey} refers to them (a merged id that had no state). */
  void index(CustomerState customer, CustomerEvent event, Effects effects) {
    if (customer == null) {
      return;
    }
    customer.aliases = Aliases.with(customer.aliases, event.otherKey);
    effects.store(customer);
  }

  private void notFound(String key, CustomerEvent event, long now, Effects effects) {
    effects.receipts.add(PrivacyReceipts.notFound(event, key, now));
    effects.count(EngineMetric.PRIVACY_REQUESTS_NOT_FOUND);
  }

  /** Deletes a key's state and its timer. */
  private static void forget(CustomerState state, Effects effects) {
    effects.moveTimer(state.pendingTimer, CustomerState.NONE);
    effects.delete();
  }

  /** An index key lives as long as a silent customer would. */
  private void keepUntilRetention(CustomerState index, Effects effects) {
    long due = index.lastSeen + logic.customerRetention().toMillis();
    if (index.pendingTimer == CustomerState.NONE || index.pendingTimer > due) {
      effects.moveTimer(index.pendingTimer, due);
      index.pendingTimer = due;
    }
    effects.store(index);
  }

  /** An index key's timer: gone after the retention since it was last told of a customer, else later. */
  void indexTimer(CustomerState index, long now, Effects effects) {
    index.pendingTimer = CustomerState.NONE;
    if (now >= index.lastSeen + logic.customerRetention().toMillis()) {
      effects.delete();
      return;
    }
    keepUntilRetention(index, effects);
  }
}
