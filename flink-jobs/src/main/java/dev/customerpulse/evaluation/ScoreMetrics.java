package dev.customerpulse.evaluation;

import java.util.List;

/**
 * How one score did against the holdout label "no purchase": ROC AUC (ranking), and for a score that
 * claims to be a probability the Brier score (mean squared error) and the expected calibration error
 * (over tenths of customers by score, the size-weighted mean gap between mean score and observed rate);
 * for every score the no-purchase rate among the tenth of customers it ranks highest.
 *
 * @param probability whether the score is a probability (Brier and calibration error are NaN otherwise)
 * @param calibration the tenths of customers by score, lowest first
 */
public record ScoreMetrics(String name, boolean probability, RocCurve roc, double brier, double calibrationError,
    double topTenthRate, List<CalibrationTable.Row> calibration) {

  public static ScoreMetrics of(String name, double[] scores, boolean[] churned, boolean probability) {
    List<CalibrationTable.Row> tenths = CalibrationTable.of(scores, churned, Evaluation.GROUPS);
    double brier = Double.NaN;
    double error = Double.NaN;
    if (probability) {
      double squares = 0;
      for (int i = 0; i < scores.length; i++) {
        double d = scores[i] - (churned[i] ? 1 : 0);
        squares += d * d;
      }
      brier = squares / scores.length;
      double gaps = 0;
      for (CalibrationTable.Row row : tenths) {
        gaps += row.customers() * Math.abs(row.meanScore() - row.observedRate());
      }
      error = gaps / scores.length;
    }
    return new ScoreMetrics(name, probability, RocCurve.of(scores, churned), brier, error,
        tenths.get(tenths.size() - 1).observedRate(), tenths);
  }
}
