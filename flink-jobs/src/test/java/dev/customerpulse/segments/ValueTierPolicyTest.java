package dev.customerpulse.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueTierPolicyTest {
  private final ValueTierPolicy tiers = new ValueTierPolicy(50_000, 200_000);

  @Test
  void tiersFollowPaidOrdersAndSpendAtTheExactThresholds() {
    assertThat(tiers.tierFor(0, 999_999)).isEqualTo(ValueTier.NEW);
    assertThat(tiers.tierFor(1, 0)).isEqualTo(ValueTier.NORMAL);
    assertThat(tiers.tierFor(1, 49_999)).isEqualTo(ValueTier.NORMAL);
    assertThat(tiers.tierFor(1, 50_000)).isEqualTo(ValueTier.HIGH);
    assertThat(tiers.tierFor(3, 199_999)).isEqualTo(ValueTier.HIGH);
    assertThat(tiers.tierFor(3, 200_000)).isEqualTo(ValueTier.VIP);
    assertThat(tiers.tierFor(2, -500)).as("refunds beyond spend").isEqualTo(ValueTier.NORMAL);
  }

  @Test
  void reasonsSayWhichThresholdWasCrossedAndWhichWay() {
    assertThat(tiers.reason(null, ValueTier.NEW, 0, null)).isEqualTo("first event of a new customer");
    assertThat(tiers.reason(ValueTier.NEW, ValueTier.NORMAL, 1_999, "EUR")).isEqualTo("first paid order, net spend 19.99 EUR");
    assertThat(tiers.reason(null, ValueTier.VIP, 250_000, "EUR"))
        .isEqualTo("first paid order, net spend 2500.00 EUR reached the vip threshold 2000.00");
    assertThat(tiers.reason(ValueTier.NORMAL, ValueTier.HIGH, 50_005, "GBP"))
        .isEqualTo("net spend 500.05 GBP reached the high threshold 500.00");
    assertThat(tiers.reason(ValueTier.VIP, ValueTier.HIGH, 150_000, "EUR"))
        .isEqualTo("net spend 1500.00 EUR fell below the vip threshold 2000.00");
    assertThat(tiers.reason(ValueTier.HIGH, ValueTier.NORMAL, -1, "EUR"))
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
}
