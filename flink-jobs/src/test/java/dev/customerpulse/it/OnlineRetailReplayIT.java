package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.job.JobLauncher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A year of a real shop's invoices (UCI Online Retail) through Kafka into the running job, with
 * real times of day, cancellations, guest checkouts and producer retries. Every customer's counts,
 * net spend, purchase days, recency and 30/90-day sums in Redis must equal what this test computes
 * from the raw file; every guest invoice must be a dead letter with its reason; and after it all the
 * job must still process events and complete checkpoints (a year of daily rescoring timers is what
 * found a timer livelock).
 *
 * <p>CI replays every customer whose id is a multiple of {@value #CUSTOMER_MODULUS} over the whole
 * year, and every guest invoice; {@code -Dpulse.it.full-datasets=true} replays all 25,900 invoices.
 */
class OnlineRetailReplayIT extends OnTestStack {
  private static final long DAY = 86_400_000L;
  static final int CUSTOMER_MODULUS = 10;
  /** Invoices whose number is a multiple of this are sent twice, as a producer retry would. */
  private static final int RETRY_MODULUS = 5;
  private static final String MARKER = "marker-after-the-replay";

  /** What the job must show for one customer, from their invoices in the raw file. */
  private record Expected(int paid, int refunds, long spendPence, long firstSeen, long lastSeen, List<long[]> paidDayAndPence) {}

  @Test
  void everyCustomerInRedisMatchesTheRawInvoicesAndGuestsAreDeadLetters() throws Exception {
    OnlineRetail.Contents file = OnlineRetail.read(SharedDatasets.file("online-retail/online_retail.csv.gz"));
    // The data set's published facts: this is the whole file, read right.
    assertThat(file.rows()).isEqualTo(541_909);
    assertThat(file.invoices()).hasSize(25_900);
    assertThat(file.invoices().stream().filter(i -> !i.guest()).map(OnlineRetail.Invoice::customer).distinct()).hasSize(4_372);
    assertThat(file.invoices().stream().mapToInt(OnlineRetail.Invoice::duplicateRows).sum()).isEqualTo(5_268);

    boolean full = SharedDatasets.full();
    List<OnlineRetail.Invoice> replayed = file.invoices().stream()
        .filter(i -> full || i.guest() || Long.parseLong(i.customer()) % CUSTOMER_MODULUS == 0).toList();
    Map<String, Expected> expected = expectations(replayed);
    Map<String, String> expectedReasons = new TreeMap<>();
    replayed.stream().filter(OnlineRetail.Invoice::guest).forEach(i -> expectedReasons.put(i.number(), guestReason(i)));

    Configuration conf = it.jobConfiguration();
    // Clicks, service calls and identities stay empty: idle sources must not hold event time back.
    conf.setString("pulse.events.source-idleness", "1s");
    JobClient job = JobLauncher.start(conf, "online-retail-replay-it");
    long started = System.currentTimeMillis();
    try {
      Function<OrderEvent, byte[]> serializer = it.serializer(it.topics.orders(), OrderEvent.class);
      int retries = 0;
      for (OnlineRetail.Invoice invoice : replayed) {
        byte[] value = serializer.apply(OnlineRetailOrders.toOrder(invoice));
        it.sendRawAsync(it.topics.orders(), invoice.customer(), value);
        if (!invoice.guest() && invoice.numeric() % RETRY_MODULUS == 0) {
          it.sendRawAsync(it.topics.orders(), invoice.customer(), value);
          retries++;
        }
      }
      it.flush();
      assertThat(retries).as("retried invoices").isGreaterThan(full ? 3_000 : 300);

      awaitAllOrders(expected, full ? 900_000 : 180_000);
      System.out.printf("OnlineRetailReplayIT: every invoice in Redis after %d s, last completed checkpoint %d%n",
          (System.currentTimeMillis() - started) / 1000, JobLiveness.lastCheckpoint(it.checkpoints));
      Instant last = replayed.get(replayed.size() - 1).time();
      JobLiveness.assertProcessesAndCheckpoints(it, () -> {
        it.sendAsync(it.topics.orders(), MARKER, OrderEvent.newBuilder().setEventId("marker").setOrderId("marker")
            .setCustomerId(MARKER).setEventTime(last).setStatus(OrderStatus.PAID).setLines(List.of()).setAmountMinor(100)
            .setCurrency("GBP").build());
        it.flush();
      }, MARKER, "orders", "1");
      it.stopWithSavepoint(job);
    } catch (Throwable e) {
      job.cancel();
      throw e;
    }
    System.out.printf("OnlineRetailReplayIT: %d invoices of %d customers through the job in %d s%n", replayed.size(),
        expected.size(), (System.currentTimeMillis() - started) / 1000);

    assertThat(it.redis().keys(it.key("profile:*"))).as("a profile per customer and the marker").hasSize(expected.size() + 1);
    for (var entry : expected.entrySet()) {
      assertProfile(entry.getKey(), entry.getValue(), it.redis().hgetAll(it.key("profile:{" + entry.getKey() + "}")));
    }
    assertDeadLetters(expectedReasons);
    assertThat(it.readRaw(it.topics.lateEvents(), "read_committed")).as("late events").isEmpty();
  }

  private void assertProfile(String customer, Expected e, Map<String, String> profile) {
    String who = customer + " " + profile;
    assertThat(profile).as(who).isNotEmpty();
    long scoredAt = Long.parseLong(profile.get("scored_at"));
    long today = Math.floorDiv(scoredAt, DAY);
    long orders30 = 0;
    long orders90 = 0;
    long spend30 = 0;
    long spend90 = 0;
    Set<Long> purchaseDays = new HashSet<>();
    long lastPurchaseDay = Long.MIN_VALUE;
    for (long[] dayAndPence : e.paidDayAndPence()) {
      long age = today - dayAndPence[0];
      purchaseDays.add(dayAndPence[0]);
      lastPurchaseDay = Math.max(lastPurchaseDay, dayAndPence[0]);
      if (age >= 0 && age < 30) {
        orders30++;
        spend30 += dayAndPence[1];
      }
      if (age >= 0 && age < 90) {
        orders90++;
        spend90 += dayAndPence[1];
      }
    }
    assertThat(scoredAt).as(who).isGreaterThanOrEqualTo(e.lastSeen());
    assertThat(profile).as(who)
        .containsEntry("orders", String.valueOf(e.paid()))
        .containsEntry("refunds", String.valueOf(e.refunds()))
        .containsEntry("cancellations", "0")
        .containsEntry("orders_placed", "0")
        .containsEntry("spend_minor", String.valueOf(e.spendPence()))
        .containsEntry("monetary_minor", String.valueOf(e.spendPence()))
        .containsEntry("currency", "GBP")
        .containsEntry("first_seen", String.valueOf(e.firstSeen()))
        .containsEntry("last_seen", String.valueOf(e.lastSeen()))
        .containsEntry("frequency", String.valueOf(purchaseDays.size()))
        .containsEntry("recency_days", e.paid() == 0 ? "" : String.valueOf(today - lastPurchaseDay))
        .containsEntry("orders_30d", String.valueOf(orders30))
        .containsEntry("orders_90d", String.valueOf(orders90))
        .containsEntry("spend_30d_minor", String.valueOf(spend30))
        .containsEntry("spend_90d_minor", String.valueOf(spend90))
        // An order-only shop: every funnel step is implied by the paid orders.
        .containsEntry("funnel_product_views_90d", String.valueOf(orders90))
        .containsEntry("funnel_checkouts_90d", String.valueOf(orders90))
        .containsEntry("funnel_orders_90d", String.valueOf(orders90))
        .containsEntry("conversion_rate_90d", orders90 > 0 ? "1.0000" : "0.0000")
        .containsEntry("purchase_rate_90d", orders90 > 0 ? "1.0000" : "0.0000");
  }

  /** Each guest invoice's original record is a dead letter, for the reason this test expects of it. */
  private void assertDeadLetters(Map<String, String> expectedReasons) throws Exception {
    ConfluentAvroDecoder<OrderEvent> orders = new ConfluentAvroDecoder<>(OrderEvent.class, it.registry);
    Map<String, String> reasons = new TreeMap<>();
    for (ConsumerRecord<byte[], DeadLetter> r : it.readCommitted(it.topics.deadLetters(), DeadLetter.class)) {
      DeadLetter letter = r.value();
      OrderEvent original = orders.decode(letter.getValue().array());
      assertThat(letter.getSourceTopic()).isEqualTo(it.topics.orders());
      assertThat(reasons.put(original.getOrderId(), letter.getReason())).as("dead letters of " + original.getOrderId()).isNull();
    }
    assertThat(reasons).isEqualTo(expectedReasons);
    Map<String, Integer> perReason = new TreeMap<>();
    reasons.values().forEach(reason -> perReason.merge(reason, 1, Integer::sum));
    // The whole file's guest invoices: 2,371 orders without a customer, 1,336 stock write-offs (one line, a negative
    // quantity, price 0), one invoice of 1,114 lines and two bad-debt adjustments with a negative price.
    assertThat(perReason).isEqualTo(Map.of("MISSING_CUSTOMER_KEY", 2_371, "INVALID_VALUE", 1_337, "INVALID_AMOUNT", 2));
  }

  /**
   * The reason the validation rules (docs/kafka.md, dead-letter reasons) give a guest invoice. Each breaks at most one rule, so
   * the answer does not depend on the order of the checks; one that breaks none lacks its customer.
   */
  private static String guestReason(OnlineRetail.Invoice invoice) {
    List<String> broken = new ArrayList<>();
    if (invoice.lines().size() > 1_000) {
      broken.add("INVALID_VALUE");
    }
    if (!invoice.cancellation() && invoice.lines().stream().anyMatch(l -> l.quantity() < 0)) {
      broken.add("INVALID_VALUE");
    }
    if (invoice.lines().stream().anyMatch(l -> l.unitPrice().signum() < 0)
        || (!invoice.cancellation() && invoice.totalPence() < 0)) {
      broken.add("INVALID_AMOUNT");
    }
    assertThat(broken).as("rules broken by guest invoice %s", invoice.number()).hasSizeLessThanOrEqualTo(1);
    return broken.isEmpty() ? "MISSING_CUSTOMER_KEY" : broken.get(0);
  }

  /** Per customer, from the raw invoices (a retry is the same invoice: it is not in this list twice). */
  private static Map<String, Expected> expectations(List<OnlineRetail.Invoice> invoices) {
    Map<String, List<OnlineRetail.Invoice>> byCustomer = new TreeMap<>();
    for (OnlineRetail.Invoice invoice : invoices) {
      if (!invoice.guest()) {
        assertThat(invoice.adjustment()).as("a customer's adjustment " + invoice.number()).isFalse();
        assertThat(invoice.lines()).as("lines of " + invoice.number()).hasSizeLessThanOrEqualTo(1_000)
            .allMatch(l -> l.unitPrice().signum() >= 0 && (invoice.cancellation() ? l.quantity() <= 0 : l.quantity() >= 0));
        byCustomer.computeIfAbsent(invoice.customer(), c -> new ArrayList<>()).add(invoice);
      }
    }
    Map<String, Expected> out = new TreeMap<>();
    byCustomer.forEach((customer, own) -> {
      int paid = 0;
      int refunds = 0;
      long spend = 0;
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      List<long[]> days = new ArrayList<>();
      for (OnlineRetail.Invoice invoice : own) {
        long time = invoice.time().toEpochMilli();
        first = Math.min(first, time);
        last = Math.max(last, time);
        spend += invoice.totalPence();
        if (invoice.cancellation()) {
          refunds++;
        } else {
          paid++;
          days.add(new long[] {Math.floorDiv(time, DAY), invoice.totalPence()});
        }
      }
      out.put(customer, new Expected(paid, refunds, spend, first, last, days));
    });
    return out;
  }

  private void awaitAllOrders(Map<String, Expected> expected, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    List<String> missing = new ArrayList<>(expected.keySet());
    while (!missing.isEmpty()) {
      missing.removeIf(c -> {
        List<String> counts = it.redis().hmget(it.key("profile:{" + c + "}"), "orders", "refunds");
        return String.valueOf(expected.get(c).paid()).equals(counts.get(0))
            && String.valueOf(expected.get(c).refunds()).equals(counts.get(1));
      });
      if (!missing.isEmpty() && System.currentTimeMillis() > deadline) {
        throw new AssertionError("the job stopped processing: " + missing.size() + " of " + expected.size()
            + " customers never showed all their invoices in Redis within " + timeoutMillis / 1000 + " s, e.g. "
            + missing.get(0) + " " + it.redis().hgetAll(it.key("profile:{" + missing.get(0) + "}"))
            + "; last completed checkpoint " + JobLiveness.lastCheckpoint(it.checkpoints) + JobLiveness.busyJobThreads());
      }
      Thread.sleep(500);
    }
  }
}
