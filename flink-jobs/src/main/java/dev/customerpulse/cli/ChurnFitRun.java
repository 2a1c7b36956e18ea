package dev.customerpulse.cli;

import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.learning.ChurnFit;
import dev.customerpulse.learning.ChurnFitter;
import dev.customerpulse.scoring.ChurnFeature;
import dev.customerpulse.scoring.fit.Transaction;
import dev.customerpulse.state.PurchaseHistory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code pulse fit churn}: learns the churn weights and calibration and prints them as settings. */
final class ChurnFitRun {
  private ChurnFitRun() {}

  static int run(FitCommand command) throws Exception {
    int windowDays = wholeDays("--window", command.window);
    int stepDays = wholeDays("--step", command.step);
    if (command.trainingWindows < 1) {
      throw new IllegalArgumentException("--training-windows must be at least 1, got " + command.trainingWindows);
    }
    PrintStream out = command.out;
    var logic = PulseSettings.JobLogic.from(command.connection.configuration()).profile();
    List<Transaction> purchases = command.history.read(command.connection, out);
    if (purchases.isEmpty()) {
      throw new IllegalArgumentException("the order history has no purchases to fit on");
    }
    long end = command.until != null ? OrderHistoryOptions.time("--until", command.until)
        : purchases.stream().mapToLong(Transaction::timeMillis).max().orElseThrow();
    ChurnFit fit = ChurnFitter.fit(purchases, logic, Math.floorDiv(end, PurchaseHistory.DAY_MILLIS), windowDays,
        command.trainingWindows, stepDays);

    out.printf("Label: no purchase in the %d days after the cut-off. Purchases after %s are not used.%n", windowDays,
        fit.validation().end());
    for (ChurnFit.Window w : fit.training()) {
      window(out, "training  ", w);
    }
    window(out, "validation", fit.validation());
    out.println();
    out.println("L2 penalty   validation log-likelihood per customer   validation ROC AUC");
    for (ChurnFit.Candidate c : fit.candidates()) {
      out.printf(Locale.ROOT, "%10s   %38.5f   %18.4f%s%n", penalty(c.penalty()), c.validationLogLikelihood(), c.validationAuc(),
          c.penalty() == fit.penalty() ? "   <- chosen" : "");
    }
    out.printf(Locale.ROOT, "Platt calibration on the validation window: slope %.6f, offset %.6f (log-likelihood per customer"
        + " %.5f after)%n", fit.calibration().slope(), fit.calibration().offset(), fit.calibratedValidationLogLikelihood());
    if (!fit.silent().isEmpty()) {
      out.println("Not in this history (never varied), weight 0: "
          + fit.silent().stream().map(ChurnFeature::key).collect(Collectors.joining(", ")));
    }
    out.println();
    out.println("Weights (contribution to the calibrated logit = slope x weight x feature):");
    for (ChurnFeature f : ChurnFeature.values()) {
      if (!fit.silent().contains(f)) {
        out.printf(Locale.ROOT, "  %-18s %+10.6f%n", f.key(), fit.weights().get(f));
      }
    }
    List<String> settings = new ArrayList<>();
    settings.add(String.format(Locale.ROOT, "%s=%.6f", PulseOptions.CHURN_INTERCEPT.key(), fit.intercept()));
    settings.add(PulseOptions.CHURN_WEIGHTS.key() + "=" + java.util.Arrays.stream(ChurnFeature.values())
        .map(f -> String.format(Locale.ROOT, "%s:%.6f", f.key(), fit.weights().get(f))).collect(Collectors.joining(",")));
    settings.add(String.format(Locale.ROOT, "%s=%.6f,%.6f", PulseOptions.CHURN_CALIBRATION.key(), fit.calibration().slope(),
        fit.calibration().offset()));
    FitBoundary.requireAccepted(settings);
    out.println();
    out.println("Settings (as -D options, PULSE_* variables or in the job's ConfigMap), together with the scoring settings");
    out.println("this fit ran with (pulse.clv.*, pulse.churn.quiet-horizon: the features depend on them):");
    settings.forEach(out::println);
    return 0;
  }

  private static void window(PrintStream out, String role, ChurnFit.Window w) {
    out.printf(Locale.ROOT, "  %s cut-off %s, window to %s: %,d customers, %,d (%.1f%%) without a purchase%n", role, w.cutOff(),
        w.end(), w.customers(), w.churned(), 100.0 * w.churned() / w.customers());
  }

  private static String penalty(double p) {
    return p < 1 ? String.valueOf(p) : String.valueOf((long) p);
  }

  private static int wholeDays(String option, Duration d) {
    if (d.isZero() || d.isNegative() || d.toMillis() % PurchaseHistory.DAY_MILLIS != 0) {
      throw new IllegalArgumentException(option + " must be a positive number of whole days, got " + d);
    }
    return (int) d.toDays();
  }
}
