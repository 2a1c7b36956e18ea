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
    out.printf(Locale.ROOT, "ROC AUC for \"no purchase in the holdout\":  churn risk %.4f   1 - P(alive) %.4f%n%n",
        e.churnRisk().area(), e.probabilityDead().area());
    metrics(e, out);
    out.printf(Locale.ROOT, "Holdout purchase days: expected by BG/NBD %,.1f, actual %,d%n%n",
        e.expectedHoldoutPurchases(), e.holdoutPurchases());
    table("Churn risk", e.churnRiskCalibration(), out);
    out.println();
    table("1 - P(alive)", e.probabilityDeadCalibration(), out);
  }

  /** One line per score: AUC, Brier, calibration error (probabilities only), no-purchase rate in the top tenth. */
  static void metrics(Evaluation e, PrintStream out) {
    out.println("  score                       ROC AUC    Brier  calibration error  no purchase in top tenth");
    for (ScoreMetrics s : e.scores()) {
      out.printf(Locale.ROOT, "  %-26s %8.4f %8s %18s %25.4f%n", s.name(), s.roc().area(), number(s.brier()),
          number(s.calibrationError()), s.topTenthRate());
    }
    ScoreMetrics best = e.bestBaseline();
    out.printf(Locale.ROOT, "Churn risk against the best baseline (%s): %+.4f ROC AUC%n%n", best.name(),
        e.churnRisk().area() - best.roc().area());
  }

  /** Four decimals, or "-" where the measure does not apply. */
  static String number(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
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
