package dev.customerpulse.segments;

import dev.customerpulse.state.ValueTier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueTierPolicyTest {
  private final ValueTierPolicy tiers = new ValueTierPolicy(50_000, 200_000);

  @Test
  void tiersFollowPaidOrdersAndSpendAtTheExactThresholds() {
    assertThat(tiers.tierFor(0, 999_999, Double.NaN, null)).isEqualTo(ValueTier.NEW);
    assertThat(tiers.tierFor(1, 0, Double.NaN, null)).isEqualTo(ValueTier.NORMAL);
    assertThat(tiers.tierFor(1, 49_999, Double.NaN, null)).isEqualTo(ValueTier.NORMAL);
    assertThat(tiers.tierFor(1, 50_000, Double.NaN, null)).isEqualTo(ValueTier.HIGH);
    assertThat(tiers.tierFor(3, 199_999, Double.NaN, null)).isEqualTo(ValueTier.HIGH);
    assertThat(tiers.tierFor(3, 200_000, Double.NaN, null)).isEqualTo(ValueTier.VIP);
    assertThat(tiers.tierFor(2, -500, Double.NaN, null)).as("refunds beyond spend").isEqualTo(ValueTier.NORMAL);
  }

  @Test
  void reasonsSayWhichThresholdWasCrossedAndWhichWay() {
    assertThat(tiers.reason(null, ValueTier.NEW, 0, Double.NaN, null, null)).isEqualTo("first event of a new customer");
    assertThat(tiers.reason(ValueTier.NEW, ValueTier.NORMAL, 1_999, Double.NaN, "EUR", null)).isEqualTo("first paid order, net spend 19.99 EUR");
    assertThat(tiers.reason(null, ValueTier.VIP, 250_000, Double.NaN, "EUR", null))
        .isEqualTo("first paid order, net spend 2500.00 EUR reached the vip threshold 2000.00");
    assertThat(tiers.reason(ValueTier.NORMAL, ValueTier.HIGH, 50_005, Double.NaN, "GBP", null))
        .isEqualTo("net spend 500.05 GBP reached the high threshold 500.00");
    assertThat(tiers.reason(ValueTier.VIP, ValueTier.HIGH, 150_000, Double.NaN, "EUR", null))
        .isEqualTo("net spend 1500.00 EUR fell below the vip threshold 2000.00");
    assertThat(tiers.reason(ValueTier.HIGH, ValueTier.NORMAL, -1, Double.NaN, "EUR", null))
        .isEqualTo("net spend -0.01 EUR fell below the high threshold 500.00");
  }

  @Test
  void thresholdsMustRise() {
    assertThatThrownBy(() -> new ValueTierPolicy(500, 500)).hasMessage("tier thresholds must satisfy 0 < high < vip, got high=500 vip=500");
    assertThatThrownBy(() -> new ValueTierPolicy(0, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void segmentNamesCarryTheDimension() {
    assertThat(ValueTier.VIP.segment()).isEqualTo("tier:vip");
    assertThat(ValueTier.NEW.segments()).containsExactly("tier:new");
  }

  @Test
  void aBuyerExpectedToReachTheHighThresholdIsPotential() {
    assertThat(tiers.tierFor(1, 20_000, 29_999.4, null)).isEqualTo(ValueTier.NORMAL);
    assertThat(tiers.tierFor(1, 20_000, 30_000, null)).isEqualTo(ValueTier.POTENTIAL);
    assertThat(tiers.tierFor(1, 50_000, 1, null)).as("already high").isEqualTo(ValueTier.HIGH);
    assertThat(tiers.tierFor(0, 0, 90_000, null)).as("no paid order").isEqualTo(ValueTier.NEW);
    assertThat(tiers.reason(ValueTier.NORMAL, ValueTier.POTENTIAL, 20_000, 30_000, "EUR", null))
        .isEqualTo("net spend 200.00 EUR and expected lifetime value 300.00 together reach the high threshold 500.00");
    assertThat(tiers.reason(ValueTier.POTENTIAL, ValueTier.NORMAL, 20_000, 12_345, "EUR", null))
        .isEqualTo("net spend 200.00 EUR and expected lifetime value 123.45 no longer reach the high threshold 500.00");
    assertThat(tiers.reason(ValueTier.HIGH, ValueTier.POTENTIAL, 40_000, 20_000, "EUR", null))
        .isEqualTo("net spend 400.00 EUR fell below the high threshold 500.00; with expected lifetime value 200.00 it reaches it");
  }

  @Test
  void onThePercentileBasisLifetimeValueAgainstThePopulationDecides() {
    ValueTierPolicy byClv = new ValueTierPolicy(ValueTierPolicy.Basis.CLV_PERCENTILE, 50_000, 200_000, 50, 80, 95);
    ClvCuts cuts = new ClvCuts(20_454, 1_000, 50, 80, 95, 1_000, 4_000, 9_000);
    assertThat(byClv.tierFor(1, 0, 999.9, cuts)).isEqualTo(ValueTier.NORMAL);
    assertThat(byClv.tierFor(1, 0, 1_000, cuts)).isEqualTo(ValueTier.POTENTIAL);
    assertThat(byClv.tierFor(1, 999_999, 3_999, cuts)).as("spend does not count").isEqualTo(ValueTier.POTENTIAL);
    assertThat(byClv.tierFor(1, 0, 4_000, cuts)).isEqualTo(ValueTier.HIGH);
    assertThat(byClv.tierFor(1, 0, 9_000, cuts)).isEqualTo(ValueTier.VIP);
    assertThat(byClv.tierFor(0, 0, 9_000, cuts)).isEqualTo(ValueTier.NEW);
    assertThat(byClv.tierFor(1, 250_000, 10, null)).as("no percentiles yet: by spend").isEqualTo(ValueTier.VIP);
    assertThat(byClv.reason(ValueTier.HIGH, ValueTier.VIP, 0, 9_500, "EUR", cuts)).isEqualTo("lifetime value 95.00 EUR"
        + " at or above the 95th percentile 90.00 of 1000 buying customers' (2026-01-01)");
    assertThat(byClv.reason(ValueTier.POTENTIAL, ValueTier.NORMAL, 0, 500, "EUR", cuts)).isEqualTo("lifetime value 5.00 EUR"
        + " below the 50th percentile 10.00 of 1000 buying customers' (2026-01-01)");
  }

  @Test
  void percentilesMustRise() {
    assertThatThrownBy(() -> new ValueTierPolicy(ValueTierPolicy.Basis.CLV_PERCENTILE, 1, 2, 50, 50, 95))
        .hasMessage("tier percentiles must satisfy 0 < potential < high < vip < 100, got potential=50.0 high=50.0 vip=95.0");
  }

  @Test
  void tiersRankByValueWhateverTheirDeclarationOrder() {
    assertThat(java.util.Arrays.stream(ValueTier.values()).sorted(java.util.Comparator.comparingInt(ValueTier::rank)))
        .containsExactly(ValueTier.NEW, ValueTier.NORMAL, ValueTier.POTENTIAL, ValueTier.HIGH, ValueTier.VIP);
    assertThat(ValueTier.values()).as("state stores ordinals: new tiers go last")
        .startsWith(ValueTier.NEW, ValueTier.NORMAL, ValueTier.HIGH, ValueTier.VIP);
  }
}
