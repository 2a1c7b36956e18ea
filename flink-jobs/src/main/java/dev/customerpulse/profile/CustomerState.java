package dev.customerpulse.profile;

import dev.customerpulse.segments.ValueTier;

/**
 * Everything the job keeps for one customer, in RocksDB. A Flink POJO: fields may be added (with
 * their defaults) without losing state across upgrades.
 */
public class CustomerState {
  /** Update sequence: +1 per applied event; Redis refuses versions it already has. */
  public long version;
  public long firstSeen;
  public long lastSeen;
  public long pageViews;
  public long productViews;
  public long searches;
  public long cartAdds;
  public long checkouts;
  /** Paid orders. */
  public long orders;
  public long cancellations;
  public long refunds;
  public long serviceCalls;
  /** Net spend in minor units of {@link #currency}: paid minus refunded. */
  public long spendMinor;
  /** Currency of the first paid order; later orders in another currency are counted, not summed. */
  public String currency;
  public long foreignCurrencyOrders;
  public ValueTier tier;
  /** Pending cleanup timer of an anonymous visitor (event time), 0 when none. */
  public long expiryTimer;

  public CustomerState() {}

  public CustomerState copy() {
    CustomerState c = new CustomerState();
    c.version = version;
    c.firstSeen = firstSeen;
    c.lastSeen = lastSeen;
    c.pageViews = pageViews;
    c.productViews = productViews;
    c.searches = searches;
    c.cartAdds = cartAdds;
    c.checkouts = checkouts;
    c.orders = orders;
    c.cancellations = cancellations;
    c.refunds = refunds;
    c.serviceCalls = serviceCalls;
    c.spendMinor = spendMinor;
    c.currency = currency;
    c.foreignCurrencyOrders = foreignCurrencyOrders;
    c.tier = tier;
    c.expiryTimer = expiryTimer;
    return c;
  }
}
