package dev.customerpulse.engine;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;

/** Small builders for events in tests. */
public final class TestEvents {
  public static final long DAY = 24L * 3600 * 1000;
  private static int sequence;

  private TestEvents() {}

  public static CustomerEvent event(String key, EventKind kind, long time) {
    return new CustomerEvent(key, "e" + (++sequence), kind, time, 1_000L + time, 0, null);
  }

  public static CustomerEvent order(String key, EventKind kind, long time, long amountMinor, String currency) {
    return new CustomerEvent(key, "o" + (++sequence), kind, time, 1_000L + time, amountMinor, currency);
  }
}
