package dev.customerpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.evaluation.Evaluation;
import dev.customerpulse.evaluation.HoldoutReplay;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.scoring.fit.OrderHistoryCsv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** pulse fit and pulse evaluate on the CDNOW sample, end to end through the command line. */
class ModelCommandsTest {
  private static final String CDNOW = "src/test/resources/cdnow/CDNOW_sample.txt";
  @TempDir Path dir;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cli = Pulse.commandLine();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    CommandLine sub = cli.getSubcommands().get(args[0]);
    if (sub.getCommand() instanceof FitCommand fit) {
      fit.out = out;
    } else if (sub.getCommand() instanceof EvaluateCommand evaluate) {
      evaluate.out = out;
    }
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8), err.toString());
  }

  @Test
  void fitPrintsSettingsThatReproduceThePublishedCdnowEstimates() {
    Result result = run("fit", "--cdnow", CDNOW, "--until", "1997-09-30");
    assertThat(result.exitCode()).as(result.err()).isZero();
    String bg = result.out().lines().filter(l -> l.startsWith("pulse.clv.bgnbd=")).findFirst().orElseThrow();
    String[] p = bg.substring("pulse.clv.bgnbd=".length()).split(",");
    assertThat(Double.parseDouble(p[0])).isBetween(0.2421, 0.2431);
    assertThat(Double.parseDouble(p[1])).isBetween(4.409, 4.419);
    assertThat(Double.parseDouble(p[2])).isBetween(0.7924, 0.7934);
    assertThat(Double.parseDouble(p[3])).isBetween(2.421, 2.431);
    assertThat(result.out()).contains("2,357 customers, 946 of them repeat buyers", "pulse.clv.time-unit=7d",
        "pulse.clv.money-unit-minor=100");
    String gg = result.out().lines().filter(l -> l.startsWith("pulse.clv.gamma-gamma=")).findFirst().orElseThrow();
    String[] q = gg.substring("pulse.clv.gamma-gamma=".length()).split(",");
    assertThat(Double.parseDouble(q[0])).isBetween(6.2, 6.3);
    assertThat(Double.parseDouble(q[1])).isBetween(3.69, 3.79);
    assertThat(Double.parseDouble(q[2])).isBetween(15.34, 15.54);
  }

  @Test
  void theFittedSettingsAreAcceptedByTheJob() {
    Result result = run("fit", "--cdnow", CDNOW, "--until", "1997-09-30");
    Configuration conf = new Configuration();
    result.out().lines().filter(l -> l.startsWith("pulse.")).forEach(l -> {
      String[] kv = l.split("=", 2);
      conf.setString(kv[0], kv[1]);
    });
    var clv = PulseSettings.JobLogic.from(conf).profile().scorer().clvSettings();
    assertThat(clv.bgNbd().r()).isBetween(0.2421, 0.2431);
    assertThat(clv.timeUnit()).isEqualTo(java.time.Duration.ofDays(7));
  }

  @Test
  void evaluatePrintsTheAreasOfTheReplayAndWritesBothCharts() throws Exception {
    Path html = dir.resolve("evaluation.html");
    Result result = run("evaluate", "--cdnow", CDNOW, "--calibration-end", "1997-09-30", "--html", html.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();

    var logic = PulseSettings.JobLogic.from(new Configuration()).profile();
    var cases = HoldoutReplay.run(OrderHistoryCsv.readCdnow(Path.of(CDNOW)), Instant.parse("1997-09-30T00:00:00Z").toEpochMilli(),
        Instant.parse("1998-06-30T00:00:00Z").toEpochMilli(), logic);
    Evaluation expected = Evaluation.of("1997-09-30", "1998-06-30", cases);
    assertThat(result.out()).contains("Scored 2,357 customers as of 1997-09-30; holdout to 1998-06-30",
        String.format(Locale.ROOT, "churn risk %.4f   1 - P(alive) %.4f", expected.churnRisk().area(), expected.probabilityDead().area()));
    // The churn model ranks the holdout better than P(alive) alone, which calls every one-time buyer alive.
    assertThat(expected.churnRisk().area()).isGreaterThan(0.7).isGreaterThan(expected.probabilityDead().area());
    String page = Files.readString(html);
    assertThat(page.split("<svg", -1)).hasSize(3);
    assertThat(page).contains("<polyline", "<circle");
  }

  @Test
  void aMissingFileIsOneLine() {
    Result result = run("fit", "--cdnow", dir.resolve("nope.txt").toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("pulse: cannot read " + dir.resolve("nope.txt") + System.lineSeparator());
  }

  @Test
  void aSourceIsRequired() {
    Result result = run("evaluate", "--calibration-end", "1997-09-30");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("pulse: Error: Missing required argument (specify one of these): (--cdnow=FILE | --csv=FILE");
  }

  private static final String SMALL = "src/test/resources/churn/small_orders.csv";

  @Test
  void fitChurnPrintsTheLearnedModelOfASmallHistoryExactly() {
    Result result = run("fit", "churn", "--csv", SMALL, "--until", "2020-12-31", "--window", "60d", "--training-windows", "2",
        "--step", "30d");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains(
        "  training   cut-off 2020-09-02, window to 2020-11-01: 60 customers, 45 (75.0%) without a purchase",
        "  training   cut-off 2020-10-02, window to 2020-12-01: 60 customers, 44 (73.3%) without a purchase",
        "  validation cut-off 2020-11-01, window to 2020-12-31: 60 customers, 46 (76.7%) without a purchase",
        "       0.1                                 -0.31770               0.9565   <- chosen",
        "Not in this history (never varied), weight 0: complaints, unresolved, low_satisfaction, detractor, abandoned_carts,"
            + " refund_rate");
    assertThat(result.out().lines().filter(l -> l.startsWith("pulse.")).toList()).containsExactly(
        "pulse.churn.intercept=-0.739759",
        "pulse.churn.weights=p_dead:1.363275,inactivity:2.549851,engagement_drop:-0.643116,complaints:0.000000,"
            + "unresolved:0.000000,low_satisfaction:0.000000,detractor:0.000000,abandoned_carts:0.000000,refund_rate:0.000000,"
            + "quiet:0.673587,long_absence:-1.227330,few_purchases:0.866978,recent_purchases:-1.198668,tenure:3.377235,"
            + "spend:-1.190810",
        "pulse.churn.calibration=1.281887,-1.628993");
  }

  @Test
  void evaluateReportsTheModelAndEveryBaseline() {
    Result result = run("evaluate", "--csv", SMALL, "--calibration-end", "2020-11-01", "--holdout-end", "2020-12-31", "--html",
        dir.resolve("e.html").toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("  score                       ROC AUC    Brier  calibration error  no purchase in top tenth",
        "  churn risk ", "  1 - P(alive) ", "  recency ", "  frequency ", "  recency + frequency ranks ",
        "Churn risk against the best baseline (");
  }

  @Test
  void aFitAtTheBoundaryIsReportedAndPrintsNoSettings() throws Exception {
    // Everyone buys every week to the end: nothing in this history says that customers drop out.
    StringBuilder csv = new StringBuilder("customer_id,time,amount\n");
    for (int c = 0; c < 40; c++) {
      for (int day = c % 7; day < 364; day += 7 * (1 + c % 3)) {
        csv.append("k").append(c).append(',').append(java.time.LocalDate.of(2021, 1, 1).plusDays(day)).append(",10.00\n");
      }
    }
    Path file = dir.resolve("loyal.csv");
    Files.writeString(file, csv);
    Result result = run("fit", "--csv", file.toString());
    assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
    assertThat(result.out()).contains("BG/NBD fit is a boundary solution, not settings to use:",
        "the drop-out probability after a purchase is 0; the fit says nobody ever leaves",
        "Try --count-model mbg-nbd, a longer calibration period (--until) or another --time-unit; no BG/NBD settings are printed.");
    assertThat(result.out()).doesNotContain("pulse.clv.bgnbd=");
  }

  @Test
  void badChurnFitArgumentsAreOneLine() {
    Result model = run("fit", "banana", "--csv", SMALL);
    assertThat(model.exitCode()).isEqualTo(2);
    assertThat(model.err()).isEqualTo("pulse: MODEL must be clv or churn, got 'banana'" + System.lineSeparator());
    Result window = run("fit", "churn", "--csv", SMALL, "--window", "36h");
    assertThat(window.err()).isEqualTo("pulse: --window must be a positive number of whole days, got PT36H" + System.lineSeparator());
    Result counting = run("fit", "--csv", SMALL, "--count-model", "pareto");
    assertThat(counting.err()).isEqualTo("pulse: --count-model must be bg-nbd or mbg-nbd, got 'pareto'" + System.lineSeparator());
  }
}
