package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.click;
import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.ClvQuantiles;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.PulseOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * Value tiers by CLV percentile through the whole loop on real Kafka, registry and Redis: daily CLV
 * samples into the population sketch, its percentiles out on clv-quantiles and back into every
 * profile operator instance, every buyer in Redis placed by them.
 */
class PercentileTiersIT extends OnTestStack {
  private static final long DAY = 86_400_000L;
  private static final int CUSTOMERS = 60;

  @Test
  void buyersArePlacedByThePopulationsPercentilesThatTheJobComputesAndReadsBack() throws Exception {
    Configuration conf = it.jobConfiguration();
    conf.set(PulseOptions.TIER_BASIS, PulseOptions.TierBasis.CLV_PERCENTILE);
    conf.set(PulseOptions.TIER_MIN_POPULATION, 10);
    conf.set(PulseOptions.SOURCE_IDLENESS, Duration.ofSeconds(1));
    JobClient job = JobLauncher.start(conf, "customer-pulse-percentiles-it");

    int order = 0;
    for (int i = 0; i < CUSTOMERS; i++) {
      // 2 to 5 purchase days (purchases count by day) and rising amounts: a spread of lifetime values.
      for (int day = 1; day <= 2 + i % 4; day++) {
        it.sendAsync(it.topics.orders(), "c" + i, paid("o" + ++order, "c" + i, day * DAY + i, 1_000L * (i + 1)));
      }
    }
    it.flush();
    // Event time moves on through the clicks of one visitor; each buyer's timer samples their CLV daily.
    for (int day = 6; day <= 9; day++) {
      it.send(it.topics.clicks(), "clock", click("k" + day, null, "clock", ClickType.PAGE_VIEW, day * DAY));
      Thread.sleep(1_500);
    }

    ClvQuantiles latest = awaitPercentiles();
    assertThat(latest.getCustomers()).isEqualTo(CUSTOMERS);
    assertThat(latest.getPotentialClvMinor()).isLessThan(latest.getHighClvMinor());
    assertThat(latest.getHighClvMinor()).isLessThan(latest.getVipClvMinor());

    Map<String, Integer> sizes = awaitTiersPlacedBy(latest);
    it.stopWithSavepoint(job);
    assertThat(sizes.keySet()).containsExactlyInAnyOrder("normal", "potential", "high", "vip");
    // On the sample day the sketch (exact below 200 items) put 4 of 60 at or above the 95th percentile,
    // 13 above the 80th and 31 above the 50th; a day of decay later, lifetime values may cross a cut.
    assertThat(sizes.get("vip")).isBetween(2, 6);
    assertThat(sizes.get("vip") + sizes.get("high")).isBetween(10, 16);
  }

  /** Waits for the job's own percentiles on clv-quantiles (read_committed) and returns the latest. */
  private ClvQuantiles awaitPercentiles() throws Exception {
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      List<ClvQuantiles> records = it.readCommitted(it.topics.clvQuantiles(), ClvQuantiles.class).stream()
          .map(r -> r.value()).toList();
      if (!records.isEmpty()) {
        return records.get(records.size() - 1);
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no CLV percentiles on " + it.topics.clvQuantiles());
  }

  /** Waits until every buyer's tier in Redis is the one their CLV gives against {@code cuts}; returns tier sizes. */
  private Map<String, Integer> awaitTiersPlacedBy(ClvQuantiles cuts) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    Map<String, String> wrong = new TreeMap<>();
    while (System.currentTimeMillis() < deadline) {
      wrong.clear();
      Map<String, Integer> sizes = new TreeMap<>();
      for (int i = 0; i < CUSTOMERS; i++) {
        Map<String, String> profile = it.redis().hgetAll(it.key("profile:{c" + i + "}"));
        String tier = profile.get("value_tier");
        sizes.merge(String.valueOf(tier), 1, Integer::sum);
        double clv = profile.containsKey("clv_minor") ? Double.parseDouble(profile.get("clv_minor")) : Double.NaN;
        String expected = clv >= cuts.getVipClvMinor() ? "vip" : clv >= cuts.getHighClvMinor() ? "high"
            : clv >= cuts.getPotentialClvMinor() ? "potential" : "normal";
        // clv_minor is rounded; a value within a unit of a cut may fall either side.
        boolean nearCut = Math.abs(clv - cuts.getVipClvMinor()) < 1 || Math.abs(clv - cuts.getHighClvMinor()) < 1
            || Math.abs(clv - cuts.getPotentialClvMinor()) < 1;
        if (!expected.equals(tier) && !nearCut) {
          wrong.put("c" + i, tier + " (clv " + clv + ", expected " + expected + ")");
        }
      }
      if (wrong.isEmpty()) {
        return sizes;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("customers not placed by " + cuts + ": " + wrong);
  }
}
