package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.job.JobLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * The CDNOW calibration purchases through Kafka into the running job; the lifetime-value scores
 * read back from Redis must equal the BG/NBD and Gamma-Gamma closed forms, computed here on their
 * own from the raw transactions (not with the production classes).
 */
class CdnowReplayIT extends OnTestStack {
  private static final long DAY = 86_400_000L;
  private static final double WEEK_DAYS = 7;
  // The published (rounded) parameters, given to the job as configuration.
  private static final double R = 0.243;
  private static final double ALPHA = 4.414;
  private static final double A = 0.793;
  private static final double B = 2.426;
  private static final double P = 6.25;
  private static final double Q = 3.74;
  private static final double V = 15.44;
  private static final double HORIZON_WEEKS = 39;
  private static final LocalDate LAST_CALIBRATION_DAY = LocalDate.of(1997, 9, 30);

  private record Purchase(String customer, long day, long cents) {}


  @Test
  void lifetimeValueScoresInRedisMatchTheClosedForms() throws Exception {
    List<Purchase> purchases = calibrationPurchases();
    Configuration conf = it.jobConfiguration();
    conf.setString("pulse.clv.bgnbd", R + "," + ALPHA + "," + A + "," + B);
    conf.setString("pulse.clv.gamma-gamma", P + "," + Q + "," + V);
    conf.setString("pulse.clv.time-unit", "7d");
    conf.setString("pulse.clv.horizon", (long) (HORIZON_WEEKS * WEEK_DAYS) + "d");
    // Clicks and service calls stay empty: idle sources must not hold event time back for long.
    conf.setString("pulse.events.source-idleness", "1s");
    JobClient job = JobLauncher.start(conf, "cdnow-replay-it");

    int sequence = 0;
    for (Purchase p : purchases) {
      it.sendAsync(it.topics.orders(), p.customer(), OrderEvent.newBuilder().setEventId("cdnow-" + sequence)
          .setOrderId("order-" + sequence++).setCustomerId(p.customer()).setEventTime(Instant.ofEpochMilli(p.day() * DAY))
          .setStatus(OrderStatus.PAID).setLines(List.of()).setAmountMinor(p.cents()).setCurrency("USD").build());
    }
    it.flush();

    Map<String, List<Purchase>> byCustomer = new TreeMap<>();
    purchases.forEach(p -> byCustomer.computeIfAbsent(p.customer(), c -> new ArrayList<>()).add(p));
    awaitOrders(byCustomer);
    // Then event time moves on to the end of the calibration period and silent customers are rescored by their timers.
    awaitScoredSince(byCustomer.keySet(), (LAST_CALIBRATION_DAY.toEpochDay() - 2) * DAY);
    // After nine months of daily rescoring timers the job must still take events and complete checkpoints.
    long lastDay = purchases.get(purchases.size() - 1).day();
    JobLiveness.assertProcessesAndCheckpoints(it, () -> {
      it.sendAsync(it.topics.orders(), "marker", OrderEvent.newBuilder().setEventId("marker").setOrderId("marker")
          .setCustomerId("marker").setEventTime(Instant.ofEpochMilli(lastDay * DAY)).setStatus(OrderStatus.PAID)
          .setLines(List.of()).setAmountMinor(100).setCurrency("USD").build());
      it.flush();
    }, "marker", "orders", "1");
    it.stopWithSavepoint(job);

    assertThat(byCustomer).hasSize(2_357);
    int repeatBuyers = 0;
    int agePastRecency = 0;
    for (var entry : byCustomer.entrySet()) {
      Map<String, String> profile = it.redis().hgetAll(it.key("profile:{" + entry.getKey() + "}"));
      String who = entry.getKey() + " " + profile;
      long scoredDay = Math.floorDiv(Long.parseLong(profile.get("scored_at")), DAY);

      TreeSet<Long> days = new TreeSet<>();
      long total = 0;
      long firstDayCents = 0;
      for (Purchase p : entry.getValue()) {
        days.add(p.day());
        total += p.cents();
      }
      for (Purchase p : entry.getValue()) {
        firstDayCents += p.day() == days.first() ? p.cents() : 0;
      }
      int x = days.size() - 1;
      double tx = (days.last() - days.first()) / WEEK_DAYS;
      double t = (scoredDay - days.first()) / WEEK_DAYS;
      double meanRepeat = x == 0 ? 0 : (total - firstDayCents) / 100.0 / x;
      repeatBuyers += x > 0 ? 1 : 0;

      // Scored as of the end of the calibration period, not at the last purchase: age runs past recency.
      assertThat(scoredDay).as(who).isGreaterThanOrEqualTo(LAST_CALIBRATION_DAY.toEpochDay() - 2);
      assertThat(t).as(who).isGreaterThanOrEqualTo(tx);
      agePastRecency += t > tx ? 1 : 0;
      assertThat(Double.parseDouble(profile.get("p_alive"))).as("P(alive) of %s", who)
          .isCloseTo(probabilityAlive(x, tx, t), within(0.00005 + 1e-12));
      double expected = expectedPurchases(HORIZON_WEEKS, x, tx, t);
      assertThat(Double.parseDouble(profile.get("expected_purchases"))).as("expected purchases of %s", who)
          .isCloseTo(expected, within(0.00005 + 1e-12));
      double spendCents = expectedSpend(x, meanRepeat) * 100;
      assertThat(Double.parseDouble(profile.get("expected_avg_spend_minor"))).as("expected spend of %s", who)
          .isCloseTo(spendCents, within(0.5 + 1e-9));
      assertThat(Double.parseDouble(profile.get("clv_minor"))).as("CLV of %s", who)
          .isCloseTo(expected * spendCents, within(0.5 + 1e-9));
    }
    assertThat(repeatBuyers).isEqualTo(946);
    assertThat(agePastRecency).isGreaterThan(2_000);
  }

