package dev.customerpulse.profile;

import dev.customerpulse.engine.TestEvents;

import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Birthdays and sign-up anniversaries come out once each, on their day in event time. */
class DateTriggersTest {
  private ProfileHarness.Operator harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProfileHarness.open(CustomerProfileFunctionTest.LOGIC);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private void identify(String customer, long time, long signedUp, int birthMonthDay) throws Exception {
    CustomerEvent identify = new CustomerEvent(customer, "i-" + customer, EventKind.IDENTIFY, time, time, 0, null)
        .withIdentity(null, null, null, signedUp);
    identify.birthMonthDay = birthMonthDay;
    harness.processElement(identify, time);
  }

  private List<org.assertj.core.groups.Tuple> triggers() {
    return ProfileHarness.sideOutput(harness, ProfileOutputs.DATE_TRIGGERS).stream()
        .map(t -> tuple(t.getTriggerId(), t.getTrigger().name(), t.getDate(), t.getYears(), t.getEventTime())).toList();
  }

  @Test
  void eachBirthdayAndAnniversaryFiresOnceOnItsDay() throws Exception {
    long start = at("2025-01-01T10:00:00Z");
    identify("ann", start, at("2024-03-10T18:30:00Z"), 517);
    identify("bob", start, Long.MIN_VALUE, 229);
    for (long t = at("2025-01-02T00:00:00Z"); t <= at("2026-06-01T00:00:00Z"); t += DAY / 2) {
      harness.processWatermark(t);
    }
    assertThat(triggers()).containsExactlyInAnyOrder(
        tuple("ann/anniversary/2025-03-10", "ANNIVERSARY", "2025-03-10", 1, Instant.parse("2025-03-10T00:00:00Z")),
        tuple("ann/birthday/2025-05-17", "BIRTHDAY", "2025-05-17", null, Instant.parse("2025-05-17T00:00:00Z")),
        tuple("ann/anniversary/2026-03-10", "ANNIVERSARY", "2026-03-10", 2, Instant.parse("2026-03-10T00:00:00Z")),
        tuple("ann/birthday/2026-05-17", "BIRTHDAY", "2026-05-17", null, Instant.parse("2026-05-17T00:00:00Z")),
        tuple("bob/birthday/2025-02-28", "BIRTHDAY", "2025-02-28", null, Instant.parse("2025-02-28T00:00:00Z")),
        tuple("bob/anniversary/2026-01-01", "ANNIVERSARY", "2026-01-01", 1, Instant.parse("2026-01-01T00:00:00Z")),
        tuple("bob/birthday/2026-02-28", "BIRTHDAY", "2026-02-28", null, Instant.parse("2026-02-28T00:00:00Z")));
  }

  @Test
  void aWatermarkThatLeapsOverTheDayStillFiresItOnce() throws Exception {
    identify("cat", at("2025-05-01T10:00:00Z"), Long.MIN_VALUE, 517);
    harness.processWatermark(at("2025-05-16T00:00:00Z"));
    harness.processWatermark(at("2025-05-20T00:00:00Z"));
    harness.processWatermark(at("2025-05-21T00:00:00Z"));
    assertThat(triggers()).extracting(t -> t.toArray()[0]).containsExactly("cat/birthday/2025-05-17");
  }
}
