package dev.customerpulse.segments;

import dev.customerpulse.state.ValueTier;
import static dev.customerpulse.segments.ChurnAlertPolicy.Decision.CLEAR;
import static dev.customerpulse.segments.ChurnAlertPolicy.Decision.NONE;
import static dev.customerpulse.segments.ChurnAlertPolicy.Decision.RAISE;
import static dev.customerpulse.segments.ChurnAlertPolicy.NEVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.avro.AlertPriority;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChurnAlertPolicyTest {
  private static final long DAY = 86_400_000L;
  private final ChurnAlertPolicy policy = ChurnAlertPolicy.defaults();

  @Test
  void raisesAtTheThresholdAndClearsOnlyBelowTheLowerOne() {
    assertThat(policy.decide(false, NEVER, 0.6999, 0)).isEqualTo(NONE);
    assertThat(policy.decide(false, NEVER, 0.7, 0)).isEqualTo(RAISE);
    assertThat(policy.decide(true, 0, 0.95, DAY)).as("already active").isEqualTo(NONE);
    assertThat(policy.decide(true, 0, 0.5, DAY)).as("hysteresis: not below 0.5 yet").isEqualTo(NONE);
    assertThat(policy.decide(true, 0, 0.4999, DAY)).isEqualTo(CLEAR);
  }

  @Test
  void aClearedAlertFiresAgainOnlyAfterTheCooldown() {
    assertThat(policy.decide(false, 0, 0.9, 7 * DAY - 1)).isEqualTo(NONE);
    assertThat(policy.decide(false, 0, 0.9, 7 * DAY)).isEqualTo(RAISE);
  }

  @Test
  void priorityFollowsTheValueTierAndBadSettingsAreRefused() {
    assertThat(ChurnAlertPolicy.priority(ValueTier.VIP)).isEqualTo(AlertPriority.CRITICAL);
    assertThat(ChurnAlertPolicy.priority(ValueTier.HIGH)).isEqualTo(AlertPriority.HIGH);
    assertThat(ChurnAlertPolicy.priority(ValueTier.NORMAL)).isEqualTo(AlertPriority.MEDIUM);
    assertThat(ChurnAlertPolicy.priority(ValueTier.NEW)).isEqualTo(AlertPriority.LOW);
    assertThatThrownBy(() -> new ChurnAlertPolicy(0.5, 0.7, Duration.ZERO))
        .hasMessage("churn alerts need 0 < clear-below <= raise-at <= 1, got clear-below 0.7 and raise-at 0.5");
  }
}
