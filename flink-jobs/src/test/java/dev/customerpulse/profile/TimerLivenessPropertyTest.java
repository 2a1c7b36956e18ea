package dev.customerpulse.profile;

import dev.customerpulse.engine.TestLogic;
import dev.customerpulse.engine.TestEvents;

import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.state.CustomerState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.InternalTimer;

/**
 * The profile operator's timers on random customers: orders at random times of day, refunds, carts,
 * clicks, service calls, birthdays and merges, arriving up to two days late, under watermarks that
 * stop anywhere. After every watermark step: each timer fired a bounded number of times, every
 * customer's next timer lies after the watermark, a silent customer was rescored within one
 * rescoring interval, no customer is missing or kept past its retention; at the end of input no
 * timer is left.
 */
class TimerLivenessPropertyTest {
  private static final long DAY = TestEvents.DAY;
  private static final long SPAN = 150 * DAY;
  private static final Duration RESCORE = TestLogic.SHORT_RETENTION.rescoreInterval();
  private static final Duration RETENTION = TestLogic.SHORT_RETENTION.customerRetention();
  /** Firings one customer may need in one watermark step: its due time, a birthday, an anniversary, slack. */
  private static final int FIRINGS_PER_KEY = 6;
  /** Short retentions, so that customers and aliases expire within the generated span. */
  static final ProfileLogic LOGIC = TestLogic.SHORT_RETENTION;

  /** One generated input: which customer, what, when it happened, and how late it arrives. */
  record Input(int customer, EventKind kind, long time, long delay, long amount, int other) {
    long arrival() {
      return time + delay;
    }
  }

  /** The operator, counting its timer firings and failing (instead of spinning) past a budget. */
  static final class CountingOperator extends CustomerProfileOperator {
    long fired;
    long budget = Long.MAX_VALUE;

    CountingOperator(int cacheCustomers) {
      super(new CustomerProfileFunction(LOGIC), cacheCustomers);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
      if (++fired > budget) {
        throw new AssertionError("more than " + budget + " timer firings in one watermark step (last at "
            + timer.getTimestamp() + " for " + timer.getKey() + "): a timer that makes no progress");
      }
      super.onEventTime(timer);
    }
  }

  @Property(tries = 80, shrinking = ShrinkingMode.BOUNDED)
  void timersAlwaysMoveForwardAndNobodyIsLeftBehind(@ForAll("inputs") List<Input> inputs,
      @ForAll("watermarks") List<Long> watermarks, @ForAll boolean cached) throws Exception {
    CountingOperator operator = new CountingOperator(cached ? 100 : 0);
    ProfileHarness.Operator harness = new ProfileHarness.Operator(operator, 1, 0);
    harness.setStateBackend(new org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend());
    harness.setup();
    harness.open();
    try {
      run(harness, operator, inputs, watermarks);
    } finally {
      harness.close();
    }
  }

  private void run(ProfileHarness.Operator harness, CountingOperator operator, List<Input> inputs, List<Long> watermarks)
      throws Exception {
    List<Input> byArrival = new ArrayList<>(inputs);
    byArrival.sort(Comparator.comparingLong(Input::arrival));
    ProfileHarness.Unread<CustomerEvent> handoffs = new ProfileHarness.Unread<>(ProfileOutputs.HANDOFFS);
    Map<String, Long> lastSent = new HashMap<>();
    int next = 0;
    int sequence = 0;
    for (long watermark : watermarks) {
      for (; next < byArrival.size() && byArrival.get(next).arrival() <= watermark; next++) {
        Input input = byArrival.get(next);
        CustomerEvent event = eventOf(input, ++sequence);
        // A merge's survivor gets state only through a handoff, when the merged id had some: only the
        // key an event was sent to is sure to have state. Identity facts are not activity (they do
        // not keep a lapsed customer alive), so they do not count here either.
        if (input.kind() != EventKind.IDENTIFY) {
          lastSent.merge(event.customerKey, input.time(), Math::max);
        }
        harness.processElement(event, event.eventTime);
      }
      for (List<CustomerEvent> batch = handoffs.take(harness); !batch.isEmpty(); batch = handoffs.take(harness)) {
        for (CustomerEvent handoff : batch) {
          CustomerEvent read = HandoffRecords.decode(HandoffRecords.encode(handoff));
          harness.processElement(read, read.eventTime);
        }
      }
      List<String> keys = ProfileHarness.keysWith(harness, "customer");
      operator.fired = 0;
      operator.budget = (long) FIRINGS_PER_KEY * (keys.size() + 1);
      harness.processWatermark(watermark);
      checkAfterStep(harness, watermark, lastSent);
    }
    operator.budget = Long.MAX_VALUE;
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(harness.numEventTimeTimers()).as("no timer left at the end of input").isZero();
  }

