package dev.customerpulse.chaos;

import java.time.Duration;

/**
 * One chaos run.
 *
 * @param faults how many faults to inject
 * @param seed makes the faults and the workload reproducible
 * @param customers synthetic customers of the workload
 * @param eventsPerSecond pace of the workload while the faults are injected
 * @param quiet least time the job runs undisturbed between two faults (up to twice that)
 * @param outage least time a broken service stays broken (up to one and a half times that)
 */
public record ChaosSettings(int faults, long seed, int customers, double eventsPerSecond, Duration quiet, Duration outage) {
  public ChaosSettings {
    if (faults < 0) {
      throw new IllegalArgumentException("--faults must not be negative, got " + faults);
    }
    if (customers < 1) {
      throw new IllegalArgumentException("--customers must be at least 1, got " + customers);
    }
    if (eventsPerSecond <= 0) {
      throw new IllegalArgumentException("--rate must be positive, got " + eventsPerSecond);
    }
  }
}
