package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.engine.ProfileSegments;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.scoring.Scores;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a profile as the Avro binary encoding of {@code CustomerProfile}, straight from the state
 * and the scores: no record object, no boxing, one varint loop. The customer-profiles snapshots are
 * the largest single cost of the profile task (JFR: over a quarter of all samples with the generic
 * per-field writer). The bytes are exactly Avro's encoding of the record; a test builds the record
 * field by field and compares the bytes for generated customers, so a schema change that is not made
 * here fails the build.
 * One instance per task thread: it reuses its buffer.
 */
public final class CustomerProfileBinary {
  /** Upper bound of the bytes of everything but strings and the header. */
  private static final int FIXED_PARTS = 1024;

  private byte[] buffer = new byte[2048];
  private int size;

  /** {@code header} (the Confluent magic byte and schema id) followed by the profile. */
  public byte[] encode(byte[] header, ProfileUpdate update, Scores s) {
    size = 0;
    // Room for every fixed-size part at once (72 fields of at most 10 bytes, union indexes, array
    // counts); strings make room for themselves. Numbers then write without bounds checks.
    ensure(header.length + FIXED_PARTS);
    raw(header);
    CustomerState p = update.profile;
    string(update.customerId);
    varLong(p.version);
    varLong(s.scoredAt);
    string(s.modelVersion);
    varLong(p.firstSeen);
    varLong(p.lastSeen);
    varLong(s.tenureDays);
    real(s.daysSinceLastSeen);
    varLong(p.pageViews);
    varLong(p.productViews);
    varLong(p.searches);
    varLong(p.cartAdds);
    varLong(p.cartRemoves);
    varLong(p.checkouts);
    varLong(p.ordersPlaced);
    varLong(p.orders);
    varLong(p.cancellations);
    varLong(p.refunds);
    varLong(p.serviceCalls);
    varLong(p.spendMinor);
    nullableString(p.currency);
    varLong(p.foreignCurrencyOrders);
    varLong(s.averageOrderValueMinor);
    string(p.tier.label());
    varLong(s.views7d);
    varLong(s.views30d);
    varLong(s.views90d);
    varLong(s.cartAdds30d);
    varLong(s.orders30d);
    varLong(s.orders90d);
    varLong(s.spend30dMinor);
    varLong(s.spend90dMinor);
    varLong(s.sessions);
    varLong(s.sessions30d);
    real(s.avgSessionSeconds);
    real(s.engagementTrend);
    varLong(s.funnelProductViews90d);
    varLong(s.funnelCartAdds90d);
    varLong(s.funnelCheckouts90d);
    varLong(s.funnelOrders90d);
    real(s.cartRate90d);
    real(s.checkoutRate90d);
    real(s.purchaseRate90d);
    real(s.conversionRate90d);
    varLong(p.abandonedCarts);
    varLong(s.abandonedCarts30d);
    categories(s.topCategories);
    if (s.recencyDays < 0) {
      varLong(0);
    } else {
      varLong(1);
      varLong(s.recencyDays);
    }
    varLong(s.frequency);
    varLong(s.monetaryMinor);
    varLong(s.recencyScore);
    varLong(s.frequencyScore);
    varLong(s.monetaryScore);
    varLong(s.serviceCalls30d);
    varLong(s.serviceCalls90d);
    varLong(p.complaints);
    varLong(s.complaints90d);
    varLong(s.unresolved90d);
    nullableReal(s.avgSatisfaction);
    if (s.lastNps < 0) {
      varLong(0);
    } else {
      varLong(1);
      varLong(s.lastNps);
    }
    nullableString(s.npsClass.isEmpty() ? null : s.npsClass);
    nullableReal(s.probabilityAlive);
    real(s.expectedPurchases);
    varLong(Math.round(s.expectedAverageSpendMinor));
    varLong(Math.round(s.clvMinor));
    real(s.churnRisk);
    string(s.churnReasons);
    nullableString(p.emailPseudonym);
    nullableString(p.phonePseudonym);
    if (p.signedUpAt == CustomerState.NONE) {
      varLong(0);
    } else {
      varLong(1);
      varLong(p.signedUpAt);
    }
    string(p.lifecycle == null ? "" : p.lifecycle.label());
    nullableString(p.rfmSegment == null ? null : p.rfmSegment.label());
    java.util.List<String> segments = ProfileSegments.all(p);
    varLong(segments.size());
    for (String segment : segments) {
      string(segment);
    }
    varLong(0);
    return Arrays.copyOf(buffer, size);
  }

  /** Avro array of strings from a comma-separated list: one block, then the end marker. */
  private void categories(String joined) {
    if (joined.isEmpty()) {
      varLong(0);
      return;
    }
    int count = 1;
    for (int i = 0; i < joined.length(); i++) {
      if (joined.charAt(i) == ',') {
        count++;
      }
    }
    varLong(count);
    int start = 0;
    for (int i = 0; i <= joined.length(); i++) {
      if (i == joined.length() || joined.charAt(i) == ',') {
        string(joined.substring(start, i));
        start = i + 1;
      }
    }
    varLong(0);
  }

  private void nullableString(String value) {
    if (value == null) {
      varLong(0);
    } else {
      varLong(1);
      string(value);
    }
  }

  private void nullableReal(double value) {
    if (Double.isNaN(value)) {
      varLong(0);
    } else {
      varLong(1);
      real(value);
    }
  }

  private void string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    // Keeps the room reserved for fixed parts free after the string.
    ensure(utf8.length + 10 + FIXED_PARTS);
    varLong(utf8.length);
    System.arraycopy(utf8, 0, buffer, size, utf8.length);
    size += utf8.length;
  }

  /** Zig-zag varint, as Avro writes int and long (an int's zig-zag form equals its long's). */
  private void varLong(long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    buffer[size++] = (byte) n;
  }

  /** Eight bytes, little-endian, of the raw IEEE bits (Avro's double). */
  private void real(double value) {
    long bits = Double.doubleToRawLongBits(value);
    for (int i = 0; i < 8; i++) {
      buffer[size++] = (byte) (bits >>> (8 * i));
    }
  }

  private void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
