package dev.customerpulse.cli;

import dev.customerpulse.evaluation.Evaluation;
import dev.customerpulse.evaluation.EvaluationChart;
import dev.customerpulse.evaluation.EvaluationReport;
import dev.customerpulse.evaluation.HoldoutReplay;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.scoring.fit.Transaction;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Judges the churn scores against what customers did next.", "",
        "Replays an order history through the job's own feature and scoring code up to --calibration-end, scores",
        "every customer as of that day, labels them by whether they bought again by --holdout-end, and prints",
        "ROC AUC, Brier score, calibration error and the no-purchase rate of the top tenth for churn risk, 1 - P(alive)",
        "and the baselines recency, frequency and their rank sum, with calibration tables. Writes the charts as HTML.",
        "Scoring settings (pulse.clv.*, pulse.churn.*, ...) are taken from -D options and PULSE_* variables."})
final class EvaluateCommand implements Callable<Integer> {
  @Mixin
  OrderHistoryOptions history;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--calibration-end", required = true, paramLabel = "DATE",
      description = "Last day of the calibration period; customers are scored as of this day.")
  String calibrationEnd;

  @Option(names = "--holdout-end", paramLabel = "DATE", description = "Last day of the holdout period (default: the last purchase's day).")
  String holdoutEnd;

  @Option(names = "--html", defaultValue = "evaluation.html", paramLabel = "FILE",
      description = "Where to write the ROC and calibration charts (default ${DEFAULT-VALUE}).")
  Path html;

  @Option(names = "--scores", paramLabel = "FILE",
      description = "Also write every customer's scores at the cut-off and holdout purchase days as CSV.")
  Path scores;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    long calibration = OrderHistoryOptions.time("--calibration-end", calibrationEnd);
    var logic = PulseSettings.JobLogic.from(connection.configuration()).profile();
    List<Transaction> purchases = history.read(connection, out);
    if (purchases.isEmpty()) {
      throw new IllegalArgumentException("the order history has no purchases");
    }
    long holdout = holdoutEnd != null ? OrderHistoryOptions.time("--holdout-end", holdoutEnd)
        : purchases.stream().mapToLong(Transaction::timeMillis).max().orElseThrow();
    var cases = HoldoutReplay.run(purchases, calibration, holdout, logic);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("nobody bought by --calibration-end " + calibrationEnd);
    }
    Evaluation evaluation = Evaluation.of(day(calibration), day(holdout), cases);
    out.println("Model version " + logic.scorer().modelVersion());
    EvaluationReport.print(evaluation, out);
    Files.writeString(html, EvaluationChart.html(evaluation));
    if (scores != null) {
      StringBuilder csv = new StringBuilder("customer_id,churn_risk,p_dead,recency_days,frequency,holdout_purchase_days\n");
      for (var c : cases) {
        csv.append(c.customerId()).append(',').append(c.churnRisk()).append(',').append(c.probabilityDead()).append(',')
            .append(c.recencyDays()).append(',').append(c.frequency()).append(',').append(c.holdoutPurchases()).append('\n');
      }
      Files.writeString(scores, csv);
    }
    out.println();
    out.println("Charts written to " + html.toAbsolutePath());
    return 0;
  }

  private static String day(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).toString();
  }
}
