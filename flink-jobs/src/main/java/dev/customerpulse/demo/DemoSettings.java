package dev.customerpulse.demo;

import java.time.Duration;

/**
 * @param rate events per second the generator produces
 * @param duration how long the generator runs; zero runs until Ctrl-C
 * @param customers synthetic customers
 * @param timeScale event-time seconds per wall-clock second
 * @param badRecordShare share of malformed records
 * @param parallelism job parallelism
 * @param exitWhenDone stop everything when the generator is done instead of waiting for Ctrl-C
 * @param jobSettings settings of the job (pulse.* or Flink) over the demo's own, as -D gives them to pulse run
 */
public record DemoSettings(double rate, Duration duration, int customers, double timeScale, double badRecordShare,
    int parallelism, boolean exitWhenDone, java.util.Map<String, String> jobSettings) {

  public DemoSettings {
    jobSettings = java.util.Map.copyOf(jobSettings);
  }
}
