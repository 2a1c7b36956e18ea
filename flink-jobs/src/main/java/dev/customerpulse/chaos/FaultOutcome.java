package dev.customerpulse.chaos;

import java.time.Duration;

/**
 * What one fault did.
 *
 * @param restarts job restarts it caused (Flink's numRestarts before and after)
 * @param recovery from the moment the part broke until the job, with all its tasks running, completed a
 *     checkpoint again (its outputs were committed again)
 */
public record FaultOutcome(Fault fault, long restarts, Duration recovery) {}
