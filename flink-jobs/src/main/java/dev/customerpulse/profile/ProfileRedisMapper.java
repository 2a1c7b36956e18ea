package dev.customerpulse.profile;

import dev.customerpulse.connectors.redis.RedisProfileMapper;
import java.util.List;

/** The profile hash fields of Redis key contract v1 (README, "Redis key contract"). */
public final class ProfileRedisMapper implements RedisProfileMapper<ProfileUpdate> {

  @Override
  public String customerId(ProfileUpdate update) {
    return update.customerId;
  }

  @Override
  public long version(ProfileUpdate update) {
    return update.profile.version;
  }

  @Override
  public List<String> segments(ProfileUpdate update) {
    return update.profile.tier.segments();
  }

  @Override
  public void appendFields(ProfileUpdate update, List<String> out) {
    CustomerState p = update.profile;
    add(out, "customer_id", update.customerId);
    add(out, "first_seen", p.firstSeen);
    add(out, "last_seen", p.lastSeen);
    add(out, "page_views", p.pageViews);
    add(out, "product_views", p.productViews);
    add(out, "searches", p.searches);
    add(out, "cart_adds", p.cartAdds);
    add(out, "checkouts", p.checkouts);
    add(out, "orders", p.orders);
    add(out, "cancellations", p.cancellations);
    add(out, "refunds", p.refunds);
    add(out, "service_calls", p.serviceCalls);
    add(out, "spend_minor", p.spendMinor);
    add(out, "currency", p.currency == null ? "" : p.currency);
    add(out, "value_tier", p.tier.label());
  }

  @Override
  public long sourceTimestampMillis(ProfileUpdate update) {
    return update.sourceTimestamp;
  }

  private static void add(List<String> out, String field, long value) {
    out.add(field);
    out.add(Long.toString(value));
  }

  private static void add(List<String> out, String field, String value) {
    out.add(field);
    out.add(value);
  }
}
