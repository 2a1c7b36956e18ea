package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import dev.customerpulse.engine.HistoryMode;
import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.job.JobLauncher;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.text.StringTokenizer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting from history on the real stack: `pulse import` of a CSV with the awkward parts (exact
 * duplicate rows, cancellation invoices, guest rows, several invoices of one customer on one day,
 * times in two zones, ids written as float text) into a job in history mode. Every customer's
 * orders, refunds, net spend, frequency and recency in Redis must equal what this test counts from
 * the file itself; no churn alert, date trigger or segment change may come out for the past;
 * importing the file again must change nothing; and when a live event moves event time to now, every
 * customer still held is announced once with exactly their segments, and the expired leave quietly.
 */
class HistoryImportIT extends OnTestStack {
  private static final long DAY = 86_400_000L;
  private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
  private static final String[] PRICES = {"0.85", "1.25", "2.55", "12.50", "3.39"};

  @TempDir
  Path folder;

  /** What the file says of one customer. */
  private record Expected(long orders, long refunds, long spendPence, Set<Long> purchaseDays) {}

  /** A history of 2024-2025: 40 customers, written in no particular order, with duplicates, cancellations and guests. */
  private static List<String> history() {
    Random random = new Random(20);
    List<String> rows = new ArrayList<>();
    int invoice = 500_000;
    for (int c = 0; c < 40; c++) {
      String id = (1_000 + c) + (c % 2 == 0 ? ".0" : "");
      // Half the customers' shop writes Central European time, the other half US Eastern.
      String zone = c % 3 == 0 ? "+01:00" : "-05:00";
      int invoices = 2 + random.nextInt(10);
      for (int i = 0; i < invoices; i++) {
        LocalDateTime at = LocalDateTime.of(2024, 1, 1, 0, 0).plusDays(random.nextInt(660)).plusMinutes(random.nextInt(1_440));
        int sameDay = random.nextInt(5) == 0 ? 2 : 1;
        for (int s = 0; s < sameDay; s++) {
          LocalDateTime time = at.plusMinutes(37L * s);
          String number = String.valueOf(++invoice);
          List<String> lines = new ArrayList<>();
          int count = 1 + random.nextInt(4);
          for (int l = 0; l < count; l++) {
            lines.add(row(number, "P" + random.nextInt(30), l == 0 ? "\"MUG, RED\"" : "ITEM " + l, 1 + random.nextInt(10),
                time + zone, PRICES[random.nextInt(PRICES.length)], id));
          }
          rows.addAll(lines);
          if (random.nextInt(8) == 0) {
            rows.add(lines.get(0));
          }
          if (random.nextInt(5) == 0) {
            String returned = lines.get(0);
            String[] f = StringTokenizer.getCSVInstance(returned).getTokenArray();
            rows.add(row("C" + (++invoice), f[1], "RETURN", -1, time.plusDays(3) + zone, f[5], id));
          }
        }
      }
    }
    for (int g = 0; g < 6; g++) {
      rows.add(row(String.valueOf(++invoice), "P1", "GUEST BUY", 2, "2025-02-0" + (g + 1) + "T10:00:00+01:00", "2.55", ""));
    }
    return rows;
  }

  private static String row(String invoice, String product, String description, int quantity, String time, String price,
      String customer) {
    return String.join(",", invoice, product, description, String.valueOf(quantity), time, price, customer, "Somewhere");
  }

  /** Per customer, from the file's rows alone: distinct rows per invoice, guests left out. */
  private static Map<String, Expected> expectations(List<String> rows) {
    Map<String, Set<String>> distinct = new LinkedHashMap<>();
    for (String row : rows) {
      distinct.computeIfAbsent(StringTokenizer.getCSVInstance(row).getTokenArray()[0], k -> new LinkedHashSet<>()).add(row);
    }
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, Set<Long>> days = new HashMap<>();
    distinct.forEach((number, own) -> {
      String[] first = StringTokenizer.getCSVInstance(own.iterator().next()).getTokenArray();
      if (first[6].isEmpty()) {
        return;
      }
      String customer = new BigDecimal(first[6]).toBigIntegerExact().toString();
      BigDecimal total = BigDecimal.ZERO;
      long time = Long.MAX_VALUE;
      for (String row : own) {
        String[] f = StringTokenizer.getCSVInstance(row).getTokenArray();
        total = total.add(new BigDecimal(f[5]).multiply(BigDecimal.valueOf(Long.parseLong(f[3]))));
        time = Math.min(time, OffsetDateTime.parse(f[4]).toInstant().toEpochMilli());
      }
      long[] s = sums.computeIfAbsent(customer, k -> new long[3]);
      s[number.startsWith("C") ? 1 : 0]++;
      s[2] += total.movePointRight(2).longValueExact();
      if (!number.startsWith("C")) {
        days.computeIfAbsent(customer, k -> new TreeSet<>()).add(Math.floorDiv(time, DAY));
      }
    });
    Map<String, Expected> out = new TreeMap<>();
    sums.forEach((c, s) -> out.put(c, new Expected(s[0], s[1], s[2], days.getOrDefault(c, Set.of()))));
    return out;
  }

