package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.job.JobLauncher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * A real shop's clickstream (REES46 sample: views, cart adds and purchases of 4,504 users, never a
 * checkout) through Kafka into the running job. Every user's product views, cart adds, orders,
 * spend, sessions and funnel in Redis must equal what this test computes from the raw rows, with the
 * exact duplicate rows counted once; then the job must still process events and complete
 * checkpoints. The whole sample runs in CI (it is small).
 */
class Rees46ReplayIT extends OnTestStack {
  private static final long SESSION_GAP_MILLIS = 30 * 60_000L;
  private static final String MARKER = "marker-after-the-replay";

  /** What the job must show for one user, from their distinct rows. */
  private static final class Expected {
    long views;
    long cartAdds;
    long orders;
    long spendCents;
    long sessions;
    long lastClick = Long.MIN_VALUE;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
  }

  @Test
  void everyUsersClicksOrdersSessionsAndFunnelInRedisMatchTheRawRows() throws Exception {
    List<Rees46Clickstream.Row> rows = Rees46Clickstream.read(SharedDatasets.file("rees46-oct2019-sample/events.csv"));
    List<Rees46Clickstream.Row> distinct = rows.stream().distinct().toList();
    // The sample's published facts.
    assertThat(rows).hasSize(17_434);
    assertThat(rows.size() - distinct.size()).as("exact duplicate rows").isEqualTo(5);
    assertThat(rows.stream().filter(r -> r.type().equals("view"))).hasSize(17_055);
    assertThat(rows.stream().filter(r -> r.type().equals("cart"))).hasSize(165);
    assertThat(rows.stream().filter(r -> r.type().equals("purchase"))).hasSize(214);
    Map<String, Expected> expected = expectations(distinct);
    assertThat(expected).hasSize(4_504);

    Configuration conf = it.jobConfiguration();
    conf.setString("pulse.events.source-idleness", "1s");
    JobClient job = JobLauncher.start(conf, "rees46-replay-it");
    long started = System.currentTimeMillis();
    try {
      Function<ClickEvent, byte[]> clicks = it.serializer(it.topics.clicks(), ClickEvent.class);
      Function<OrderEvent, byte[]> orders = it.serializer(it.topics.orders(), OrderEvent.class);
      // Every row as it is in the file: a duplicate row is sent again with the same (derived) event id.
      for (Rees46Clickstream.Row row : rows) {
        if (row.type().equals("purchase")) {
          it.sendRawAsync(it.topics.orders(), row.user(), orders.apply(Rees46Clickstream.order(row)));
        } else {
          it.sendRawAsync(it.topics.clicks(), row.user(), clicks.apply(Rees46Clickstream.click(row)));
        }
      }
      it.flush();
      awaitAll(expected);
      Instant last = rows.get(rows.size() - 1).time();
      JobLiveness.assertProcessesAndCheckpoints(it, () -> {
        it.sendAsync(it.topics.clicks(), MARKER, ClickEvent.newBuilder().setEventId("marker").setCustomerId(MARKER)
            .setEventTime(last).setType(ClickType.PRODUCT_VIEW).build());
        it.flush();
      }, MARKER, "product_views", "1");
      it.stopWithSavepoint(job);
    } catch (Throwable e) {
      job.cancel();
      throw e;
    }
    System.out.printf("Rees46ReplayIT: %d events of %d users through the job in %d s%n", rows.size(), expected.size(),
        (System.currentTimeMillis() - started) / 1000);

    assertThat(it.redis().keys(it.key("profile:*"))).as("a profile per user and the marker").hasSize(expected.size() + 1);
    for (var entry : expected.entrySet()) {
      assertProfile(entry.getKey(), entry.getValue(), it.redis().hgetAll(it.key("profile:{" + entry.getKey() + "}")));
    }
    // A few users, written out: the rates of a shop that never sends a checkout.
    assertFunnel("551377651", "10", "2", "2", "2", "0.2000", "1.0000", "1.0000", "0.2000"); // 2 purchases, no cart add
    assertFunnel("513632293", "11", "3", "2", "2", "0.2727", "0.6667", "1.0000", "0.1818"); // 3 cart adds, 2 purchases
    assertFunnel("515384420", "5", "5", "1", "1", "1.0000", "0.2000", "1.0000", "0.2000"); // 4 views, 5 cart adds
    assertFunnel("550121407", "2", "1", "0", "0", "0.5000", "0.0000", "0.0000", "0.0000"); // a cart add, no purchase
    // Duplicates counted once: one view sent 4 times, a cart add sent twice.
    assertThat(it.redis().hget(it.key("profile:{548049635}"), "product_views")).isEqualTo("1");
    assertThat(it.redis().hmget(it.key("profile:{537717675}"), "product_views", "cart_adds", "orders"))
        .containsExactly("2", "2", "1");
    assertThat(it.readRaw(it.topics.deadLetters(), "read_committed")).as("dead letters").isEmpty();
    assertThat(it.readRaw(it.topics.lateEvents(), "read_committed")).as("late events").isEmpty();
  }

