package dev.customerpulse.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every measure of an evaluation on a fixed split of ten customers, worked out by hand. */
class EvaluationMetricsTest {
  private static final double[] RISK = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
  private static final boolean[] CHURNED = {true, true, false, true, false, true, false, false, false, false};
  private static final long[] RECENCY = {10, 30, 20, 40, 5, 50, 15, 1, 2, 3};
  private static final long[] FREQUENCY = {1, 1, 2, 1, 3, 2, 2, 4, 5, 6};

  private static Evaluation evaluation() {
    List<HoldoutCase> cases = new ArrayList<>();
    for (int i = 0; i < RISK.length; i++) {
      cases.add(new HoldoutCase("c" + i, RISK[i], 0, 0.5, CHURNED[i] ? 0 : 1, RECENCY[i], FREQUENCY[i], new double[0]));
    }
    return Evaluation.of("2020-01-01", "2020-04-01", cases);
  }

  @Test
  void theChurnRiskIsMeasuredByRankingCalibrationAndTopTenth() {
    ScoreMetrics risk = evaluation().churnRiskMetrics();
    // Positives 0.9, 0.8, 0.6, 0.4 outrank 6 + 6 + 5 + 4 of the 4 x 6 pairs with the negatives.
    assertThat(risk.roc().area()).isEqualTo(21.0 / 24);
    // Squared errors .01 .04 .49 .16 .25 .36 .09 .04 .01 .0025.
    assertThat(risk.brier()).isCloseTo(1.4525 / 10, within(1e-15));
    // Ten groups of one: the mean of |score - label|, (.1+.2+.7+.4+.5+.6+.3+.2+.1+.05) / 10.
    assertThat(risk.calibrationError()).isCloseTo(0.315, within(1e-15));
    assertThat(risk.topTenthRate()).isEqualTo(1.0);
  }

  @Test
  void theBaselinesAreRecencyFrequencyTheirRankSumAndOneMinusPAlive() {
    Evaluation e = evaluation();
    assertThat(e.scores()).extracting(ScoreMetrics::name)
        .containsExactly("churn risk", "1 - P(alive)", "recency", "frequency", "recency + frequency ranks");
    ScoreMetrics dead = e.probabilityDeadMetrics();
    assertThat(dead.roc().area()).isEqualTo(0.5);
    assertThat(dead.brier()).isEqualTo(0.4);
    assertThat(dead.calibrationError()).isEqualTo(0.4);
    // Recency: 10 outranks 4 negatives, 30, 40 and 50 all 6.
    assertThat(e.scores().get(2).roc().area()).isEqualTo(22.0 / 24);
    assertThat(e.scores().get(2).brier()).isNaN();
    assertThat(e.scores().get(2).topTenthRate()).isEqualTo(1.0);
    // Minus frequency: three positives at -1 outrank all 6; the one at -2 ties two negatives and outranks 4.
    assertThat(e.scores().get(3).roc().area()).isEqualTo(23.0 / 24);
    // Rank sums 14 17 13 18 8 16 12 4 4 4: every positive above every negative.
    assertThat(Baselines.rankSum(e.cases())).containsExactly(14, 17, 13, 18, 8, 16, 12, 4, 4, 4);
    assertThat(e.scores().get(4).roc().area()).isEqualTo(1.0);
    assertThat(e.bestBaseline().name()).isEqualTo("recency + frequency ranks");
  }

  @Test
  void theReportAndTheChartShowEveryScore() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EvaluationReport.metrics(evaluation(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
        "  score                       ROC AUC    Brier  calibration error  no purchase in top tenth",
        "  churn risk                   0.8750   0.1453             0.3150                    1.0000",
        "  1 - P(alive)                 0.5000   0.4000             0.4000                    0.0000",
        "  recency                      0.9167        -                  -                    1.0000",
        "  frequency                    0.9583        -                  -                    1.0000",
        "  recency + frequency ranks    1.0000        -                  -                    1.0000",
        "Churn risk against the best baseline (recency + frequency ranks): -0.1250 ROC AUC",
        "");
    String page = EvaluationChart.html(evaluation());
    assertThat(page).contains("<td>recency + frequency ranks</td><td>1.0000</td><td>-</td><td>-</td><td>1.0000</td>",
        "<td>churn risk</td><td>0.8750</td>", "frequency (AUC 0.958)", "1 &minus; P(alive)");
    assertThat(page.split("<polyline", -1)).hasSize(1 + 5 + 2);
  }
}
