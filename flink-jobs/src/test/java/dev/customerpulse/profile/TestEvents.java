package dev.customerpulse.profile;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;

/** Small builders for events in tests. */
final class TestEvents {
  static final long DAY = 24L * 3600 * 1000;
  private static int sequence;

  private TestEvents() {}

  static CustomerEvent event(String key, EventKind kind, long time) {
    return new CustomerEvent(key, "e" + (++sequence), kind, time, 1_000L + time, 0, null);
  }

  static CustomerEvent order(String key, EventKind kind, long time, long amountMinor, String currency) {
    return new CustomerEvent(key, "o" + (++sequence), kind, time, 1_000L + time, amountMinor, currency);
  }
}
