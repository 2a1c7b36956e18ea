package dev.customerpulse.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.cli.Pulse;
import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.scoring.fit.OrderHistoryCsv;
import dev.customerpulse.scoring.fit.Transaction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The churn model that {@code pulse fit churn} prints, taken by the job as {@code pulse run} takes its
 * settings, scores every customer in the real profile operator (RocksDB, timers) exactly as {@code pulse
 * evaluate --scores} reports for the same cut-off.
 */
class LearnedChurnPipelineTest {
  private static final Path ORDERS = Path.of("src/test/resources/churn/small_orders.csv");
  private static final long DAY = 86_400_000L;
  @TempDir Path dir;

  private static String cli(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      int code = Pulse.commandLine().execute(args);
      assertThat(code).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theFittedModelScoresInTheOperatorAsEvaluateReports() throws Exception {
    String fit = cli("fit", "churn", "--csv", ORDERS.toString(), "--until", "2020-12-31", "--window", "60d",
        "--training-windows", "2", "--step", "30d");
    List<String> settings = fit.lines().filter(l -> l.startsWith("pulse.")).toList();
    assertThat(settings).hasSize(3);

    // pulse run: the connection settings it needs, and the printed lines as -D options.
    Configuration conf = new Configuration();
    conf.setString("pulse.kafka.bootstrap-servers", "k1:9092");
    conf.setString("pulse.registry.url", "http://registry:8081/");
    conf.setString("pulse.redis.url", "redis://cache:6380/1");
    conf.setString("pulse.privacy.pseudonymisation-secret", "a-secret-of-sixteen-bytes");
    List<String> options = new ArrayList<>();
    for (String line : settings) {
      String[] kv = line.split("=", 2);
      conf.setString(kv[0], kv[1]);
      options.add("-D");
      options.add(line);
    }
    ProfileLogic logic = PulseSettings.from(conf).logic().profile();

    Path scores = dir.resolve("scores.csv");
    List<String> evaluate = new ArrayList<>(List.of("evaluate", "--csv", ORDERS.toString(), "--calibration-end", "2020-11-01",
        "--holdout-end", "2020-12-31", "--html", dir.resolve("e.html").toString(), "--scores", scores.toString()));
    evaluate.addAll(options);
    String report = cli(evaluate.toArray(String[]::new));
    assertThat(report).contains("Model version " + logic.scorer().modelVersion());
    Map<String, Double> reported = new HashMap<>();
    for (String line : Files.readAllLines(scores).subList(1, Files.readAllLines(scores).size())) {
      String[] f = line.split(",");
      reported.put(f[0], Double.parseDouble(f[1]));
    }
    assertThat(reported).hasSize(60);

    long cutOff = java.time.LocalDate.parse("2020-11-01").toEpochDay() * DAY;
    List<Transaction> purchases = new ArrayList<>(OrderHistoryCsv.readCsv(ORDERS, "customer_id", "time", "amount"));
    purchases.sort(Comparator.comparingLong(Transaction::timeMillis));
    var harness = ProfileHarness.create(logic);
    harness.open();
    try {
      int sequence = 0;
      for (Transaction t : purchases) {
        if (t.timeMillis() < cutOff + DAY) {
          CustomerEvent paid = new CustomerEvent(t.customerId(), "order-" + sequence++, EventKind.ORDER_PAID, t.timeMillis(),
              t.timeMillis(), t.amountMinor(), "XXX");
          harness.processElement(paid, paid.eventTime);
        }
      }
      harness.processWatermark(cutOff);
      Map<String, Scores> live = new HashMap<>();
      for (ProfileUpdate update : harness.extractOutputValues()) {
        live.put(update.customerId, update.scores(logic.scorer()));
      }
      assertThat(live.keySet()).isEqualTo(reported.keySet());
      for (Map.Entry<String, Double> r : reported.entrySet()) {
        Scores s = live.get(r.getKey());
        assertThat(s.scoredAt).as(r.getKey()).isEqualTo(cutOff);
        assertThat(s.modelVersion).isEqualTo(logic.scorer().modelVersion());
        assertThat(s.churnRisk).as("churn risk of %s", r.getKey()).isEqualTo(r.getValue());
      }
    } finally {
      harness.close();
    }
  }
}
