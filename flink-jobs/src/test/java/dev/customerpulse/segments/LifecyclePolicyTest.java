package dev.customerpulse.segments;

import dev.customerpulse.state.LifecycleStage;
import static dev.customerpulse.segments.LifecyclePolicy.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifecyclePolicyTest {
  private static final long DAY = 86_400_000L;
  private final LifecyclePolicy policy = LifecyclePolicy.defaults();

  @Test
  void stagesFollowInactivityAtTheirExactThresholds() {
    long first = 0;
    long last = 40 * DAY;
    assertThat(policy.stageAt(first, 0, NONE, 30 * DAY - 1)).isEqualTo(LifecycleStage.NEW);
    assertThat(policy.stageAt(first, 29 * DAY, NONE, 30 * DAY)).isEqualTo(LifecycleStage.ACTIVE);
    assertThat(policy.stageAt(first, last, NONE, last + 30 * DAY - 1)).isEqualTo(LifecycleStage.ACTIVE);
    assertThat(policy.stageAt(first, last, NONE, last + 30 * DAY)).isEqualTo(LifecycleStage.AT_RISK);
    assertThat(policy.stageAt(first, last, NONE, last + 90 * DAY - 1)).isEqualTo(LifecycleStage.AT_RISK);
    assertThat(policy.stageAt(first, last, NONE, last + 90 * DAY)).isEqualTo(LifecycleStage.DORMANT);
    assertThat(policy.stageAt(first, last, NONE, last + 180 * DAY)).isEqualTo(LifecycleStage.CHURNED);
    assertThat(policy.stageAt(first, 0, NONE, 30 * DAY)).as("a new customer who goes quiet is at risk").isEqualTo(LifecycleStage.AT_RISK);
  }

  @Test
  void aReturnFromDormantIsWonBackForItsPeriod() {
    long back = 300 * DAY;
    assertThat(policy.stageAt(0, back, back, back)).isEqualTo(LifecycleStage.WON_BACK);
    assertThat(policy.stageAt(0, back + 5 * DAY, back, back + 30 * DAY - 1)).isEqualTo(LifecycleStage.WON_BACK);
    assertThat(policy.stageAt(0, back + 5 * DAY, back, back + 30 * DAY)).isEqualTo(LifecycleStage.ACTIVE);
    assertThat(policy.stageAt(0, back, back, back + 30 * DAY)).as("quiet again").isEqualTo(LifecycleStage.AT_RISK);
  }

  @Test
  void theNextChangeIsTheEarliestThresholdStillAhead() {
    assertThat(policy.nextChange(0, 0, NONE, 0)).isEqualTo(30 * DAY);
    assertThat(policy.nextChange(0, 40 * DAY, NONE, 40 * DAY)).isEqualTo(70 * DAY);
    assertThat(policy.nextChange(0, 40 * DAY, NONE, 70 * DAY)).isEqualTo(130 * DAY);
    assertThat(policy.nextChange(0, 40 * DAY, NONE, 130 * DAY)).isEqualTo(220 * DAY);
    assertThat(policy.nextChange(0, 40 * DAY, NONE, 220 * DAY)).isEqualTo(NONE);
    assertThat(policy.nextChange(0, 300 * DAY, 300 * DAY, 301 * DAY)).isEqualTo(330 * DAY);
  }

  @Test
  void thresholdsMustAscend() {
    assertThatThrownBy(() -> new LifecyclePolicy(Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(90), Duration.ofDays(180),
        Duration.ofDays(30))).hasMessage("lifecycle thresholds must ascend: at-risk PT2160H < dormant PT2160H < churned PT4320H");
    assertThat(policy.reason(LifecycleStage.DORMANT)).isEqualTo("no activity for 90 days");
  }
}
