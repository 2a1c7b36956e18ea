package dev.customerpulse.engine;

import dev.customerpulse.state.CustomerState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.features.FeatureUpdater;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.segments.CustomerSegments;
import dev.customerpulse.state.LifecycleStage;
import dev.customerpulse.state.RfmSegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;

/**
 * The due-time arithmetic without Flink, on random customers (orders and refunds at random times
 * of day, clicks, carts, a birthday): the next change of segments lies after the moment asked about
 * and nothing changes before it; a customer settled at a moment (as a timer leaves them) has nothing
 * due at or before it.
 */
class DueTimesPropertyTest {
  private static final long DAY = TestEvents.DAY;
  private static final ProfileLogic LOGIC = TestLogic.SHORT_RETENTION;
  private static final FeatureUpdater UPDATER = new FeatureUpdater(LOGIC.features());
  private static final CustomerSegments SEGMENTS = new CustomerSegments(LOGIC.scorer().rfm(), LOGIC.lifecycle());
  private static final DueTimes DUE = new DueTimes(LOGIC, SEGMENTS, UPDATER);

  record Activity(EventKind kind, long time, long amount) {}

  @Property(tries = 500)
  void noSegmentChangesBeforeTheNextChangeAndItLiesAhead(@ForAll("histories") List<Activity> history,
      @ForAll("spans") long after, @ForAll @IntRange(min = 1, max = 1_000) int probes) {
    CustomerState customer = customerOf(history);
    long now = customer.lastSeen + after;
    long next = SEGMENTS.nextChange(customer, now);
    LifecycleStage stage = SEGMENTS.lifecycleStage(customer, now);
    RfmSegment rfm = SEGMENTS.rfmSegment(customer, now);
    String scores = SEGMENTS.rfmReason(customer, now);

    assertThat(next).as("the next change lies after %d", now).satisfiesAnyOf(n -> assertThat(n).isEqualTo(CustomerState.NONE),
        n -> assertThat(n).isGreaterThan(now));
    long until = next == CustomerState.NONE ? now + 400 * DAY : next;
    for (long probe = now; probe < until; probe += Math.max(1, (until - now) / probes)) {
      assertThat(SEGMENTS.lifecycleStage(customer, probe)).as("stage at %d, before %d", probe, next).isEqualTo(stage);
      assertThat(SEGMENTS.rfmSegment(customer, probe)).as("rfm at %d, before %d", probe, next).isEqualTo(rfm);
      assertThat(SEGMENTS.rfmReason(customer, probe)).as("rfm scores at %d, before %d", probe, next).isEqualTo(scores);
    }
    long last = until - 1;
    assertThat(SEGMENTS.rfmReason(customer, last)).as("rfm scores just before %d", next).isEqualTo(scores);
  }

  @Property(tries = 500)
  void aCustomerSettledAtAMomentHasNothingDueAtOrBeforeIt(@ForAll("histories") List<Activity> history,
      @ForAll("spans") long after, @ForAll("withinADay") long sinceScored) {
    CustomerState customer = customerOf(history);
    long now = customer.lastSeen + after;
    // A customer at the end of their retention is deleted by the timer, not given a next one.
    Assume.that(now < customer.lastSeen + DUE.retention(false));
    // As the profile operator's timer leaves a customer it looked at `now`: scored within the last
    // interval, segments and cart where they are at `now`, today's dates triggered.
    customer.scoredAt = Math.max(customer.lastSeen, now - sinceScored);
    customer.lifecycle = SEGMENTS.lifecycleStage(customer, now);
    customer.rfmSegment = SEGMENTS.rfmSegment(customer, now);
    UPDATER.expireCart(customer, now);
    long today = Math.floorDiv(now, DAY) * DAY;
    if (DueTimes.nextDate(customer, now) == today) {
      customer.lastBirthdayTrigger = today;
      customer.lastAnniversaryTrigger = today;
    }

    long due = DUE.next(customer, false, now);

    assertThat(due).as("due after %d (scored at %d)", now, customer.scoredAt).isGreaterThan(now);
  }

  private static CustomerState customerOf(List<Activity> history) {
    List<Activity> sorted = new ArrayList<>(history);
    sorted.sort(Comparator.comparingLong(Activity::time));
    CustomerState customer = null;
    int sequence = 0;
    for (Activity activity : sorted) {
      boolean order = activity.kind() == EventKind.ORDER_PAID || activity.kind() == EventKind.ORDER_REFUNDED;
      CustomerEvent event = new CustomerEvent("c", "e" + ++sequence, activity.kind(), activity.time(), activity.time(),
          order ? activity.amount() : 0, order ? "EUR" : null);
      if (activity.kind() == EventKind.IDENTIFY) {
        event.withIdentity(null, null, null, activity.time() - activity.amount() * DAY);
        event.birthMonthDay = 100 * (int) (1 + activity.amount() % 12) + 1 + (int) (activity.amount() % 28);
      }
      if (customer == null) {
        customer = FeatureUpdater.newCustomer(event);
      } else if (!event.kind.isIdentity()) {
        SEGMENTS.beforeActivity(customer, event.eventTime);
      }
      UPDATER.apply(customer, event);
      customer.scoredAt = Math.max(customer.scoredAt, customer.lastSeen);
    }
    return customer;
  }

  /** Up to 200 days, uniformly (jqwik's default leans towards small numbers). */
  @Provide
  Arbitrary<Long> spans() {
    return Arbitraries.longs().between(0, 200 * DAY).withDistribution(RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<Long> withinADay() {
    return Arbitraries.longs().between(0, DAY - 1).withDistribution(RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<List<Activity>> histories() {
    Arbitrary<EventKind> kinds = Arbitraries.of(EventKind.ORDER_PAID, EventKind.ORDER_PAID, EventKind.ORDER_REFUNDED,
        EventKind.PAGE_VIEW, EventKind.ADD_TO_CART, EventKind.IDENTIFY);
    Arbitrary<Long> times = Combinators.combine(Arbitraries.longs().between(0, 400).withDistribution(RandomDistribution.uniform()), Arbitraries.longs().between(0, DAY - 1).withDistribution(RandomDistribution.uniform()))
        .as((day, ms) -> day * DAY + ms);
    return Combinators.combine(kinds, times, Arbitraries.longs().between(100, 60_000).withDistribution(RandomDistribution.uniform())).as(Activity::new)
        .list().ofMinSize(1).ofMaxSize(25);
  }
}