  private String[] importArgs(Path file, String... extra) {
    List<String> args = new ArrayList<>(List.of("import", file.toString(), "--customer", "CustomerID", "--order", "InvoiceNo",
        "--time", "InvoiceDate", "--quantity", "Quantity", "--unit-price", "UnitPrice", "--product", "StockCode",
        "--currency", "GBP", "--cancellation-prefix", "C",
        "--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers(), "--registry-url", it.stack.registryUrl(),
        "--redis-url", it.stack.redisUrl(), "-D", "pulse.redis.key-prefix=" + it.redisPrefix,
        "-D", "pulse.topics.orders=" + it.topics.orders()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void anImportedHistoryMatchesTheFileInRedisSendsNothingForThePastAndCountsNothingTwice() throws Exception {
    List<String> rows = history();
    Path file = folder.resolve("orders.csv");
    Files.writeString(file, HEADER + "\n" + String.join("\n", rows) + "\n");
    Map<String, Expected> expected = expectations(rows);
    assertThat(expected).hasSize(40);
    assertThat(expected.values().stream().mapToLong(Expected::refunds).sum()).as("cancellations in the file").isGreaterThan(5);
    assertThat(rows.size() - rows.stream().distinct().count()).as("duplicate rows in the file").isGreaterThan(3);

    Configuration conf = it.jobConfiguration();
    conf.setString("pulse.events.source-idleness", "1s");
    // History ends after the last imported order and the markers; the live event later is far past it. (Ending it at
    // the job's start raced: timers fire at the watermark, max-out-of-orderness behind the live event, still before it.)
    conf.setString("pulse.history.until", "2025-11-02T00:00:00Z");
    // The second import arrives long after event time has passed the history: applied (and dropped as duplicates), not set aside as late.
    conf.setString("pulse.events.allowed-lateness", "1000d");
    JobClient job = JobLauncher.start(conf, "history-import-it");
    try {
      PulseCli.Result imported = PulseCli.run(importArgs(file));
      System.out.println(imported.out());
      assertThat(imported.exitCode()).as(imported.out() + imported.err()).isZero();
      assertThat(imported.out()).contains("no customer (guest row)").contains("exact duplicate rows skipped");
      Instant last = Instant.parse("2025-11-01T00:00:00Z");
      sendMarkers(last, "1");
      awaitAll(expected);
      Thread.sleep(3_000);
      Map<String, Map<String, String>> before = profiles(expected.keySet());
      for (var entry : expected.entrySet()) {
        assertProfile(entry.getKey(), entry.getValue(), before.get(entry.getKey()));
      }

      PulseCli.Result verified = PulseCli.run(importArgs(file, "--verify"));
      assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
      assertThat(verified.out()).contains("Verified 40 customers against Redis");

      PulseCli.Result again = PulseCli.run(importArgs(file));
      assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
      sendMarkers(last, "2");
      awaitMarkers("2");
      Thread.sleep(3_000);
      assertThat(profiles(expected.keySet())).as("the second import changed nothing").isEqualTo(before);

      assertThat(it.readRaw(it.topics.churnAlerts(), "read_committed")).as("churn alerts").isEmpty();
      assertThat(it.readRaw(it.topics.dateTriggers(), "read_committed")).as("date triggers").isEmpty();
      assertThat(it.redis().xlen(it.key("{alerts}:churn"))).as("the Redis churn alert stream").isZero();
      assertThat(it.readRaw(it.topics.segmentChanges(), "read_committed")).as("segment changes").isEmpty();
      assertThat(it.readRaw(it.topics.lateEvents(), "read_committed")).as("late events").isEmpty();

      goLive(new TreeSet<>(before.keySet()));
      it.stopWithSavepoint(job);
    } catch (Throwable e) {
      job.cancel();
      throw e;
    }
  }

  /**
   * A live order moves event time to now: every customer held is announced once, with ENTERED records
   * for exactly the segments Redis holds for them; a customer silent longer than the retention expires
   * without a record.
   */
  private void goLive(Set<String> customers) throws Exception {
    customers.addAll(List.of("marker-a", "marker-b", "marker-c", "marker-d"));
    it.sendAsync(it.topics.orders(), "live", OrderEvent.newBuilder().setEventId("live").setOrderId("live").setCustomerId("live")
        .setEventTime(Instant.now()).setStatus(OrderStatus.PAID).setLines(List.of()).setAmountMinor(100).setCurrency("GBP").build());
    it.flush();
    long deadline = System.currentTimeMillis() + 120_000;
    Map<String, List<SegmentChange>> announced = new TreeMap<>();
    Set<String> waiting = new TreeSet<>(customers);
    while (!waiting.isEmpty()) {
      announced.clear();
      for (var r : it.readCommitted(it.topics.segmentChanges(), SegmentChange.class)) {
        announced.computeIfAbsent(r.value().getCustomerId(), c -> new ArrayList<>()).add(r.value());
      }
      waiting.removeIf(c -> announced.containsKey(c) || it.redis().hgetAll(it.key("profile:{" + c + "}")).isEmpty());
      if (!waiting.isEmpty() && System.currentTimeMillis() > deadline) {
        throw new AssertionError("neither announced nor expired after going live: " + waiting);
      }
      Thread.sleep(500);
    }
    int expired = 0;
    for (String c : customers) {
      Map<String, String> profile = it.redis().hgetAll(it.key("profile:{" + c + "}"));
      if (profile.isEmpty()) {
        expired++;
        assertThat(announced).as("an expired customer leaves quietly").doesNotContainKey(c);
        continue;
      }
      List<SegmentChange> changes = announced.get(c);
      assertThat(changes).as(c).allSatisfy(change -> {
        assertThat(change.getChange()).isEqualTo(SegmentChangeType.ENTERED);
        assertThat(change.getReason()).isEqualTo(HistoryMode.ANNOUNCED);
      });
      assertThat(changes).extracting(SegmentChange::getSegment).as(c)
          .containsExactlyElementsOf(List.of(profile.get("segments").split(",")));
    }
    System.out.printf("HistoryImportIT: %d customers announced when going live, %d expired%n", customers.size() - expired, expired);
  }

  private void assertProfile(String customer, Expected e, Map<String, String> profile) {
    String who = customer + " " + profile;
    long today = Math.floorDiv(Long.parseLong(profile.get("scored_at")), DAY);
    long lastDay = e.purchaseDays().stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(profile).as(who)
        .containsEntry("orders", String.valueOf(e.orders()))
        .containsEntry("refunds", String.valueOf(e.refunds()))
        .containsEntry("spend_minor", String.valueOf(e.spendPence()))
        .containsEntry("monetary_minor", String.valueOf(e.spendPence()))
        .containsEntry("frequency", String.valueOf(e.purchaseDays().size()))
        .containsEntry("recency_days", String.valueOf(today - lastDay));
    assertThat(profile.get("segments")).as("segments are built as usual: " + who).isNotEmpty();
  }

  /** One marker order per partition of the orders topic, at the end of the history: when both are in Redis, what came before is too. */
  private void sendMarkers(Instant time, String round) {
    for (String marker : List.of("marker-a", "marker-b", "marker-c", "marker-d")) {
      it.sendAsync(it.topics.orders(), marker, OrderEvent.newBuilder().setEventId(marker + "/" + round).setOrderId(marker + round)
          .setCustomerId(marker).setEventTime(time).setStatus(OrderStatus.PAID).setLines(List.of()).setAmountMinor(100)
          .setCurrency("GBP").build());
    }
    it.flush();
  }

  private void awaitMarkers(String round) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    for (String marker : List.of("marker-a", "marker-b", "marker-c", "marker-d")) {
      while (!round.equals(it.redis().hget(it.key("profile:{" + marker + "}"), "orders"))) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError(marker + " never reached " + round + " orders in Redis");
        }
        Thread.sleep(250);
      }
    }
  }

  private void awaitAll(Map<String, Expected> expected) throws InterruptedException {
    awaitMarkers("1");
    long deadline = System.currentTimeMillis() + 120_000;
    List<String> missing = new ArrayList<>(expected.keySet());
    while (!missing.isEmpty()) {
      missing.removeIf(c -> String.valueOf(expected.get(c).orders() + "/" + expected.get(c).refunds()).equals(
          String.join("/", it.redis().hmget(it.key("profile:{" + c + "}"), "orders", "refunds").stream()
              .map(String::valueOf).toList())));
      if (!missing.isEmpty() && System.currentTimeMillis() > deadline) {
        throw new AssertionError(missing.size() + " customers never showed their orders, e.g. " + missing.get(0) + " "
            + it.redis().hgetAll(it.key("profile:{" + missing.get(0) + "}")));
      }
      Thread.sleep(250);
    }
  }

  private Map<String, Map<String, String>> profiles(Set<String> customers) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (String c : customers) {
      out.put(c, it.redis().hgetAll(it.key("profile:{" + c + "}")));
    }
    return out;
  }
}
