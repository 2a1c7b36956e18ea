package dev.customerpulse.engine;

import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Birthdays and sign-up anniversaries come out once each, on their day in event time (on the engine alone). */
class DateTriggersTest {
  private EngineDriver engine;

  @BeforeEach
  void open() {
    engine = new EngineDriver(TestLogic.DEFAULTS);
  }

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private void identify(String customer, long time, long signedUp, int birthMonthDay) throws Exception {
    CustomerEvent identify = new CustomerEvent(customer, "i-" + customer, EventKind.IDENTIFY, time, time, 0, null)
        .withIdentity(null, null, null, signedUp);
    identify.birthMonthDay = birthMonthDay;
    engine.processElement(identify);
  }

  private List<org.assertj.core.groups.Tuple> triggers() {
    return engine.dateTriggers.stream()
        .map(t -> tuple(t.getTriggerId(), t.getTrigger().name(), t.getDate(), t.getYears(), t.getEventTime())).toList();
  }

  @Test
  void eachBirthdayAndAnniversaryFiresOnceOnItsDay() throws Exception {
    long start = at("2025-01-01T10:00:00Z");
    identify("ann", start, at("2024-03-10T18:30:00Z"), 517);
    identify("bob", start, Long.MIN_VALUE, 229);
    for (long t = at("2025-01-02T00:00:00Z"); t <= at("2026-06-01T00:00:00Z"); t += DAY / 2) {
      engine.processWatermark(t);
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
    engine.processWatermark(at("2025-05-16T00:00:00Z"));
    engine.processWatermark(at("2025-05-20T00:00:00Z"));
    engine.processWatermark(at("2025-05-21T00:00:00Z"));
    assertThat(triggers()).extracting(t -> t.toArray()[0]).containsExactly("cat/birthday/2025-05-17");
  }

  @Test
  void triggersNameTheirPurposeAndNeedIt() throws Exception {
    identify("dan", at("2025-05-01T10:00:00Z"), Long.MIN_VALUE, 517);
    identify("eve", at("2025-05-01T10:00:00Z"), Long.MIN_VALUE, 517);
    long decided = at("2025-05-02T10:00:00Z");
    engine.processElement(new CustomerEvent("eve", "c-eve", EventKind.CONSENT, decided, decided, 0, null)
        .withConsent("marketing_email", false, "unsubscribe-link"));
    engine.processWatermark(at("2025-05-16T00:00:00Z"));
    engine.processWatermark(at("2025-05-18T00:00:00Z"));
    assertThat(engine.dateTriggers).extracting(t -> t.getTriggerId(), t -> t.getPurpose())
        .as("eve withdrew the purpose date triggers need").containsExactly(tuple("dan/birthday/2025-05-17", "marketing_email"));
  }
}
