package dev.customerpulse.profile;

import dev.customerpulse.engine.TestEvents;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.state.CustomerState;
import static dev.customerpulse.engine.TestEvents.DAY;
import static dev.customerpulse.engine.TestEvents.event;
import static dev.customerpulse.engine.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.scoring.BgNbd;
import dev.customerpulse.scoring.BgNbdParameters;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Features over time, in event time: windows, late events, silence, abandoned carts, expiry. */
class ProfileTimersTest {
  private static final long HOUR = 3_600_000L;
  private ProfileHarness.Operator harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProfileHarness.open(CustomerProfileFunctionTest.LOGIC);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(CustomerEvent event) throws Exception {
    harness.processElement(event, event.eventTime);
  }

  private ProfileUpdate last() {
    List<ProfileUpdate> out = harness.extractOutputValues();
    return out.get(out.size() - 1);
  }


  @Test
  void windowsCountEachEventOnItsOwnDayAndLateEventsLandWhereTheyBelong() throws Exception {
    for (long day : new long[] {0, 5, 20, 60}) {
      send(event("ann", EventKind.PAGE_VIEW, day * DAY + HOUR));
    }
    assertThat(last().scores(CustomerProfileFunctionTest.LOGIC.scorer()).views7d).isEqualTo(1);
    assertThat(last().scores(CustomerProfileFunctionTest.LOGIC.scorer()).views30d).isEqualTo(1);
    assertThat(last().scores(CustomerProfileFunctionTest.LOGIC.scorer()).views90d).isEqualTo(4);

    send(event("ann", EventKind.PAGE_VIEW, 58 * DAY));
    send(event("ann", EventKind.PAGE_VIEW, 3 * DAY));

    ProfileUpdate update = last();
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).scoredAt).as("a late event does not move time back").isEqualTo(60 * DAY + HOUR);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).views7d).isEqualTo(2);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).views30d).isEqualTo(2);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).views90d).isEqualTo(6);
    assertThat(update.profile.pageViews).isEqualTo(6);
  }

  @Test
  void eventsOlderThanTheLongestWindowCountOnlyInLifetimeTotals() throws Exception {
    send(order("bea", EventKind.ORDER_PAID, 200 * DAY, 1_000, "EUR"));
    send(order("bea", EventKind.ORDER_PAID, 50 * DAY, 2_000, "EUR"));

    ProfileUpdate update = last();
    assertThat(update.profile.orders).isEqualTo(2);
    assertThat(update.profile.spendMinor).isEqualTo(3_000);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).orders90d).isEqualTo(1);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).spend90dMinor).isEqualTo(1_000);
  }

  @Test
  void silenceRaisesChurnRiskAndLowersPAliveWithoutAnyEvent() throws Exception {
    send(order("cal", EventKind.ORDER_PAID, 0, 5_000, "EUR"));
    send(order("cal", EventKind.ORDER_PAID, 14 * DAY, 5_000, "EUR"));
    ProfileUpdate atPurchase = last();

    harness.processWatermark(15 * DAY);
    ProfileUpdate dayAfter = last();
    harness.processWatermark(16 * DAY);
    ProfileUpdate twoDaysAfter = last();
    harness.processWatermark(100 * DAY);
    ProfileUpdate muchLater = last();

    assertThat(harness.extractOutputValues()).as("one rescoring per passing, not one per missed day").hasSize(5);
    assertThat(List.of(dayAfter.scores(CustomerProfileFunctionTest.LOGIC.scorer()).scoredAt, twoDaysAfter.scores(CustomerProfileFunctionTest.LOGIC.scorer()).scoredAt, muchLater.scores(CustomerProfileFunctionTest.LOGIC.scorer()).scoredAt))
        .containsExactly(15 * DAY, 16 * DAY, 100 * DAY);
    assertThat(muchLater.scores(CustomerProfileFunctionTest.LOGIC.scorer()).daysSinceLastSeen).isEqualTo(86.0);
    assertThat(muchLater.scores(CustomerProfileFunctionTest.LOGIC.scorer()).recencyDays).isEqualTo(86);
    assertThat(atPurchase.scores(CustomerProfileFunctionTest.LOGIC.scorer()).probabilityAlive).isGreaterThan(dayAfter.scores(CustomerProfileFunctionTest.LOGIC.scorer()).probabilityAlive);
    assertThat(dayAfter.scores(CustomerProfileFunctionTest.LOGIC.scorer()).probabilityAlive).isGreaterThan(muchLater.scores(CustomerProfileFunctionTest.LOGIC.scorer()).probabilityAlive);
    assertThat(dayAfter.scores(CustomerProfileFunctionTest.LOGIC.scorer()).churnRisk).isGreaterThan(atPurchase.scores(CustomerProfileFunctionTest.LOGIC.scorer()).churnRisk);
    assertThat(muchLater.scores(CustomerProfileFunctionTest.LOGIC.scorer()).churnRisk).isGreaterThan(twoDaysAfter.scores(CustomerProfileFunctionTest.LOGIC.scorer()).churnRisk);
    // x = 1 repeat day, t_x = 2 weeks, T = 100 days in weeks.
    assertThat(muchLater.scores(CustomerProfileFunctionTest.LOGIC.scorer()).probabilityAlive)
        .isEqualTo(BgNbd.probabilityAlive(BgNbdParameters.CDNOW, 1, 2, 100.0 / 7));
    assertThat(muchLater.profile.version).isEqualTo(5);
    assertThat(muchLater.sourceTimestamp).as("rescoring has no source event").isZero();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void aCartWithoutAnOrderIsAbandonedWhenItsTimeRunsOut() throws Exception {
    send(event("dee", EventKind.ADD_TO_CART, HOUR));
    send(event("eve", EventKind.ADD_TO_CART, HOUR));
    send(order("eve", EventKind.ORDER_PLACED, 5 * HOUR, 900, "EUR"));

    harness.processWatermark(HOUR + 24 * HOUR);

    List<ProfileUpdate> out = harness.extractOutputValues();
    ProfileUpdate dee = out.stream().filter(u -> u.customerId.equals("dee")).reduce((a, b) -> b).orElseThrow();
    ProfileUpdate eve = out.stream().filter(u -> u.customerId.equals("eve")).reduce((a, b) -> b).orElseThrow();
    assertThat(dee.profile.abandonedCarts).isEqualTo(1);
    assertThat(dee.scores(CustomerProfileFunctionTest.LOGIC.scorer()).abandonedCarts30d).isEqualTo(1);
    assertThat(dee.profile.cartOpenSince).isEqualTo(CustomerState.NONE);
    assertThat(eve.profile.abandonedCarts).isZero();
  }

  @Test
  void anExpiredCustomerIsDeletedWithNothingLeftBehind() throws Exception {
    send(event("fin", EventKind.PAGE_VIEW, 0));
    send(event("gil", EventKind.PAGE_VIEW, 400 * DAY));

    harness.processWatermark(730 * DAY);

    ProfileUpdate deletion = harness.extractOutputValues().stream().filter(u -> u.deleted).findFirst().orElseThrow();
    assertThat(deletion.customerId).isEqualTo("fin");
    assertThat(deletion.profile.version).as("the deletion is newer than every profile of fin").isEqualTo(2);
    assertThat(ProfileHarness.keysWith(harness, "customer")).containsExactly("gil");
    assertThat(harness.numEventTimeTimers()).as("only gil's").isEqualTo(1);
  }

  @Test
  void theEndOfInputRescoresOnceAndLeavesNoTimerBehind() throws Exception {
    send(event("hank", EventKind.PAGE_VIEW, 10 * DAY));

    harness.processWatermark(Long.MAX_VALUE);

    assertThat(harness.extractOutputValues()).hasSize(2);
    assertThat(last().scores(CustomerProfileFunctionTest.LOGIC.scorer()).scoredAt).isEqualTo(11 * DAY);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(ProfileHarness.keysWith(harness, "customer")).containsExactly("hank");
  }

  @Test
  void sessionsAreRunsOfClicksWithShortGaps() throws Exception {
    long minute = 60_000;
    for (long at : new long[] {0, 10 * minute, 20 * minute, 120 * minute, 125 * minute}) {
      send(event("ida", EventKind.PAGE_VIEW, at));
    }
    ProfileUpdate update = last();
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).sessions).isEqualTo(2);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).avgSessionSeconds).isEqualTo((20 + 5) * 60 / 2.0);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).sessions30d).isEqualTo(2);
  }

  @Test
  void serviceExperienceShowsInFeaturesAndChurnReasons() throws Exception {
    send(event("jo", EventKind.PAGE_VIEW, 0));
    send(event("jo", EventKind.SERVICE_CALL, DAY).withServiceOutcome(true, false, 2, 5));
    send(event("jo", EventKind.SERVICE_CALL, 2 * DAY).withServiceOutcome(true, true, 4, -1));

    ProfileUpdate update = last();
    assertThat(update.profile.complaints).isEqualTo(2);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).complaints90d).isEqualTo(2);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).unresolved90d).isEqualTo(1);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).avgSatisfaction).isEqualTo(3.0);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).lastNps).isEqualTo(5);
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).npsClass).isEqualTo("detractor");
    assertThat(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()).churnReasons).isEqualTo("detractor:+0.800,complaints:+0.667,unresolved:+0.500");
  }
}
