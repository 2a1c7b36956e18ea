package dev.customerpulse.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
  @Test
  void oneBinaryFeatureWithoutPenaltyGivesTheLogOddsOfEachGroup() {
    // x = 0: 3 of 4 positive (log-odds ln 3); x = 1: 1 of 5 positive (log-odds ln 1/4).
    double[][] rows = {{0}, {0}, {0}, {0}, {1}, {1}, {1}, {1}, {1}};
    boolean[] positive = {true, true, true, false, true, false, false, false, false};
    LogisticRegression.Fit fit = LogisticRegression.fit(rows, positive, 0);
    assertThat(fit.intercept()).isCloseTo(Math.log(3), within(1e-9));
    assertThat(fit.weights()[0]).isCloseTo(Math.log(0.25) - Math.log(3), within(1e-9));
  }

  @Test
  void thePenalisedFitSatisfiesItsFirstOrderConditions() {
    double[][] rows = new double[40][2];
    boolean[] positive = new boolean[40];
    for (int i = 0; i < 40; i++) {
      rows[i][0] = (i * 7 % 11) / 10.0;
      rows[i][1] = (i * 5 % 13) / 12.0;
      positive[i] = (i * 3 % 7) < 3 + rows[i][0] * 3;
    }
    double penalty = 2;
    LogisticRegression.Fit fit = LogisticRegression.fit(rows, positive, penalty);
    // d/d(beta): sum (y - p) x - penalty * w = 0 for each weight, sum (y - p) = 0 for the intercept.
    double[] gradient = new double[3];
    for (int i = 0; i < 40; i++) {
      double residual = (positive[i] ? 1 : 0) - fit.probability(rows[i]);
      gradient[0] += residual;
      gradient[1] += residual * rows[i][0];
      gradient[2] += residual * rows[i][1];
    }
    gradient[1] -= penalty * fit.weights()[0];
    gradient[2] -= penalty * fit.weights()[1];
    assertThat(gradient).containsExactly(new double[] {0, 0, 0}, within(1e-8));
    // A stronger penalty pulls the weights towards 0.
    LogisticRegression.Fit stronger = LogisticRegression.fit(rows, positive, 200);
    assertThat(Math.abs(stronger.weights()[0])).isLessThan(Math.abs(fit.weights()[0]));
  }
}
