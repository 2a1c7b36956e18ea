package dev.customerpulse.state;

import dev.customerpulse.state.CategoryAffinity;
import dev.customerpulse.state.DailyBuckets;
import dev.customerpulse.state.PurchaseHistory;
import dev.customerpulse.state.LifecycleStage;
import dev.customerpulse.state.RfmSegment;
import dev.customerpulse.state.ValueTier;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Everything the job keeps for one customer, in RocksDB. Stored by {@link CustomerStateSerializer}
 * in a compact, versioned format: add a field by bumping the format and reading the old one too.
 */
@TypeInfo(CustomerStateTypeInfoFactory.class)
public class CustomerState {
  /** Marks a time that is not set (no open session, no open cart). */
  public static final long NONE = Long.MIN_VALUE;
  public static final String[] NO_CUSTOMERS = new String[0];
  public static final String[] NO_RULES = new String[0];
  public static final String[] NO_ALIASES = new String[0];

  /**
   * Update sequence: +1 per applied event or rescoring, plus the other key's count when a history is
   * handed over (CustomerMerge); Redis refuses versions it already has.
   */
  public long version;
  public long firstSeen;
  public long lastSeen;
  /** Event time the scores were last computed for. */
  public long scoredAt;

  public long pageViews;
  public long productViews;
  public long searches;
  public long cartAdds;
  public long cartRemoves;
  public long checkouts;
  public long ordersPlaced;
  /** Paid orders. */
  public long orders;
  public long cancellations;
  public long refunds;
  /** Net spend in minor units of {@link #currency}: paid minus refunded. */
  public long spendMinor;
  /** Currency of the first paid order; later orders in another currency are counted, not summed. */
  public String currency;
  public long foreignCurrencyOrders;

  public long serviceCalls;
  public long complaints;
  public long unresolvedCalls;
  public long satisfactionSum;
  public long satisfactionAnswers;
  /** Last NPS answer 0-10, or -1 when never answered. */
  public int lastNps = -1;

  /** Closed browsing sessions and their total length; the open one is sessionStart..sessionLast. */
  public long sessions;
  public long sessionMillis;
  public long sessionStart = NONE;
  public long sessionLast = NONE;
  /** Event time of the first cart activity since the last purchase, NONE when the cart is not open. */
  public long cartOpenSince = NONE;
  public long abandonedCarts;

  public ValueTier tier;
  /** The RFM segment as last evaluated (null before the first purchase). */
  public RfmSegment rfmSegment;
  /** The lifecycle stage as last evaluated (null before the first evaluation). */
  public LifecycleStage lifecycle;
  /** When the customer last came back from dormant or churned, or NONE. */
  public long wonBackAt = NONE;
  /** Birthday as month × 100 + day, 0 when unknown (the year is never kept). */
  public int birthMonthDay;
  /** Start of the day of the last birthday and sign-up anniversary triggers, or NONE. */
  public long lastBirthdayTrigger = NONE;
  public long lastAnniversaryTrigger = NONE;
  /** Whether a churn alert is active (raised and the risk not yet below the clear level). */
  public boolean churnAlertActive;
  /** Event time of the last churn alert, or NONE. */
  public long lastChurnAlertAt = NONE;
  /** The one pending event-time timer of this customer, NONE when none. */
  public long pendingTimer = NONE;

  /**
   * Set when this key was merged into (or, for an anonymous visitor, linked to) another: the key
   * then holds nothing else and forwards its events there.
   */
  public String aliasOf;
  /** Anonymous visitors: the customers this visitor was linked to, for the shared-device guardrail. */
  public String[] linkedCustomers = NO_CUSTOMERS;
  /** Names of the runtime rules (live versions) the customer matches, sorted: segments rule:<name>. */
  public String[] ruleSegments = NO_RULES;
  /** The last day (UTC, days since the epoch) this customer's CLV went into the population sketch; 0: never. */
  public long clvSampledDay;
  /** Event ids of the de-duplication horizon (the first {@link SeenEventIds#CAPACITY} of them). */
  public SeenEventIds seenIds = new SeenEventIds();
  /** Pseudonyms of the latest email and phone number (never the values themselves), or null. */
  public String emailPseudonym;
  public String phonePseudonym;
  /** Sign-up time as the identity system reported it, or NONE. */
  public long signedUpAt = NONE;

