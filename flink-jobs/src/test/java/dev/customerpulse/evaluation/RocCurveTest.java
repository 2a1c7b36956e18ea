package dev.customerpulse.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RocCurveTest {
  @Test
  void aPerfectRankingHasAreaOneAndAReversedOneZero() {
    boolean[] labels = {true, true, false, false};
    assertThat(RocCurve.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels).area()).isEqualTo(1.0);
    assertThat(RocCurve.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels).area()).isEqualTo(0.0);
  }

  @Test
  void areaIsTheShareOfPositiveNegativePairsRankedRightWithTiesCountingHalf() {
    // Positives 0.8, 0.5, 0.3; negatives 0.5, 0.2. Pairs: (0.8 > 0.5) 1, (0.8 > 0.2) 1, (0.5 = 0.5) 1/2,
    // (0.5 > 0.2) 1, (0.3 < 0.5) 0, (0.3 > 0.2) 1: 4.5 of 6.
    RocCurve roc = RocCurve.of(new double[] {0.8, 0.5, 0.5, 0.3, 0.2}, new boolean[] {true, true, false, true, false});
    assertThat(roc.area()).isEqualTo(0.75);
    assertThat(roc.positives()).isEqualTo(3);
    assertThat(roc.negatives()).isEqualTo(2);
    assertThat(roc.points()).containsExactly(
        new RocCurve.Point(Double.POSITIVE_INFINITY, 0, 0),
        new RocCurve.Point(0.8, 0, 1.0 / 3),
        new RocCurve.Point(0.5, 0.5, 2.0 / 3),
        new RocCurve.Point(0.3, 0.5, 1),
        new RocCurve.Point(0.2, 1, 1));
  }

  @Test
  void aConstantScoreIsNoBetterThanChance() {
    assertThat(RocCurve.of(new double[] {0.4, 0.4, 0.4}, new boolean[] {true, false, false}).area()).isEqualTo(0.5);
  }

  @Test
  void oneClassOnlyIsRefused() {
    assertThatThrownBy(() -> RocCurve.of(new double[] {0.1, 0.2}, new boolean[] {true, true}))
        .hasMessage("a ROC curve needs positives and negatives, got 2 and 0");
  }
}
