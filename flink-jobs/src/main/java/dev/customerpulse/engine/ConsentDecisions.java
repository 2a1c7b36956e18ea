package dev.customerpulse.engine;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.privacy.PrivacyPolicy;
import dev.customerpulse.segments.SegmentChanges;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.PurchaseHistory;
import dev.customerpulse.state.CategoryAffinity;
import dev.customerpulse.state.DailyBuckets;
import java.util.List;

/**
 * What a customer's consents allow, and what changes when they change (docs/privacy.md, "Consent").
 * Without the profiling purpose a customer is <em>restricted</em>: the state keeps only that they
 * exist, who they are (identity links, contact pseudonyms) and their consents; they are in no
 * segment and nothing marketing acts on is emitted for them. Segment changes are visible only with
 * both profiling and the segment-changes purpose: when that visibility ends, an EXITED record for
 * every segment; when it begins, an ENTERED record for every segment the customer is still in.
 */
final class ConsentDecisions {
  private final PrivacyPolicy policy;

  ConsentDecisions(PrivacyPolicy policy) {
    this.policy = policy;
  }

  PrivacyPolicy policy() {
    return policy;
  }

  /** Whether the customer may be profiled (scored, segmented, published with features). */
  boolean profiled(CustomerState customer) {
    return policy.allows(customer.consents, policy.profilingPurpose());
  }

  /** Whether an output that needs {@code purpose} may be emitted for the customer (profiling is needed too). */
  boolean allows(CustomerState customer, String purpose) {
    return profiled(customer) && policy.allows(customer.consents, purpose);
  }

  /** Whether the customer's segment changes reach the segment-changes topic. */
  boolean segmentChangesVisible(CustomerState customer) {
    return allows(customer, policy.segmentChangesPurpose());
  }

  /** The purpose segment-change records name. */
  String segmentChangesLabel() {
    return policy.label(policy.segmentChangesPurpose());
  }

  /**
   * A CONSENT event: the decision goes into the customer's consents (a customer without state is
   * created: they exist and have consents), and whatever it makes visible or hidden is announced.
   * Not activity: recency and counts stay as they are.
   */
  CustomerState record(String key, CustomerState customer, CustomerEvent event, Effects effects) {
    boolean created = customer == null;
    CustomerState result = created ? FeatureUpdater.newCustomer(event) : customer;
    boolean visibleBefore = !created && segmentChangesVisible(result);
    // First seen is the earliest event of any kind, whichever topic arrived first (FeatureUpdater.newCustomer).
    result.firstSeen = Math.min(result.firstSeen, event.eventTime);
    result.consents = result.consents.with(event.purpose, event.granted, event.eventTime, event.source);
    result.version++;
    changed(key, result, visibleBefore, event.eventTime,
        (event.granted ? "granted " : "withdrew ") + "consent for " + event.purpose, effects);
    return result;
  }

  /**
   * The customer's consents changed (a decision, or a merge of two customers' decisions) from a time
   * their segment changes were {@code visibleBefore}: EXITED for every segment when they stop being
   * visible, ENTERED for every segment the customer keeps when they become visible; a customer who
   * may no longer be profiled keeps only what {@link #forgetProfile} leaves.
   */
  void changed(String key, CustomerState customer, boolean visibleBefore, long time, String reason, Effects effects) {
    boolean visibleAfter = segmentChangesVisible(customer);
    if (visibleBefore && !visibleAfter) {
      for (String segment : ProfileSegments.all(customer)) {
        announce(SegmentChanges.move(key, segment, null, reason, time, customer.version), effects);
      }
    }
    if (!profiled(customer)) {
      forgetProfile(customer);
    } else if (!visibleBefore && visibleAfter) {
      for (String segment : ProfileSegments.all(customer)) {
        announce(SegmentChanges.move(key, null, segment, reason, time, customer.version), effects);
      }
    }
  }

  /**
   * A restricted customer about to be published: their profile is forgotten again (an event since
   * may have added to it). Segments still held here predate the restriction without a consent change
   * having announced it (the consent mode was changed, or the state came from a job that did not
   * enforce consent), so each is left with an EXITED record.
   */
  void restrict(String key, CustomerState customer, long time, Effects effects) {
    List<String> left = ProfileSegments.all(customer);
    for (String segment : left) {
      announce(SegmentChanges.move(key, segment, null, "no consent for " + policy.profilingPurpose(), time,
          customer.version), effects);
    }
    forgetProfile(customer);
  }

  /** Records that reach the topic whatever the consents now say: they close what was visible before. */
  void announce(List<SegmentChange> changes, Effects effects) {
    String label = segmentChangesLabel();
    for (SegmentChange change : changes) {
      change.setPurpose(label);
    }
    effects.segmentChanges(changes);
  }

  /**
   * Keeps of a customer only what the job must: the version (Redis refuses older writes), first and
   * last seen (retention), the pending timer, identity (alias, linked visitors, aliases, contact
   * pseudonyms), remembered event ids (de-duplication), the consents and the erasure marker. Every
   * behavioural feature, the sign-up date and birthday (they only serve date triggers), the segments
   * and the churn-alert state go.
   */
  static void forgetProfile(CustomerState c) {
    c.pageViews = 0;
    c.productViews = 0;
    c.searches = 0;
    c.cartAdds = 0;
    c.cartRemoves = 0;
    c.checkouts = 0;
    c.ordersPlaced = 0;
    c.orders = 0;
    c.cancellations = 0;
    c.refunds = 0;
    c.spendMinor = 0;
    c.currency = null;
    c.foreignCurrencyOrders = 0;
    c.serviceCalls = 0;
    c.complaints = 0;
    c.unresolvedCalls = 0;
    c.satisfactionSum = 0;
    c.satisfactionAnswers = 0;
    c.lastNps = -1;
    c.sessions = 0;
    c.sessionMillis = 0;
    c.sessionStart = CustomerState.NONE;
    c.sessionLast = CustomerState.NONE;
    c.cartOpenSince = CustomerState.NONE;
    c.abandonedCarts = 0;
    c.tier = null;
    c.rfmSegment = null;
    c.lifecycle = null;
    c.wonBackAt = CustomerState.NONE;
    c.birthMonthDay = 0;
    c.signedUpAt = CustomerState.NONE;
    c.lastBirthdayTrigger = CustomerState.NONE;
    c.lastAnniversaryTrigger = CustomerState.NONE;
    c.churnAlertActive = false;
    c.lastChurnAlertAt = CustomerState.NONE;
    c.ruleSegments = CustomerState.NO_RULES;
    c.clvSampledDay = 0;
    c.purchases = new PurchaseHistory();
    c.daily = new DailyBuckets();
    c.categories = new CategoryAffinity();
  }
}
