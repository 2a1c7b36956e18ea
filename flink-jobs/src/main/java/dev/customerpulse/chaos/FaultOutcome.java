package dev.customerpulse.chaos;

import java.time.Duration;

/**
 * What one fault did.
 *
 * @param failovers failures of the job it caused (restarts of the job or of a failed region)
 * @param recovery from the moment the part broke until the job, with all its tasks running, completed a
 *     checkpoint again (its outputs were committed again)
 */
public record FaultOutcome(Fault fault, long failovers, Duration recovery) {}