  private void awaitOrders(Map<String, List<Purchase>> byCustomer) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    List<String> missing = new ArrayList<>(byCustomer.keySet());
    while (!missing.isEmpty()) {
      missing.removeIf(c -> String.valueOf(byCustomer.get(c).size()).equals(it.redis().hget(it.key("profile:{" + c + "}"), "orders")));
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(missing.size() + " customers never showed all their orders in Redis, e.g. " + missing.get(0));
      }
      Thread.sleep(200);
    }
  }

  private void awaitScoredSince(java.util.Set<String> customers, long since) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    List<String> behind = new ArrayList<>(customers);
    while (!behind.isEmpty()) {
      behind.removeIf(c -> Long.parseLong(it.redis().hget(it.key("profile:{" + c + "}"), "scored_at")) >= since);
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(behind.size() + " customers were never rescored as event time passed, e.g. " + behind.get(0));
      }
      Thread.sleep(200);
    }
  }

  /** The sample's purchases up to the end of the calibration period, in time order. */
  private static List<Purchase> calibrationPurchases() throws Exception {
    DateTimeFormatter compact = DateTimeFormatter.ofPattern("yyyyMMdd");
    long lastDay = LAST_CALIBRATION_DAY.toEpochDay();
    List<Purchase> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/cdnow/CDNOW_sample.txt"))) {
      String[] f = line.trim().split("\\s+");
      long day = LocalDate.parse(f[2], compact).atStartOfDay(ZoneOffset.UTC).toLocalDate().toEpochDay();
      if (day <= lastDay) {
        out.add(new Purchase(f[0], day, Math.round(Double.parseDouble(f[4]) * 100)));
      }
    }
    out.sort(Comparator.comparingLong(Purchase::day));
    return out;
  }

  // The closed forms, written out here on their own (Fader, Hardie and Lee 2005; Fader and Hardie 2013).

  private static double probabilityAlive(int x, double tx, double t) {
    if (x == 0) {
      return 1;
    }
    return 1 / (1 + A / (B + x - 1) * Math.pow((ALPHA + t) / (ALPHA + tx), R + x));
  }

  private static double expectedPurchases(double horizon, int x, double tx, double t) {
    double hyper = gaussHypergeometric(R + x, B + x, A + B + x - 1, horizon / (ALPHA + t + horizon));
    double numerator = (A + B + x - 1) / (A - 1) * (1 - Math.pow((ALPHA + t) / (ALPHA + t + horizon), R + x) * hyper);
    double denominator = 1 + (x > 0 ? A / (B + x - 1) * Math.pow((ALPHA + t) / (ALPHA + tx), R + x) : 0);
    return numerator / denominator;
  }

  /** 2F1(a, b; c; z) by its power series, term by term until the terms vanish (|z| < 1 here). */
  private static double gaussHypergeometric(double a, double b, double c, double z) {
    double sum = 1;
    double term = 1;
    for (int k = 0; k < 100_000; k++) {
      term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
        return sum;
      }
    }
    throw new AssertionError("series did not converge");
  }

  /** Gamma-Gamma: a weighted mean of the population mean p v / (q - 1) and the customer's own mean. */
  private static double expectedSpend(int x, double meanRepeat) {
    double populationWeight = (Q - 1) / (P * x + Q - 1);
    return populationWeight * P * V / (Q - 1) + (1 - populationWeight) * meanRepeat;
  }
}
