package dev.customerpulse.profile;

import dev.customerpulse.engine.TestEvents;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.engine.ProfileLogic;
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
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Value tiers by CLV percentile in the profile operator: daily samples out, percentiles in, every buyer placed. */
class PercentileTiersTest {
  private static final ProfileLogic SPEND = CustomerProfileFunctionTest.LOGIC;
  static final ProfileLogic BY_CLV = new ProfileLogic(
      new ValueTierPolicy(ValueTierPolicy.Basis.CLV_PERCENTILE, 50_000, 200_000, 50, 80, 95), SPEND.features(),
      SPEND.scorer(), SPEND.rescoreInterval(), SPEND.customerRetention(), SPEND.anonymousRetention(), SPEND.dedupHorizon(),
      SPEND.maxCustomersPerAnonymousId(), SPEND.handoffTopic(), SPEND.lifecycle(), SPEND.alerts());

  private ProfileHarness.Operator harness;
  private final ProfileHarness.Unread<SegmentChange> changes = new ProfileHarness.Unread<>(ProfileOutputs.SEGMENT_CHANGES);
  private final ProfileHarness.Unread<Tuple2<Long, Double>> samples =
      new ProfileHarness.Unread<>(ProfileOutputs.CLV_SAMPLES);

  @BeforeEach
  void open() throws Exception {
    harness = ProfileHarness.open(BY_CLV);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
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
    harness.processElement(event("dan", EventKind.PAGE_VIEW, 4 * DAY), 4 * DAY);
  }

  private void buy(String customer, long day, long amount) throws Exception {
    harness.processElement(order(customer, EventKind.ORDER_PAID, day * DAY + 3_600_000, amount, "EUR"), day * DAY + 3_600_000);
  }

  /** Each customer's latest published CLV. */
  private Map<String, Double> publishedClv() {
    Map<String, Double> clv = new HashMap<>();
    for (ProfileUpdate update : harness.extractOutputValues()) {
      if (!update.deleted) {
        clv.put(update.customerId, update.scores(BY_CLV.scorer()).clvMinor);
      }
    }
    return clv;
  }

  @Test
  void eachBuyerSendsOneClvSampleADayAtTheirTimer() throws Exception {
    population();
    assertThat(samples.take(harness)).as("none before a timer fires").isEmpty();
    for (long day = 5; day <= 7; day++) {
      harness.processWatermark(day * DAY + 7_200_000);
      List<Tuple2<Long, Double>> today = samples.take(harness);
      assertThat(today).extracting(s -> s.f0).as("ann, bob and cat once each on day " + day).containsExactly(day, day, day);
      assertThat(today).extracting(s -> s.f1).containsExactlyInAnyOrderElementsOf(publishedClv().entrySet().stream()
          .filter(e -> !e.getKey().equals("dan")).map(Map.Entry::getValue).toList());
    }
  }

  @Test
  void onTheSpendBasisNoSamplesAreSent() throws Exception {
    harness.close();
    harness = ProfileHarness.open(SPEND);
    population();
    harness.processWatermark(9 * DAY);
    assertThat(samples.take(harness)).isEmpty();
  }

  @Test
  void newPercentilesPlaceEveryBuyerAtOnceAndAgainOnlyWhenTheyMove() throws Exception {
    population();
    Map<String, Double> clv = publishedClv();
    assertThat(clv.get("ann")).isLessThan(clv.get("bob"));
    assertThat(clv.get("bob")).isLessThan(clv.get("cat"));
    changes.take(harness);
    int published = harness.extractOutputValues().size();

    // ann below the median, bob between the 80th and 95th percentile, cat at the 95th.
    ClvCuts cuts = new ClvCuts(4, 1_000, 50, 80, 95, (clv.get("ann") + clv.get("bob")) / 2, clv.get("bob") - 1,
        clv.get("cat"));
    harness.processPercentiles(cuts);
    assertThat(changes.take(harness)).extracting(SegmentChange::getCustomerId, SegmentChange::getSegment,
        SegmentChange::getChange).containsExactlyInAnyOrder(
            // Before any percentiles the spend basis applied: bob potential, cat high (80,000 spent).
            tuple("bob", "tier:potential", SegmentChangeType.EXITED), tuple("bob", "tier:high", SegmentChangeType.ENTERED),
            tuple("cat", "tier:high", SegmentChangeType.EXITED), tuple("cat", "tier:vip", SegmentChangeType.ENTERED));
    List<ProfileUpdate> moved = harness.extractOutputValues().subList(published, harness.extractOutputValues().size());
    assertThat(moved).extracting(u -> u.customerId, u -> u.profile.tier)
        .containsExactlyInAnyOrder(tuple("bob", ValueTier.HIGH), tuple("cat", ValueTier.VIP));

    harness.processPercentiles(cuts);
    assertThat(changes.take(harness)).as("nothing moved").isEmpty();

    // A new buyer is placed by the percentiles in force.
    buy("eve", 5, 1_000);
    assertThat(changes.take(harness)).extracting(SegmentChange::getSegment, SegmentChange::getReason).contains(
        tuple("tier:normal", "first paid order, lifetime value " + String.format(java.util.Locale.ROOT, "%.2f",
            Math.round(publishedClv().get("eve")) / 100.0) + " EUR below the 50th percentile "
            + String.format(java.util.Locale.ROOT, "%.2f", Math.round(cuts.potentialMinor) / 100.0)
            + " of 1000 buying customers' (1970-01-05)"));
  }

  @Test
  void thePercentilesSurviveARestore() throws Exception {
    population();
    Map<String, Double> clv = publishedClv();
    harness.processPercentiles(new ClvCuts(4, 1_000, 50, 80, 95, 1, 2, clv.get("cat") / 2));
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();
    harness = ProfileHarness.create(BY_CLV);
    harness.initializeState(snapshot);
    harness.open();
    changes.restart();
    for (int day = 1; day <= 4; day++) {
      buy("fay", day, 20_000);
    }
    // By the restored percentiles: high from the first order (by spend, 200.00 could not be high),
    // vip once the lifetime value passes half of cat's.
    assertThat(changes.take(harness)).filteredOn(c -> c.getSegment().startsWith("tier:"))
        .extracting(SegmentChange::getSegment, SegmentChange::getChange).containsExactly(
            tuple("tier:high", SegmentChangeType.ENTERED), tuple("tier:high", SegmentChangeType.EXITED),
            tuple("tier:vip", SegmentChangeType.ENTERED));
  }
}
