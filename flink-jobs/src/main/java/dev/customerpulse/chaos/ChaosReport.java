package dev.customerpulse.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The faults a chaos run injected, what they cost, and the verdict against the reference run. */
public record ChaosReport(long seed, long events, List<FaultOutcome> outcomes, long failovers, String compared,
    boolean passed, int differenceCount, List<String> differences) {

  public Duration recoveryMedian() {
    List<Duration> times = sorted();
    return times.isEmpty() ? Duration.ZERO : times.get(times.size() / 2);
  }

  public Duration recoveryMax() {
    List<Duration> times = sorted();
    return times.isEmpty() ? Duration.ZERO : times.get(times.size() - 1);
  }

  private List<Duration> sorted() {
    List<Duration> times = new ArrayList<>();
    outcomes.forEach(o -> times.add(o.recovery()));
    times.sort(null);
    return times;
  }

  /** The report as the CLI prints it. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    int n = 1;
    for (FaultOutcome outcome : outcomes) {
      lines.add(String.format("%3d  %-62s  failovers %d, recovered in %.1f s", n++, outcome.fault(), outcome.failovers(),
          outcome.recovery().toMillis() / 1000.0));
    }
    lines.add(String.format("faults %d, events %,d, failovers %d, recovery p50 %.1f s, max %.1f s (seed %d)", outcomes.size(),
        events, failovers, recoveryMedian().toMillis() / 1000.0, recoveryMax().toMillis() / 1000.0, seed));
    lines.add("compared: " + compared);
    if (passed) {
      lines.add("verdict: PASSED: the faulted run's outputs equal the failure-free reference's");
    } else {
      lines.add("verdict: FAILED: " + differenceCount + " differences from the failure-free reference, first ones:");
      differences.forEach(d -> lines.add("  " + d));
    }
    return lines;
  }
}
