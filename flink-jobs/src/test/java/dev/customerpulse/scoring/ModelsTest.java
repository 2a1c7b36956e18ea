package dev.customerpulse.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.customerpulse.state.PurchaseHistory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelsTest {
  private static final long DAY = 86_400_000L;

  @Test
  void rfmScoresFollowTheirThresholdsExactly() {
    RfmSettings rfm = RfmSettings.defaults();
    assertThat(new int[] {rfm.recencyScore(0), rfm.recencyScore(7), rfm.recencyScore(8), rfm.recencyScore(90),
        rfm.recencyScore(180), rfm.recencyScore(181)}).containsExactly(5, 5, 4, 3, 2, 1);
    assertThat(new int[] {rfm.frequencyScore(1), rfm.frequencyScore(2), rfm.frequencyScore(4), rfm.frequencyScore(5),
        rfm.frequencyScore(9)}).containsExactly(1, 2, 3, 4, 5);
    assertThat(new int[] {rfm.monetaryScore(4_999), rfm.monetaryScore(5_000), rfm.monetaryScore(100_000)})
        .containsExactly(1, 2, 5);
  }

  @Test
  void churnRiskIsTheLogisticOfItsExactContributions() {
    ChurnModel model = new ChurnModel(-2, Map.of(ChurnFeature.INACTIVITY, 2.0, ChurnFeature.COMPLAINTS, 1.5,
        ChurnFeature.P_DEAD, 1.0));
    double[] values = new double[ChurnFeature.values().length];
    values[ChurnFeature.INACTIVITY.ordinal()] = 0.5;
    values[ChurnFeature.COMPLAINTS.ordinal()] = 1.0;
    values[ChurnFeature.P_DEAD.ordinal()] = 0.25;

    ChurnModel.Score score = model.score(values);

    assertThat(score.logit()).isEqualTo(-2 + 1.0 + 1.5 + 0.25);
    assertThat(score.risk()).isEqualTo(1 / (1 + Math.exp(-0.75)));
    assertThat(score.contributions().subList(0, 3)).extracting(ChurnModel.Contribution::feature)
        .containsExactly(ChurnFeature.COMPLAINTS, ChurnFeature.INACTIVITY, ChurnFeature.P_DEAD);
    assertThat(score.reasons(2)).isEqualTo("complaints:+1.500,inactivity:+1.000");
    assertThat(score.reasons(5)).isEqualTo("complaints:+1.500,inactivity:+1.000,p_dead:+0.250");
  }

  @Test
  void clvIsExpectedPurchasesTimesExpectedSpend() {
    PurchaseHistory h = new PurchaseHistory();
    h.addPurchase(0, 3_000);
    h.addPurchase(70 * DAY, 2_000);
    h.addPurchase(140 * DAY, 4_000);
    ClvModel model = new ClvModel(ClvSettings.defaults());

    ClvScore score = model.score(h, 200 * DAY);

    double t = 200.0 / 7;
    assertThat(score.probabilityAlive()).isEqualTo(BgNbd.probabilityAlive(BgNbdParameters.CDNOW, 2, 20, t));
    assertThat(score.expectedPurchases()).isEqualTo(BgNbd.expectedPurchases(BgNbdParameters.CDNOW, 365.0 / 7, 2, 20, t));
    assertThat(score.expectedAverageSpendMinor())
        .isCloseTo(GammaGamma.expectedAverageSpend(GammaGammaParameters.CDNOW, 2, 30.0) * 100, within(1e-9));
    assertThat(score.clvMinor()).isCloseTo(score.expectedPurchases() * score.expectedAverageSpendMinor(), within(1e-9));
    assertThat(model.score(new PurchaseHistory(), 0)).isNull();
  }

  @Test
  void discountingLowersClvAndMonthlyStepsAddUpToTheHorizon() {
    PurchaseHistory h = new PurchaseHistory();
    h.addPurchase(0, 3_000);
    h.addPurchase(30 * DAY, 3_000);
    ClvSettings plain = ClvSettings.defaults();
    ClvSettings discounted = new ClvSettings(plain.bgNbd(), plain.gammaGamma(), plain.timeUnit(), plain.horizon(), 0.10, 100);
    ClvSettings tiny = new ClvSettings(plain.bgNbd(), plain.gammaGamma(), plain.timeUnit(), plain.horizon(), 1e-12, 100);

    double undiscounted = new ClvModel(plain).score(h, 40 * DAY).clvMinor();
    assertThat(new ClvModel(discounted).score(h, 40 * DAY).clvMinor()).isLessThan(undiscounted).isGreaterThan(undiscounted * 0.9);
    assertThat(new ClvModel(tiny).score(h, 40 * DAY).clvMinor()).isCloseTo(undiscounted, within(1e-6));
  }

  @Test
  void aCustomerWithoutRepeatPurchasesGetsThePopulationSpend() {
    PurchaseHistory h = new PurchaseHistory();
    h.addPurchase(0, 99_999);
    ClvScore score = new ClvModel(ClvSettings.defaults()).score(h, 10 * DAY);
    assertThat(score.probabilityAlive()).isEqualTo(1.0);
    assertThat(score.expectedAverageSpendMinor()).isCloseTo(6.25 * 15.44 / 2.74 * 100, within(1e-9));
  }

  @Test
  void timeUnitAndHorizonAreHonoured() {
    PurchaseHistory h = new PurchaseHistory();
    h.addPurchase(0, 1_000);
    h.addPurchase(7 * DAY, 1_000);
    ClvSettings daily = new ClvSettings(BgNbdParameters.CDNOW, GammaGammaParameters.CDNOW, Duration.ofDays(1), Duration.ofDays(30), 0, 100);
    assertThat(new ClvModel(daily).score(h, 14 * DAY).expectedPurchases())
        .isEqualTo(BgNbd.expectedPurchases(BgNbdParameters.CDNOW, 30, 1, 7, 14));
  }
}
