package dev.customerpulse.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalibrationTableTest {
  @Test
  void groupsAreEqualSizedByScoreWithMeanScoreAndObservedRate() {
    double[] scores = {0.9, 0.1, 0.5, 0.3, 0.7, 0.2};
    boolean[] positive = {true, false, true, false, false, true};
    assertThat(CalibrationTable.of(scores, positive, 3)).containsExactly(
        new CalibrationTable.Row(0.1, 0.2, 2, (0.1 + 0.2) / 2, 0.5),
        new CalibrationTable.Row(0.3, 0.5, 2, (0.3 + 0.5) / 2, 0.5),
        new CalibrationTable.Row(0.7, 0.9, 2, (0.7 + 0.9) / 2, 0.5));
  }

  @Test
  void unevenCountsSpreadTheRemainder() {
    double[] scores = {0.1, 0.2, 0.3, 0.4, 0.5};
    boolean[] positive = {false, false, true, true, true};
    assertThat(CalibrationTable.of(scores, positive, 2)).extracting(CalibrationTable.Row::customers).containsExactly(2, 3);
    assertThat(CalibrationTable.of(scores, positive, 2).get(1).observedRate()).isEqualTo(1.0);
  }
}
