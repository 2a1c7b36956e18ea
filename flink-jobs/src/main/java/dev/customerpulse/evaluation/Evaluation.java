package dev.customerpulse.evaluation;

import java.util.List;

/**
 * How the scores at a calibration cut-off did against the holdout period.
 *
 * @param churnRisk ROC of churn risk for "no purchase in the holdout"
 * @param probabilityDead ROC of 1 - P(alive) alone, for the same label
 */
public record Evaluation(String calibrationEnd, String holdoutEnd, List<HoldoutCase> cases, RocCurve churnRisk,
    RocCurve probabilityDead, List<CalibrationTable.Row> churnRiskCalibration, List<CalibrationTable.Row> probabilityDeadCalibration,
    double expectedHoldoutPurchases, long holdoutPurchases) {

  public static final int GROUPS = 10;

  public static Evaluation of(String calibrationEnd, String holdoutEnd, List<HoldoutCase> cases) {
    double[] risk = cases.stream().mapToDouble(HoldoutCase::churnRisk).toArray();
    double[] dead = cases.stream().mapToDouble(HoldoutCase::probabilityDead).toArray();
    boolean[] churned = new boolean[cases.size()];
    for (int i = 0; i < churned.length; i++) {
      churned[i] = cases.get(i).churned();
    }
    return new Evaluation(calibrationEnd, holdoutEnd, cases, RocCurve.of(risk, churned), RocCurve.of(dead, churned),
        CalibrationTable.of(risk, churned, GROUPS), CalibrationTable.of(dead, churned, GROUPS),
        cases.stream().mapToDouble(HoldoutCase::expectedHoldoutPurchases).sum(),
        cases.stream().mapToLong(HoldoutCase::holdoutPurchases).sum());
  }

  public long churned() {
    return cases.stream().filter(HoldoutCase::churned).count();
  }
}
