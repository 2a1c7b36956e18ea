package dev.customerpulse.generator;

import java.time.Duration;
import java.time.Instant;

/**
 * Shape of the synthetic population and its event stream.
 *
 * @param customers number of distinct customers
 * @param seed makes the population and the stream reproducible
 * @param eventsPerSecond planned rate; with {@code timeScale} it sets how far event time moves per event
 * @param timeScale event-time seconds per wall-clock second (3600: an hour of customer life per second)
 * @param start event time of the first event
 * @param anonymousShare share of sessions that browse anonymously before logging in
 * @param driftShare share of customers who drift away and go silent at some point
 * @param driftHorizon event-time span over which drifters go silent
 * @param badRecordShare share of records sent malformed (dead-letter demo)
 */
public record GeneratorSettings(int customers, long seed, double eventsPerSecond, double timeScale, Instant start,
    double anonymousShare, double driftShare, Duration driftHorizon, double badRecordShare) {

  public GeneratorSettings {
    if (customers < 1) {
      throw new IllegalArgumentException("customers must be at least 1, got " + customers);
    }
    if (eventsPerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive, got " + eventsPerSecond);
    }
    if (timeScale <= 0) {
      throw new IllegalArgumentException("time scale must be positive, got " + timeScale);
    }
    requireShare("anonymous share", anonymousShare);
    requireShare("drift share", driftShare);
    if (driftShare >= 1) {
      throw new IllegalArgumentException("drift share must be below 1: someone has to stay, got " + driftShare);
    }
    requireShare("bad record share", badRecordShare);
  }

  private static void requireShare(String what, double share) {
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException(what + " must be between 0 and 1, got " + share);
    }
  }

  /** Event-time milliseconds between consecutive events. */
  public double eventTimeStepMillis() {
    return timeScale * 1000.0 / eventsPerSecond;
  }
}
