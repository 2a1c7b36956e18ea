package dev.customerpulse.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.GammaDistribution;
import org.junit.jupiter.api.Test;

/**
 * MBG/NBD's closed forms against the model itself, integrated numerically: a customer with purchase
 * rate lambda and drop-out probability p, who may leave right after each purchase including the first,
 * mixed over Gamma(r, alpha) and Beta(a, b) by the midpoint rule on a grid of their quantiles.
 */
class MbgNbdTest {
  private static final BgNbdParameters P = new BgNbdParameters(0.8, 3.0, 1.6, 2.5);
  private static final int N = 1500;
  private static final double[] LAMBDA = new double[N];
  private static final double[] DROP = new double[N];

  static {
    GammaDistribution rates = new GammaDistribution(P.r(), 1 / P.alpha());
    BetaDistribution drops = new BetaDistribution(P.a(), P.b());
    for (int i = 0; i < N; i++) {
      LAMBDA[i] = rates.inverseCumulativeProbability((i + 0.5) / N);
      DROP[i] = drops.inverseCumulativeProbability((i + 0.5) / N);
    }
  }

  /** The integrals over (lambda, p): data likelihood, its alive part, and the alive part times a future quantity. */
  private record Integrals(double total, double alive, double expected, double quietAlive) {}

  private static Integrals integrate(double x, double tx, double t, double horizon) {
    double total = 0;
    double alive = 0;
    double expected = 0;
    double quietAlive = 0;
    for (double lambda : LAMBDA) {
      double rateAlive = Math.pow(lambda, x) * Math.exp(-lambda * t);
      double rateGone = Math.pow(lambda, x) * Math.exp(-lambda * tx);
      for (double p : DROP) {
        double stillAlive = Math.pow(1 - p, x + 1) * rateAlive;
        double leftAfterLast = p * Math.pow(1 - p, x) * rateGone;
        total += stillAlive + leftAfterLast;
        alive += stillAlive;
        // An alive customer buys at rate lambda and leaves after each purchase with probability p.
        expected += stillAlive * (1 - Math.exp(-lambda * p * horizon)) / p;
        quietAlive += stillAlive * Math.exp(-lambda * horizon);
      }
    }
    double cells = (double) N * N;
    return new Integrals(total / cells, alive / cells, expected / cells, quietAlive / cells);
  }

  @Test
  void closedFormsMatchTheModelIntegratedNumerically() {
    double[][] customers = {{0, 0, 20}, {0, 0, 2}, {1, 5, 30}, {3, 10, 12}, {6, 30, 31}};
    double horizon = 26;
    for (double[] c : customers) {
      double x = c[0];
      double tx = c[1];
      double t = c[2];
      Integrals i = integrate(x, tx, t, horizon);
      String who = "x=" + x + " tx=" + tx + " T=" + t;
      assertThat(Math.exp(MbgNbd.logLikelihood(P, x, tx, t))).as("likelihood, %s", who)
          .isCloseTo(i.total(), within(2e-3 * i.total()));
      assertThat(MbgNbd.probabilityAlive(P, x, tx, t)).as("P(alive), %s", who)
          .isCloseTo(i.alive() / i.total(), within(1e-3));
      assertThat(MbgNbd.expectedPurchases(P, horizon, x, tx, t)).as("E[Y(26)], %s", who)
          .isCloseTo(i.expected() / i.total(), within(2e-3 * (i.expected() / i.total())));
      assertThat(MbgNbd.probabilityQuiet(P, horizon, x, tx, t)).as("P(quiet 26), %s", who)
          .isCloseTo(1 - (i.alive() - i.quietAlive()) / i.total(), within(1e-3));
    }
  }

  @Test
  void aOneTimeBuyerIsNoLongerCertainlyAliveAndFadesWithAge() {
    assertThat(BgNbd.probabilityAlive(P, 0, 0, 40)).isEqualTo(1.0);
    double young = MbgNbd.probabilityAlive(P, 0, 0, 2);
    double old = MbgNbd.probabilityAlive(P, 0, 0, 40);
    // 1 / (1 + a / b * ((alpha + T) / alpha)^r)
    assertThat(old).isEqualTo(1 / (1 + 1.6 / 2.5 * Math.pow(43.0 / 3.0, 0.8)));
    assertThat(young).isGreaterThan(old);
  }

  @Test
  void theCountModelSettingChoosesTheClosedForms() {
    assertThat(PurchaseCountModel.MBG_NBD.probabilityAlive(P, 2, 5, 9)).isEqualTo(MbgNbd.probabilityAlive(P, 2, 5, 9));
    assertThat(PurchaseCountModel.BG_NBD.probabilityAlive(P, 2, 5, 9)).isEqualTo(BgNbd.probabilityAlive(P, 2, 5, 9));
    assertThat(PurchaseCountModel.of("MBG-NBD")).isEqualTo(PurchaseCountModel.MBG_NBD);
    assertThat(PurchaseCountModel.of("pareto")).isNull();
  }
}
