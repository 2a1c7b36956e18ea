package dev.customerpulse.evaluation;

import java.util.List;

/**
 * How the scores at a calibration cut-off did against the holdout period: the churn risk, 1 - P(alive)
 * and the simple baselines, each judged by {@link ScoreMetrics} on the label "no purchase in the holdout".
 *
 * @param scores churn risk first, then 1 - P(alive), recency, frequency and the recency + frequency rank sum
 */
public record Evaluation(String calibrationEnd, String holdoutEnd, List<HoldoutCase> cases, List<ScoreMetrics> scores,
    double expectedHoldoutPurchases, long holdoutPurchases) {

  public static final int GROUPS = 10;

  public static Evaluation of(String calibrationEnd, String holdoutEnd, List<HoldoutCase> cases) {
    boolean[] churned = new boolean[cases.size()];
    for (int i = 0; i < churned.length; i++) {
      churned[i] = cases.get(i).churned();
    }
    List<ScoreMetrics> scores = List.of(
        ScoreMetrics.of("churn risk", cases.stream().mapToDouble(HoldoutCase::churnRisk).toArray(), churned, true),
        ScoreMetrics.of("1 - P(alive)", cases.stream().mapToDouble(HoldoutCase::probabilityDead).toArray(), churned, true),
        ScoreMetrics.of("recency", Baselines.recency(cases), churned, false),
        ScoreMetrics.of("frequency", Baselines.frequency(cases), churned, false),
        ScoreMetrics.of("recency + frequency ranks", Baselines.rankSum(cases), churned, false));
    return new Evaluation(calibrationEnd, holdoutEnd, cases, scores,
        cases.stream().mapToDouble(HoldoutCase::expectedHoldoutPurchases).sum(),
        cases.stream().mapToLong(HoldoutCase::holdoutPurchases).sum());
  }

  public ScoreMetrics churnRiskMetrics() {
    return scores.get(0);
  }

  public ScoreMetrics probabilityDeadMetrics() {
    return scores.get(1);
  }

  public RocCurve churnRisk() {
    return churnRiskMetrics().roc();
  }

  public RocCurve probabilityDead() {
    return probabilityDeadMetrics().roc();
  }

  public List<CalibrationTable.Row> churnRiskCalibration() {
    return churnRiskMetrics().calibration();
  }

  public List<CalibrationTable.Row> probabilityDeadCalibration() {
    return probabilityDeadMetrics().calibration();
  }

  /** The best ROC AUC among the baselines (everything but the churn risk). */
  public ScoreMetrics bestBaseline() {
    ScoreMetrics best = scores.get(1);
    for (ScoreMetrics s : scores.subList(1, scores.size())) {
      if (s.roc().area() > best.roc().area()) {
        best = s;
      }
    }
    return best;
  }

  public long churned() {
    return cases.stream().filter(HoldoutCase::churned).count();
  }
}
