package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.cli.Pulse;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.text.StringTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/churn.md on the shared Online Retail history: paid lines summed per
 * invoice (guests and cancellations left out), {@code pulse fit churn} up to 2011-08-31, {@code pulse
 * evaluate} on the 100 days after. Holds the figures the document quotes.
 */
class ChurnOnlineRetailIT {
  @TempDir Path dir;

  private record Order(String customer, String time, BigDecimal amount) {}

  /** One line per invoice, as the document's script writes it: customer, time as written, amount in pounds. */
  private Path orders() throws Exception {
    Path file = SharedDatasets.file("online-retail/online_retail.csv.gz");
    Map<String, Order> invoices = new LinkedHashMap<>();
    int lines = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      in.readLine();
      String row;
      while ((row = in.readLine()) != null) {
        String[] f = StringTokenizer.getCSVInstance(row).getTokenArray();
        int quantity = Integer.parseInt(f[3]);
        BigDecimal price = new BigDecimal(f[5]);
        if (f[0].startsWith("C") || f[6].isEmpty() || quantity <= 0 || price.signum() <= 0) {
          continue;
        }
        lines++;
        String customer = new BigDecimal(f[6]).toBigIntegerExact().toString();
        BigDecimal value = price.multiply(BigDecimal.valueOf(quantity));
        invoices.merge(f[0], new Order(customer, f[4], value), (a, b) -> new Order(a.customer(), a.time(), a.amount().add(b.amount())));
      }
    }
    assertThat(lines).isEqualTo(397_884);
    assertThat(invoices).hasSize(18_532);
    List<Order> sorted = new ArrayList<>(invoices.values());
    sorted.sort(Comparator.comparing(Order::time));
    StringBuilder csv = new StringBuilder("customer_id,time,amount\n");
    for (Order o : sorted) {
      csv.append(o.customer()).append(',').append(o.time()).append(',')
          .append(o.amount().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString()).append('\n');
    }
    Path out = dir.resolve("orders.csv");
    Files.writeString(out, csv);
    return out;
  }

  private static String cli(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      assertThat(Pulse.commandLine().execute(args)).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theLearnedModelOfTheWorkedExample() throws Exception {
    Path orders = orders();
    String fit = cli("fit", "churn", "--csv", orders.toString(), "--until", "2011-08-31", "--window", "100d");
    assertThat(fit).contains(
        "  validation cut-off 2011-05-23, window to 2011-08-31: 2,669 customers, 1,281 (48.0%) without a purchase",
        "      0.01                                 -0.57605               0.7615   <- chosen",
        "Platt calibration on the validation window: slope 1.018812, offset 0.240853");
    List<String> settings = fit.lines().filter(l -> l.startsWith("pulse.")).toList();
    assertThat(settings).contains("pulse.churn.intercept=-1.170247", "pulse.churn.calibration=1.018812,0.240853");

    List<String> args = new ArrayList<>(List.of("evaluate", "--csv", orders.toString(), "--calibration-end", "2011-08-31",
        "--holdout-end", "2011-12-09", "--html", dir.resolve("e.html").toString()));
    for (String line : settings) {
      args.add("-D");
      args.add(line);
    }
    String learned = cli(args.toArray(String[]::new));
    assertThat(learned).contains(
        "Scored 3,317 customers as of 2011-08-31; holdout to 2011-12-09: 1,365 (41.2%) made no purchase in it",
        "  churn risk                   0.7381   0.2129             0.0971                    0.6386",
        "  1 - P(alive)                 0.3843   0.3621             0.2748                    0.4488",
        "  recency                      0.6850        -                  -                    0.6416",
        "  frequency                    0.7219        -                  -                    0.5211",
        "  recency + frequency ranks    0.7326        -                  -                    0.6657",
        "Churn risk against the best baseline (recency + frequency ranks): +0.0055 ROC AUC");

    String defaults = cli("evaluate", "--csv", orders.toString(), "--calibration-end", "2011-08-31", "--holdout-end", "2011-12-09",
        "--html", dir.resolve("d.html").toString());
    assertThat(defaults).contains("  churn risk                   0.7294   0.2601             0.2303                    0.6446");
  }
}
