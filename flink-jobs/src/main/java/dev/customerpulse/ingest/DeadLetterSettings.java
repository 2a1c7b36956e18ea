package dev.customerpulse.ingest;

import java.io.Serializable;

/**
 * What the operators that make dead letters need to know (pulse.dead-letters.*).
 *
 * @param limits how much of a rejected record a dead letter keeps
 * @param maxProcessingErrors PROCESSING_ERROR dead letters one subtask of an operator may send within a
 *     minute before it fails the job (see {@link ProcessingErrorBudget})
 */
public record DeadLetterSettings(DeadLetterLimits limits, int maxProcessingErrors) implements Serializable {
  public static final DeadLetterSettings DEFAULTS = new DeadLetterSettings(DeadLetterLimits.DEFAULTS, 100);

  public DeadLetterSettings {
    if (maxProcessingErrors < 0) {
      throw new IllegalArgumentException("maxProcessingErrors must be 0 or more, not " + maxProcessingErrors);
    }
  }
}
