package dev.customerpulse.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/** One line of live progress for a local job, ending in STALLED and the reason when it makes no progress. */
public final class ProgressFormat {
  private final LongSupplier nanoClock;
  private final StallDetector stalls;
  private long lastEventsIn;
  private long lastNanos;
  private final long startNanos;

  /** @param checkpointInterval the job's checkpoint interval, which a stall is measured in */
  public ProgressFormat(Duration checkpointInterval) {
    this(checkpointInterval, System::nanoTime);
  }

  ProgressFormat(Duration checkpointInterval, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.stalls = new StallDetector(checkpointInterval);
    this.startNanos = nanoClock.getAsLong();
    this.lastNanos = startNanos;
  }

  public String next(PipelineStats stats, long produced) {
    long now = nanoClock.getAsLong();
    double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
    // A restarted task starts its counters again: never show a negative rate.
    long rate = Math.max(0, Math.round((stats.eventsIn() - lastEventsIn) / seconds));
    lastEventsIn = stats.eventsIn();
    lastNanos = now;
    long elapsed = (now - startNanos) / 1_000_000_000L;
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4ds", elapsed));
    if (produced >= 0) {
      line.append(String.format(Locale.ROOT, "  produced %,d", produced));
    }
    line.append(String.format(Locale.ROOT, "  events in %,d (%,d/s)  customers %,d  segment changes %,d  dead letters %,d",
        stats.eventsIn(), rate, stats.customers(), stats.segmentChanges(), stats.deadLetters()));
    if (stats.eventToRedisMillis().getTotalCount() > 0) {
      line.append(String.format(Locale.ROOT, "  redis p50 %d ms p99 %d ms",
          stats.eventToRedisMillis().getValueAtPercentile(50), stats.eventToRedisMillis().getValueAtPercentile(99)));
    }
    if (stats.completedCheckpoints() > 0) {
      line.append(String.format(Locale.ROOT, "  checkpoints %d (last %d ms)", stats.completedCheckpoints(), stats.lastCheckpointMillis()));
    }
    stalls.observe(stats.stallSample((now - startNanos) / 1_000_000L))
        .ifPresent(reason -> line.append("  STALLED: ").append(reason));
    return line.toString();
  }
}