  private static void checkAfterStep(ProfileHarness.Operator harness, long watermark, Map<String, Long> lastSent)
      throws Exception {
    List<String> keys = ProfileHarness.keysWith(harness, "customer");
    assertThat(harness.numEventTimeTimers()).as("one timer per key with state at watermark %d", watermark)
        .isEqualTo(keys.size());
    for (String key : keys) {
      CustomerState state = ProfileHarness.stateOf(harness, key);
      assertThat(state.pendingTimer).as("%s's next timer lies after the watermark %d", key, watermark).isGreaterThan(watermark);
      assertThat(state.lastSeen + RETENTION.toMillis()).as("%s is kept only within its retention", key).isGreaterThan(watermark);
      if (state.aliasOf == null) {
        assertThat(state.scoredAt).as("%s was rescored within one interval of the watermark %d", key, watermark)
            .isGreaterThan(watermark - RESCORE.toMillis());
      }
    }
    for (var sent : lastSent.entrySet()) {
      if (sent.getValue() + RETENTION.toMillis() > watermark) {
        assertThat(keys).as("%s, last sent at %d, is still there at %d", sent.getKey(), sent.getValue(), watermark)
            .contains(sent.getKey());
      }
    }
  }

  private static CustomerEvent eventOf(Input input, int sequence) {
    String key = "c" + input.customer();
    long amount = input.kind() == EventKind.ORDER_PAID || input.kind() == EventKind.ORDER_REFUNDED ? input.amount() : 0;
    CustomerEvent event = new CustomerEvent(key, "e" + sequence, input.kind(), input.time(), input.arrival(), amount,
        amount == 0 ? null : "EUR");
    switch (input.kind()) {
      case MERGE -> event.otherKey = "c" + input.other();
      case IDENTIFY -> {
        event.withIdentity(null, null, null, input.time() - input.amount() * DAY);
        event.birthMonthDay = 100 * (1 + input.other() % 12) + 1 + (int) (input.amount() % 28);
      }
      case SERVICE_CALL -> event.withServiceOutcome(input.amount() % 2 == 0, input.amount() % 3 == 0, 3, 7);
      default -> { }
    }
    return event;
  }

  @Provide
  Arbitrary<List<Input>> inputs() {
    Arbitrary<EventKind> kinds = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just(EventKind.ORDER_PAID)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(EventKind.ORDER_REFUNDED)),
        net.jqwik.api.Tuple.of(4, Arbitraries.just(EventKind.PAGE_VIEW)),
        net.jqwik.api.Tuple.of(3, Arbitraries.just(EventKind.ADD_TO_CART)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(EventKind.SERVICE_CALL)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(EventKind.IDENTIFY)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(EventKind.MERGE)));
    // Days cluster so that gaps of every length occur; times of day are anything but midnight-only.
    Arbitrary<Long> times = Combinators.combine(Arbitraries.longs().between(0, SPAN / DAY).withDistribution(RandomDistribution.uniform()), Arbitraries.longs().between(0, DAY - 1).withDistribution(RandomDistribution.uniform()))
        .as((day, ms) -> day * DAY + ms);
    Arbitrary<Long> delays = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just(0L)),
        net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 2 * DAY).withDistribution(RandomDistribution.uniform())));
    Arbitrary<Input> input = Combinators.combine(Arbitraries.integers().between(0, 3), kinds, times, delays,
        Arbitraries.longs().between(100, 25_000).withDistribution(RandomDistribution.uniform()), Arbitraries.integers().between(0, 3))
        .as(Input::new)
        .filter(i -> i.kind() != EventKind.MERGE || i.other() != i.customer());
    return input.list().ofMinSize(1).ofMaxSize(40);
  }

  /**
   * Ascending stops at any time of day, as a real watermark moves: mostly a few hours at a time
   * (which makes daily rescorings at odd hours, then stops just after a midnight), sometimes leaping
   * weeks ahead, up to beyond the span so that customers expire.
   */
  @Provide
  Arbitrary<List<Long>> watermarks() {
    long hour = DAY / 24;
    Arbitrary<Long> steps = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(30, Arbitraries.longs().between(1, 30 * hour).withDistribution(RandomDistribution.uniform())),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(DAY, 40 * DAY).withDistribution(RandomDistribution.uniform())));
    return Combinators.combine(Arbitraries.longs().between(0, SPAN / 3).withDistribution(RandomDistribution.uniform()), steps.list().ofMinSize(1).ofMaxSize(150))
        .as((start, gaps) -> {
          List<Long> stops = new ArrayList<>();
          long at = start;
          for (long gap : gaps) {
            at += gap;
            stops.add(at);
          }
          stops.add(SPAN + RETENTION.toMillis() + 2 * DAY);
          return stops;
        });
  }
}