  private void assertProfile(String user, Expected e, Map<String, String> profile) {
    String who = user + " " + profile;
    assertThat(profile).as(who)
        .containsEntry("product_views", String.valueOf(e.views))
        .containsEntry("views_90d", String.valueOf(e.views))
        .containsEntry("page_views", "0")
        .containsEntry("cart_adds", String.valueOf(e.cartAdds))
        .containsEntry("cart_adds_30d", String.valueOf(e.cartAdds))
        .containsEntry("checkouts", "0")
        .containsEntry("orders", String.valueOf(e.orders))
        .containsEntry("orders_90d", String.valueOf(e.orders))
        .containsEntry("spend_minor", String.valueOf(e.spendCents))
        .containsEntry("spend_90d_minor", String.valueOf(e.spendCents))
        .containsEntry("currency", e.orders == 0 ? "" : Rees46Clickstream.CURRENCY)
        .containsEntry("sessions", String.valueOf(e.sessions))
        .containsEntry("first_seen", String.valueOf(e.firstSeen))
        .containsEntry("last_seen", String.valueOf(e.lastSeen));
    // The funnel as defined (docs/features.md, "Funnel"): a purchase implies a checkout, a checkout a cart add, a cart add a view.
    long checkouts = e.orders;
    long carts = Math.max(e.cartAdds, checkouts);
    long views = Math.max(e.views, carts);
    assertThat(profile).as(who)
        .containsEntry("funnel_product_views_90d", String.valueOf(views))
        .containsEntry("funnel_cart_adds_90d", String.valueOf(carts))
        .containsEntry("funnel_checkouts_90d", String.valueOf(checkouts))
        .containsEntry("funnel_orders_90d", String.valueOf(e.orders));
    assertRate(who, profile.get("cart_rate_90d"), carts, views);
    assertRate(who, profile.get("checkout_rate_90d"), checkouts, carts);
    assertRate(who, profile.get("purchase_rate_90d"), e.orders, checkouts);
    assertRate(who, profile.get("conversion_rate_90d"), e.orders, views);
  }

  /** A rate in the hash has four decimals: within half of the last of the exact quotient (0 when nothing to divide). */
  private static void assertRate(String who, String value, long numerator, long denominator) {
    double exact = denominator == 0 ? 0 : (double) numerator / denominator;
    assertThat(Double.parseDouble(value)).as(who).isCloseTo(exact, within(0.00005 + 1e-12));
  }

  private void assertFunnel(String user, String views, String carts, String checkouts, String orders, String cartRate,
      String checkoutRate, String purchaseRate, String conversionRate) {
    assertThat(it.redis().hmget(it.key("profile:{" + user + "}"), "funnel_product_views_90d", "funnel_cart_adds_90d",
        "funnel_checkouts_90d", "funnel_orders_90d", "cart_rate_90d", "checkout_rate_90d", "purchase_rate_90d",
        "conversion_rate_90d")).as(user)
        .containsExactly(views, carts, checkouts, orders, cartRate, checkoutRate, purchaseRate, conversionRate);
  }

  private static Map<String, Expected> expectations(List<Rees46Clickstream.Row> distinctRows) {
    Map<String, Expected> out = new TreeMap<>();
    for (Rees46Clickstream.Row row : distinctRows) {
      Expected e = out.computeIfAbsent(row.user(), u -> new Expected());
      long time = row.time().toEpochMilli();
      e.firstSeen = Math.min(e.firstSeen, time);
      e.lastSeen = Math.max(e.lastSeen, time);
      switch (row.type()) {
        case "view" -> e.views++;
        case "cart" -> e.cartAdds++;
        case "purchase" -> {
          e.orders++;
          e.spendCents += row.priceCents();
        }
        default -> throw new AssertionError("unknown event type in " + row);
      }
      if (!row.type().equals("purchase")) {
        // Sessions are runs of clicks less than the session gap apart; rows come in time order.
        if (e.lastClick == Long.MIN_VALUE || time > e.lastClick + SESSION_GAP_MILLIS) {
          e.sessions++;
        }
        e.lastClick = time;
      }
    }
    return out;
  }

  private void awaitAll(Map<String, Expected> expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    List<String> missing = new ArrayList<>(expected.keySet());
    while (!missing.isEmpty()) {
      missing.removeIf(u -> {
        Expected e = expected.get(u);
        return List.of(String.valueOf(e.views), String.valueOf(e.cartAdds), String.valueOf(e.orders))
            .equals(it.redis().hmget(it.key("profile:{" + u + "}"), "product_views", "cart_adds", "orders"));
      });
      if (!missing.isEmpty() && System.currentTimeMillis() > deadline) {
        throw new AssertionError("the job stopped processing: " + missing.size() + " of " + expected.size()
            + " users never showed all their events in Redis, e.g. " + missing.get(0) + " "
            + it.redis().hgetAll(it.key("profile:{" + missing.get(0) + "}")) + "; last completed checkpoint "
            + JobLiveness.lastCheckpoint(it.checkpoints));
      }
      Thread.sleep(500);
    }
  }
}