  /**
   * The other keys that refer to this customer, sorted: anonymous visitors linked to them
   * ({@code anon:<id>}), customer ids merged into them, and the email and phone index keys
   * ({@code pii:<pseudonym>}). An erasure clears each of them.
   */
  public String[] aliases = NO_ALIASES;
  /** The customer's consent decisions per purpose. */
  public Consents consents = Consents.NONE;

  public PurchaseHistory purchases;
  public DailyBuckets daily;
  public CategoryAffinity categories;

  /** A state whose nested parts the caller sets (deserialization, copies); others use {@link #empty()}. */
  CustomerState() {}

  /** A new customer's empty state. */
  public static CustomerState empty() {
    CustomerState s = new CustomerState();
    s.purchases = new PurchaseHistory();
    s.daily = new DailyBuckets();
    s.categories = new CategoryAffinity();
    return s;
  }

  /** A deep copy. */
  public CustomerState copy() {
    CustomerState c = copyWithoutEventIds();
    c.seenIds = seenIds.copy();
    return c;
  }

  /**
   * A deep copy without the remembered event ids: what outputs read (the ids are a fifth of the copy's
   * bytes) and what a handoff carries (its ids travel beside the state).
   */
  public CustomerState copyWithoutEventIds() {
    CustomerState c = scalars();
    c.purchases = new PurchaseHistory(purchases.firstDay(), purchases.lastDay(), purchases.repeatPurchases(),
        purchases.firstDayAmountMinor(), purchases.totalAmountMinor(), purchases.recentDays().clone());
    c.daily = daily.copy();
    c.categories = categories.copy();
    return c;
  }

  private CustomerState scalars() {
    CustomerState c = new CustomerState();
    c.version = version;
    c.firstSeen = firstSeen;
    c.lastSeen = lastSeen;
    c.scoredAt = scoredAt;
    c.pageViews = pageViews;
    c.productViews = productViews;
    c.searches = searches;
    c.cartAdds = cartAdds;
    c.cartRemoves = cartRemoves;
    c.checkouts = checkouts;
    c.ordersPlaced = ordersPlaced;
    c.orders = orders;
    c.cancellations = cancellations;
    c.refunds = refunds;
    c.spendMinor = spendMinor;
    c.currency = currency;
    c.foreignCurrencyOrders = foreignCurrencyOrders;
    c.serviceCalls = serviceCalls;
    c.complaints = complaints;
    c.unresolvedCalls = unresolvedCalls;
    c.satisfactionSum = satisfactionSum;
    c.satisfactionAnswers = satisfactionAnswers;
    c.lastNps = lastNps;
    c.sessions = sessions;
    c.sessionMillis = sessionMillis;
    c.sessionStart = sessionStart;
    c.sessionLast = sessionLast;
    c.cartOpenSince = cartOpenSince;
    c.abandonedCarts = abandonedCarts;
    c.tier = tier;
    c.rfmSegment = rfmSegment;
    c.lifecycle = lifecycle;
    c.wonBackAt = wonBackAt;
    c.churnAlertActive = churnAlertActive;
    c.birthMonthDay = birthMonthDay;
    c.lastBirthdayTrigger = lastBirthdayTrigger;
    c.lastAnniversaryTrigger = lastAnniversaryTrigger;
    c.lastChurnAlertAt = lastChurnAlertAt;
    c.pendingTimer = pendingTimer;
    c.aliasOf = aliasOf;
    c.linkedCustomers = linkedCustomers.clone();
    c.ruleSegments = ruleSegments.clone();
    c.clvSampledDay = clvSampledDay;
    c.emailPseudonym = emailPseudonym;
    c.phonePseudonym = phonePseudonym;
    c.signedUpAt = signedUpAt;
    c.aliases = aliases.clone();
    c.consents = consents;
    return c;
  }
}
