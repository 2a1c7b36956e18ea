package dev.customerpulse.connectors.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when the client sleeps, and remembers every sleep. */
final class SteppingClock implements RegistryClock {
  private long now = 1_000_000_000L;
  final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    now += duration.toNanos();
  }

  synchronized void advance(Duration duration) {
    now += duration.toNanos();
  }
}
