package dev.customerpulse.connectors.registry;

import java.time.Duration;

/**
 * Time as the registry client reads it and waits it out. The client's retries go through this, so
 * that tests can run them on a clock that moves only when the client sleeps.
 */
interface RegistryClock {
  /** The system's clock and {@link Thread#sleep}. */
  RegistryClock SYSTEM = new RegistryClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
  };

  /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  void sleep(Duration duration) throws InterruptedException;
}
