package dev.customerpulse.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
  private static final Duration QUIET = Duration.ofSeconds(2);
  private static final Duration OUTAGE = Duration.ofSeconds(4);

  @Test
  void theSameSeedGivesTheSameFaultsAndAnotherSeedOthers() {
    assertThat(FaultPlan.of(7, 20, QUIET, OUTAGE)).isEqualTo(FaultPlan.of(7, 20, QUIET, OUTAGE));
    assertThat(FaultPlan.of(7, 20, QUIET, OUTAGE)).isNotEqualTo(FaultPlan.of(8, 20, QUIET, OUTAGE));
  }

  @Test
  void everyKindComesOnceAmongTheFirstFaults() {
    List<Fault> plan = FaultPlan.of(3, FaultKind.values().length, QUIET, OUTAGE);
    assertThat(plan.stream().map(Fault::kind)).containsExactlyInAnyOrder(FaultKind.values());
  }

  @Test
  void pausesAndOutagesStayWithinTheirBoundsAndKillsAndCrashesHoldNothing() {
    for (Fault fault : FaultPlan.of(11, 200, QUIET, OUTAGE)) {
      assertThat(fault.quietBefore()).isBetween(QUIET, QUIET.multipliedBy(2));
      if (fault.kind() == FaultKind.TASK_MANAGER_KILLED || fault.kind() == FaultKind.OPERATOR_CRASHED) {
        assertThat(fault.lasts()).isZero();
      } else {
        assertThat(fault.lasts()).isBetween(OUTAGE, OUTAGE.plus(OUTAGE.dividedBy(2)));
      }
      assertThat(fault.target()).isBetween(0, 1);
    }
  }

  @Test
  void aNegativeCountIsRefused() {
    assertThatThrownBy(() -> FaultPlan.of(1, -1, QUIET, OUTAGE)).hasMessage("fault count must not be negative, got -1");
    assertThat(FaultPlan.of(1, 0, QUIET, OUTAGE)).isEmpty();
  }
}
