package dev.customerpulse.engine;


import static dev.customerpulse.engine.TestEvents.DAY;
import static dev.customerpulse.engine.TestEvents.event;
import static dev.customerpulse.engine.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.segments.ClvCuts;
import dev.customerpulse.state.ValueTier;
import dev.customerpulse.segments.ValueTierPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Value tiers by CLV percentile on the engine: daily samples out, percentiles in, every buyer placed (restored: profile.ControlRestoreTest). */
class PercentileTiersTest {
  private static final ProfileLogic SPEND = TestLogic.DEFAULTS;
  private static final ProfileLogic BY_CLV = TestLogic.BY_CLV_PERCENTILE;

  private EngineDriver engine;
  private final Unread<SegmentChange> changes = new Unread<>(() -> engine.segmentChanges);
  private final Unread<EngineDriver.ClvSample> samples = new Unread<>(() -> engine.clvSamples);

  @BeforeEach
  void open() throws Exception {
    engine = new EngineDriver(BY_CLV);
  }


  /** Repeat buyers of rising value (ann < bob < cat), a browser, all on days 1-4. */
  private void population() throws Exception {
    buy("ann", 1, 1_000);
    buy("ann", 3, 1_000);
    for (int day = 1; day <= 3; day++) {
      buy("bob", day, 5_000);
    }
    for (int day = 1; day <= 4; day++) {
      buy("cat", day, 20_000);
    }
    engine.processElement(event("dan", EventKind.PAGE_VIEW, 4 * DAY), 4 * DAY);
  }

  private void buy(String customer, long day, long amount) throws Exception {
    engine.processElement(order(customer, EventKind.ORDER_PAID, day * DAY + 3_600_000, amount, "EUR"), day * DAY + 3_600_000);
  }

  /** Each customer's latest published CLV. */
  private Map<String, Double> publishedClv() {
    Map<String, Double> clv = new HashMap<>();
    for (ProfileUpdate update : engine.updates) {
      if (!update.deleted) {
        clv.put(update.customerId, update.scores(BY_CLV.scorer()).clvMinor);
      }
    }
    return clv;
  }

  @Test
  void eachBuyerSendsOneClvSampleADayAtTheirTimer() throws Exception {
    population();
    assertThat(samples.take()).as("none before a timer fires").isEmpty();
    for (long day = 5; day <= 7; day++) {
      engine.processWatermark(day * DAY + 7_200_000);
      List<EngineDriver.ClvSample> today = samples.take();
      assertThat(today).extracting(EngineDriver.ClvSample::day).as("ann, bob and cat once each on day " + day).containsExactly(day, day, day);
      assertThat(today).extracting(EngineDriver.ClvSample::clvMinor).containsExactlyInAnyOrderElementsOf(publishedClv().entrySet().stream()
          .filter(e -> !e.getKey().equals("dan")).map(Map.Entry::getValue).toList());
    }
  }

  @Test
  void onTheSpendBasisNoSamplesAreSent() throws Exception {
    engine = new EngineDriver(SPEND);
    population();
    engine.processWatermark(9 * DAY);
    assertThat(samples.take()).isEmpty();
  }

  @Test
  void newPercentilesPlaceEveryBuyerAtOnceAndAgainOnlyWhenTheyMove() throws Exception {
    population();
    Map<String, Double> clv = publishedClv();
    assertThat(clv.get("ann")).isLessThan(clv.get("bob"));
    assertThat(clv.get("bob")).isLessThan(clv.get("cat"));
    changes.take();
    int published = engine.updates.size();

    // ann below the median, bob between the 80th and 95th percentile, cat at the 95th.
    ClvCuts cuts = new ClvCuts(4, 1_000, 50, 80, 95, (clv.get("ann") + clv.get("bob")) / 2, clv.get("bob") - 1,
        clv.get("cat"));
    engine.processPercentiles(cuts);
    assertThat(changes.take()).extracting(SegmentChange::getCustomerId, SegmentChange::getSegment,
        SegmentChange::getChange).containsExactlyInAnyOrder(
            // Before any percentiles the spend basis applied: bob potential, cat high (80,000 spent).
            tuple("bob", "tier:potential", SegmentChangeType.EXITED), tuple("bob", "tier:high", SegmentChangeType.ENTERED),
            tuple("cat", "tier:high", SegmentChangeType.EXITED), tuple("cat", "tier:vip", SegmentChangeType.ENTERED));
    List<ProfileUpdate> moved = engine.updates.subList(published, engine.updates.size());
    assertThat(moved).extracting(u -> u.customerId, u -> u.profile.tier)
        .containsExactlyInAnyOrder(tuple("bob", ValueTier.HIGH), tuple("cat", ValueTier.VIP));

    engine.processPercentiles(cuts);
    assertThat(changes.take()).as("nothing moved").isEmpty();

    // A new buyer is placed by the percentiles in force.
    buy("eve", 5, 1_000);
    assertThat(changes.take()).extracting(SegmentChange::getSegment, SegmentChange::getReason).contains(
        tuple("tier:normal", "first paid order, lifetime value " + String.format(java.util.Locale.ROOT, "%.2f",
            Math.round(publishedClv().get("eve")) / 100.0) + " EUR below the 50th percentile "
            + String.format(java.util.Locale.ROOT, "%.2f", Math.round(cuts.potentialMinor) / 100.0)
            + " of 1000 buying customers' (1970-01-05)"));
  }

}
