package dev.customerpulse.connectors.redis;

import java.util.List;

/** A profile of two fields for the refill and failure tests; {@code refill} marks a refill. */
record RefillProfile(String customerId, long version, List<String> segments, String spend, double risk, boolean refill) {

  static final class Mapper implements RedisProfileMapper<RefillProfile> {
    @Override public String customerId(RefillProfile p) { return p.customerId(); }
    @Override public long version(RefillProfile p) { return p.version(); }
    @Override public List<String> segments(RefillProfile p) { return p.segments(); }
    @Override public List<String> fieldNames() { return List.of("customer_id", "spend_minor"); }
    @Override public void values(RefillProfile p, FieldValues out) {
      out.setText(0, p.customerId());
      out.setText(1, p.spend());
    }
    @Override public long sourceTimestampMillis(RefillProfile p) { return 0; }
    @Override public double rank(RefillProfile p) { return p.risk(); }
    @Override public boolean refill(RefillProfile p) { return p.refill(); }
  }
}
