package dev.customerpulse.cli;

import dev.customerpulse.state.PurchaseHistory;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.scoring.BgNbdParameters;
import dev.customerpulse.scoring.GammaGammaParameters;
import dev.customerpulse.scoring.PurchaseCountModel;
import dev.customerpulse.scoring.fit.CustomerSummary;
import dev.customerpulse.scoring.fit.ModelFitter;
import dev.customerpulse.scoring.fit.Summaries;
import dev.customerpulse.scoring.fit.Transaction;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fit", mixinStandardHelpOptions = true,
    description = {"Fits the lifetime-value models or the churn model to an order history.", "",
        "clv (the default): summarises each customer's purchases with the streaming job's own code (purchase days,",
        "recency, age, mean repeat value), fits BG/NBD (or MBG/NBD) and Gamma-Gamma by maximum likelihood, and prints",
        "the settings that make 'pulse run' use the fit.",
        "churn: replays the history through the job's own feature code to several cut-offs, learns the churn weights",
        "by regularised logistic regression on the earlier windows, chooses the penalty and fits a Platt calibration",
        "on the latest window (which ends on --until), and prints the weights and calibration as settings.",
        "The churn features use the scoring settings given (-D options, PULSE_* variables), as 'pulse evaluate' does."})
final class FitCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", defaultValue = "clv",
      description = "clv (default) or churn.")
  String model;

  @Mixin
  OrderHistoryOptions history;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--until", paramLabel = "DATE",
      description = "End of the calibration period: purchases up to the end of this day are used (default: the last purchase's day).")
  String until;

  @Option(names = "--time-unit", defaultValue = "7d", converter = DurationConverter.class,
      description = "Time unit of the BG/NBD parameters (default ${DEFAULT-VALUE}).")
  Duration timeUnit;

  @Option(names = "--money-unit-minor", defaultValue = "100",
      description = "Minor units per currency unit of the Gamma-Gamma parameters (default ${DEFAULT-VALUE}).")
  long moneyUnitMinor;

  @Option(names = "--count-model", defaultValue = "bg-nbd", paramLabel = "MODEL",
      description = "clv: bg-nbd (default) or mbg-nbd, whose one-time buyers may drop out too.")
  String countModel;

  @Option(names = "--window", defaultValue = "90d", converter = DurationConverter.class,
      description = "churn: the label window, \"no purchase in the following WINDOW\" (whole days, default ${DEFAULT-VALUE}).")
  Duration window;

  @Option(names = "--training-windows", defaultValue = "3",
      description = "churn: how many training windows before the validation window (default ${DEFAULT-VALUE}).")
  int trainingWindows;

  @Option(names = "--step", defaultValue = "30d", converter = DurationConverter.class,
      description = "churn: days between the cut-offs of the training windows (default ${DEFAULT-VALUE}).")
  Duration step;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if ("churn".equals(model)) {
      return ChurnFitRun.run(this);
    }
    if (!"clv".equals(model)) {
      throw new IllegalArgumentException("MODEL must be clv or churn, got '" + model + "'");
    }
    PurchaseCountModel counting = PurchaseCountModel.of(countModel);
    if (counting == null) {
      throw new IllegalArgumentException("--count-model must be bg-nbd or mbg-nbd, got '" + countModel + "'");
    }
    if (timeUnit.toMillis() % PurchaseHistory.DAY_MILLIS != 0) {
      throw new IllegalArgumentException("--time-unit must be whole days (purchases are counted by day), got " + timeUnit);
    }
    if (moneyUnitMinor < 1) {
      throw new IllegalArgumentException("--money-unit-minor must be at least 1");
    }
    List<Transaction> purchases = history.read(connection, out);
    if (purchases.isEmpty()) {
      throw new IllegalArgumentException("the order history has no purchases to fit on");
    }
    long end = until != null ? OrderHistoryOptions.time("--until", until)
        : purchases.stream().mapToLong(Transaction::timeMillis).max().orElseThrow();
    List<CustomerSummary> summaries = Summaries.at(purchases, end, timeUnit.toMillis())
        .stream().map(s -> scaled(s, moneyUnitMinor)).toList();
    long repeat = summaries.stream().filter(s -> s.x() > 0).count();
    String day = LocalDate.ofInstant(Instant.ofEpochMilli(end), ZoneOffset.UTC).toString();
    out.printf("Calibration period up to %s: %,d customers, %,d of them repeat buyers; time unit %d days%n%n",
        day, summaries.size(), repeat, timeUnit.toDays());

    ModelFitter.Fit<BgNbdParameters> bg = ModelFitter.fitBgNbd(summaries, counting);
    BgNbdParameters b = bg.parameters();
    String name = counting == PurchaseCountModel.BG_NBD ? "BG/NBD " : "MBG/NBD";
    out.printf(Locale.ROOT, "%s      r=%.6f alpha=%.6f a=%.6f b=%.6f   log-likelihood %.4f (%,d customers)%n",
        name, b.r(), b.alpha(), b.a(), b.b(), bg.logLikelihood(), bg.customers());
    out.printf(Locale.ROOT, "             mean purchase rate %.4f per unit while alive; drop-out chance after a purchase %.4f%n",
        b.r() / b.alpha(), b.a() / (b.a() + b.b()));
    String ggLine;
    if (repeat == 0) {
      out.println("Gamma-Gamma  not fitted: no repeat buyers (keep the configured spend model)");
      ggLine = null;
    } else {
      ModelFitter.Fit<GammaGammaParameters> gg = ModelFitter.fitGammaGamma(summaries);
      GammaGammaParameters g = gg.parameters();
      out.printf(Locale.ROOT, "Gamma-Gamma  p=%.6f q=%.6f v=%.6f   log-likelihood %.4f (%,d repeat buyers)%n",
          g.p(), g.q(), g.v(), gg.logLikelihood(), gg.customers());
      out.printf(Locale.ROOT, "             population mean spend per purchase %.2f currency units%n", g.p() * g.v() / (g.q() - 1));
      ggLine = String.format(Locale.ROOT, "%s=%.6f,%.6f,%.6f", PulseOptions.CLV_GAMMA_GAMMA.key(), g.p(), g.q(), g.v());
    }
    out.println();
    List<String> boundary = FitBoundary.check(b, counting);
    if (!boundary.isEmpty()) {
      out.println(name.trim() + " fit is a boundary solution, not settings to use:");
      boundary.forEach(line -> out.println("  " + line));
      out.println("Try --count-model " + (counting == PurchaseCountModel.BG_NBD ? "mbg-nbd" : "bg-nbd")
          + ", a longer calibration period (--until) or another --time-unit; no BG/NBD settings are printed.");
      return 1;
    }
    List<String> settings = new java.util.ArrayList<>();
    settings.add(String.format(Locale.ROOT, "%s=%.6f,%.6f,%.6f,%.6f", PulseOptions.CLV_BGNBD.key(), b.r(), b.alpha(), b.a(), b.b()));
    settings.add(PulseOptions.CLV_MODEL.key() + "=" + counting.key());
    if (ggLine != null) {
      settings.add(ggLine);
    }
    settings.add(String.format("%s=%dd", PulseOptions.CLV_TIME_UNIT.key(), timeUnit.toDays()));
    settings.add(String.format("%s=%d", PulseOptions.CLV_MONEY_UNIT.key(), moneyUnitMinor));
    FitBoundary.requireAccepted(settings);
    out.println("Settings (as -D options, PULSE_* variables or in the job's ConfigMap):");
    settings.forEach(out::println);
    return 0;
  }

  /** Summaries carry the mean repeat value in major units (minor / 100); rescale to the requested money unit. */
  private static CustomerSummary scaled(CustomerSummary s, long moneyUnitMinor) {
    return moneyUnitMinor == 100 ? s
        : new CustomerSummary(s.customerId(), s.x(), s.tx(), s.t(), s.meanRepeatValue() * 100 / moneyUnitMinor);
  }
}
