package dev.customerpulse.evaluation;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The evaluation as text for the terminal. */
public final class EvaluationReport {
  private EvaluationReport() {}

  public static void print(Evaluation e, PrintStream out) {
    int n = e.cases().size();
    out.printf(Locale.ROOT, "Scored %,d customers as of %s; holdout to %s: %,d (%.1f%%) made no purchase in it%n%n",
        n, e.calibrationEnd(), e.holdoutEnd(), e.churned(), 100.0 * e.churned() / n);
    out.printf(Locale.ROOT, "ROC AUC for \"no purchase in the holdout\":  churn risk %.4f   1 - P(alive) %.4f%n",
        e.churnRisk().area(), e.probabilityDead().area());
    out.printf(Locale.ROOT, "Holdout purchase days: expected by BG/NBD %,.1f, actual %,d%n%n",
        e.expectedHoldoutPurchases(), e.holdoutPurchases());
    table("Churn risk", e.churnRiskCalibration(), out);
    out.println();
    table("1 - P(alive)", e.probabilityDeadCalibration(), out);
  }

  private static void table(String score, List<CalibrationTable.Row> rows, PrintStream out) {
    out.printf("Calibration of %s (customers in %d groups of equal size, lowest scores first)%n", score, rows.size());
    out.println("  score range        customers  mean score  observed no-purchase rate");
    for (CalibrationTable.Row r : rows) {
      out.printf(Locale.ROOT, "  %.4f - %.4f  %9d  %10.4f  %10.4f%n", r.lowest(), r.highest(), r.customers(), r.meanScore(),
          r.observedRate());
    }
  }
}
