package dev.customerpulse.profile;

import dev.customerpulse.engine.TestEvents;
import dev.customerpulse.engine.TestLogic;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.state.CustomerState;
import static dev.customerpulse.engine.TestEvents.DAY;
import static dev.customerpulse.engine.TestEvents.event;
import static dev.customerpulse.engine.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.state.ValueTier;
import dev.customerpulse.features.FeatureSettings;
import dev.customerpulse.scoring.ChurnModel;
import dev.customerpulse.scoring.ClvModel;
import dev.customerpulse.scoring.ClvSettings;
import dev.customerpulse.scoring.ProfileScorer;
import dev.customerpulse.scoring.RfmSettings;
import dev.customerpulse.segments.ChurnAlertPolicy;
import dev.customerpulse.segments.LifecyclePolicy;
import dev.customerpulse.segments.ValueTierPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keyed profile operator on the real RocksDB state backend. */
class CustomerProfileFunctionTest {
  static final ProfileLogic LOGIC = TestLogic.DEFAULTS;

  private ProfileHarness.Operator harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProfileHarness.create(LOGIC);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }


  private void send(CustomerEvent event) throws Exception {
    harness.processElement(event, event.eventTime);
  }

  private List<ProfileUpdate> profiles() {
    return harness.extractOutputValues();
  }

  private List<SegmentChange> allSegmentChanges() {
    var side = harness.getSideOutput(ProfileOutputs.SEGMENT_CHANGES);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
  }

  /** The value-tier changes (lifecycle and RFM moves have their own test, LifecycleSegmentsTest). */
  private List<SegmentChange> segmentChanges() {
    return allSegmentChanges().stream().filter(c -> c.getSegment().startsWith("tier:")).toList();
  }


  private static SegmentChange change(String customer, long version, String segment, SegmentChangeType type,
      String from, String to, String reason, long time) {
    return SegmentChange.newBuilder()
        .setChangeId(customer + "/" + version + "/" + segment + "/" + type.name().toLowerCase())
        .setCustomerId(customer).setSegment(segment).setChange(type).setFromSegment(from).setToSegment(to)
        .setReason(reason).setEventTime(Instant.ofEpochMilli(time)).setProfileVersion(version)
        // The defaults: consent opt-out, segment changes need the profiling purpose.
        .setPurpose("profiling").build();
  }

  @Test
  void firstEventCreatesAProfileInTierNewAndEntersThatTier() throws Exception {
    send(event("alice", EventKind.PAGE_VIEW, 5_000));

    ProfileUpdate update = profiles().get(0);
    assertThat(profiles()).hasSize(1);
    assertThat(update.customerId).isEqualTo("alice");
    assertThat(update.sourceTimestamp).isEqualTo(6_000);
    assertThat(update.profile.version).isEqualTo(1);
    assertThat(update.profile.pageViews).isEqualTo(1);
    assertThat(update.profile.firstSeen).isEqualTo(5_000);
    assertThat(update.profile.lastSeen).isEqualTo(5_000);
    assertThat(update.profile.tier).isEqualTo(ValueTier.NEW);
    assertThat(segmentChanges()).containsExactly(
        change("alice", 1, "tier:new", SegmentChangeType.ENTERED, null, "tier:new", "first event of a new customer", 5_000));
  }

  @Test
  void countsEveryKindOfEventAndNetsRefundsOutOfSpend() throws Exception {
    send(event("alice", EventKind.PAGE_VIEW, 1));
    send(event("alice", EventKind.PRODUCT_VIEW, 2));
    send(event("alice", EventKind.SEARCH, 3));
    send(event("alice", EventKind.ADD_TO_CART, 4));
    send(event("alice", EventKind.CHECKOUT_START, 5));
    send(order("alice", EventKind.ORDER_PLACED, 6, 12_000, "EUR"));
    send(order("alice", EventKind.ORDER_PAID, 7, 12_000, "EUR"));
    send(event("alice", EventKind.SERVICE_CALL, 8));
    send(order("alice", EventKind.ORDER_CANCELLED, 9, 3_000, "EUR"));
    send(order("alice", EventKind.ORDER_REFUNDED, 10, 2_000, "EUR"));
    send(event("alice", EventKind.LOGIN, 11));

    CustomerState p = profiles().get(profiles().size() - 1).profile;
    assertThat(p.version).isEqualTo(11);
    assertThat(new long[] {p.pageViews, p.productViews, p.searches, p.cartAdds, p.checkouts, p.orders,
        p.cancellations, p.refunds, p.serviceCalls, p.spendMinor})
        .containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 10_000);
    assertThat(p.currency).isEqualTo("EUR");
    assertThat(profiles()).extracting(u -> u.profile.version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
  }

  @Test
  void tierRisesWithSpendAndEachMoveExitsBeforeItEnters() throws Exception {
    send(order("bob", EventKind.ORDER_PAID, 100, 30_000, "EUR"));
    send(order("bob", EventKind.ORDER_PAID, 200, 25_000, "EUR"));
    send(order("bob", EventKind.ORDER_PAID, 300, 150_000, "EUR"));

    assertThat(segmentChanges()).containsExactly(
        change("bob", 1, "tier:normal", SegmentChangeType.ENTERED, null, "tier:normal",
            "first paid order, net spend 300.00 EUR", 100),
        change("bob", 2, "tier:normal", SegmentChangeType.EXITED, "tier:normal", "tier:high",
            "net spend 550.00 EUR reached the high threshold 500.00", 200),
        change("bob", 2, "tier:high", SegmentChangeType.ENTERED, "tier:normal", "tier:high",
            "net spend 550.00 EUR reached the high threshold 500.00", 200),
        change("bob", 3, "tier:high", SegmentChangeType.EXITED, "tier:high", "tier:vip",
            "net spend 2050.00 EUR reached the vip threshold 2000.00", 300),
        change("bob", 3, "tier:vip", SegmentChangeType.ENTERED, "tier:high", "tier:vip",
            "net spend 2050.00 EUR reached the vip threshold 2000.00", 300));
  }

  @Test
  void aRefundCanDropTheTierAndSaysWhichThresholdWasCrossed() throws Exception {
    send(order("carol", EventKind.ORDER_PAID, 1, 250_000, "EUR"));
    send(order("carol", EventKind.ORDER_REFUNDED, 2, 210_000, "EUR"));

    assertThat(segmentChanges()).extracting(SegmentChange::getSegment, SegmentChange::getChange, SegmentChange::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tier:vip", SegmentChangeType.ENTERED,
                "first paid order, net spend 2500.00 EUR reached the vip threshold 2000.00"),
            org.assertj.core.groups.Tuple.tuple("tier:vip", SegmentChangeType.EXITED,
                "net spend 400.00 EUR fell below the high threshold 500.00"),
            org.assertj.core.groups.Tuple.tuple("tier:normal", SegmentChangeType.ENTERED,
                "net spend 400.00 EUR fell below the high threshold 500.00"));
    assertThat(profiles().get(1).profile.tier).isEqualTo(ValueTier.NORMAL);
  }

  @Test
  void nothingIsEmittedOnTheSideWhenTheTierStaysTheSame() throws Exception {
    send(event("dan", EventKind.PAGE_VIEW, 1));
    send(event("dan", EventKind.PAGE_VIEW, 2));
    send(order("dan", EventKind.ORDER_PLACED, 3, 100, "EUR"));

    assertThat(allSegmentChanges()).extracting(SegmentChange::getSegment).as("all at the first event")
        .containsExactly("tier:new", "lifecycle:new");
    assertThat(profiles()).hasSize(3);
  }

  @Test
  void ordersInAnotherCurrencyAreCountedButNotAddedToSpend() throws Exception {
    send(order("erin", EventKind.ORDER_PAID, 1, 10_000, "EUR"));
    send(order("erin", EventKind.ORDER_PAID, 2, 99_999, "USD"));

    CustomerState p = profiles().get(1).profile;
    assertThat(p.orders).isEqualTo(2);
    assertThat(p.spendMinor).isEqualTo(10_000);
    assertThat(p.currency).isEqualTo("EUR");
    assertThat(p.foreignCurrencyOrders).isEqualTo(1);
  }

  @Test
  void outOfOrderEventsKeepFirstAndLastSeenRight() throws Exception {
    send(event("fay", EventKind.PAGE_VIEW, 5_000));
    send(event("fay", EventKind.PAGE_VIEW, 2_000));
    send(event("fay", EventKind.PAGE_VIEW, 4_000));

    CustomerState p = profiles().get(2).profile;
    assertThat(p.firstSeen).isEqualTo(2_000);
    assertThat(p.lastSeen).isEqualTo(5_000);
  }

  @Test
  void everyCustomerHasExactlyOnePendingTimer() throws Exception {
    send(event("gus", EventKind.PAGE_VIEW, 1));
    send(event("gus", EventKind.ADD_TO_CART, 2));
    send(event("hal", EventKind.PAGE_VIEW, 3));
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    harness.processWatermark(5 * DAY);
    assertThat(ProfileHarness.keysWith(harness, "customer")).containsExactly("gus", "hal");
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);
  }

  @Test
  void anonymousVisitorsAreTrackedButNeverPublished() throws Exception {
    send(event("anon:dev-1", EventKind.PAGE_VIEW, 1));
    send(event("anon:dev-1", EventKind.PRODUCT_VIEW, 2));

    assertThat(profiles()).isEmpty();
    assertThat(segmentChanges()).isEmpty();
    assertThat(ProfileHarness.keysWith(harness, "customer")).containsExactly("anon:dev-1");
    assertThat(harness.numEventTimeTimers()).as("one pending cleanup timer per visitor").isEqualTo(1);
  }

  @Test
  void anonymousStateIsDroppedAfterTheRetentionWithNothingLeftBehind() throws Exception {
    send(event("anon:dev-1", EventKind.PAGE_VIEW, 0));
    send(event("anon:dev-1", EventKind.PAGE_VIEW, 10 * DAY));

    harness.processWatermark(30 * DAY);
    assertThat(ProfileHarness.keysWith(harness, "customer")).as("active 20 days ago: kept").containsExactly("anon:dev-1");
    assertThat(harness.numEventTimeTimers()).as("timer moved to 40 days").isEqualTo(1);

    harness.processWatermark(40 * DAY - 1);
    assertThat(ProfileHarness.keysWith(harness, "customer")).containsExactly("anon:dev-1");

    harness.processWatermark(40 * DAY);
    assertThat(ProfileHarness.keysWith(harness, "customer")).isEmpty();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void stateAndVersionsContinueAfterRestoringACheckpoint() throws Exception {
    send(order("hal", EventKind.ORDER_PAID, 1, 40_000, "EUR"));
    send(event("anon:dev-9", EventKind.PAGE_VIEW, 1));
    OperatorSubtaskState snapshot = harness.snapshot(1L, 10L);
    harness.close();

    harness = ProfileHarness.create(LOGIC);
    harness.initializeState(snapshot);
    harness.open();
    send(order("hal", EventKind.ORDER_PAID, 2, 20_000, "EUR"));

    ProfileUpdate update = profiles().get(0);
    assertThat(update.profile.version).isEqualTo(2);
    assertThat(update.profile.spendMinor).isEqualTo(60_000);
    assertThat(update.profile.tier).isEqualTo(ValueTier.HIGH);
    assertThat(harness.numEventTimeTimers()).as("both timers survive the restore").isEqualTo(2);
    assertThat(segmentChanges()).extracting(SegmentChange::getChangeId)
        .containsExactly("hal/2/tier:normal/exited", "hal/2/tier:high/entered");
  }
}
