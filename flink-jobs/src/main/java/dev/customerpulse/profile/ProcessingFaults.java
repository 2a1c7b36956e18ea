package dev.customerpulse.profile;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.DeadLetterSettings;
import dev.customerpulse.ingest.ProcessingErrorBudget;
import java.io.Serializable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * What the profile operator does with an unexpected exception for one event or timer: which
 * exceptions are the event's (a fault in the job's logic) rather than the task's (Flink's state
 * backend, the error budget itself), how many it rides out (pulse.dead-letters.max-processing-errors),
 * and the test fault hook pulse.test.inject-exception-every.
 */
final class ProcessingFaults implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DeadLetterSettings settings;
  private final long injectEvery;
  private final String crashFile;
  private transient ProcessingErrorBudget budget;
  private transient long nextCrashCheck;
  private transient Counter deadLetters;
  private transient long events;

  /** @param injectEvery throw an {@link InjectedFault} at every n-th event of a subtask; 0: never (production) */
  ProcessingFaults(DeadLetterSettings settings, long injectEvery, String crashFile) {
    this.settings = settings;
    this.injectEvery = injectEvery;
    this.crashFile = crashFile;
  }

  void open(int subtask, int parallelism, MetricGroup pulseMetrics) {
    budget = new ProcessingErrorBudget(settings.maxProcessingErrors(),
        CustomerProfileFunction.OPERATOR + " (subtask " + subtask + " of " + parallelism + ")");
    deadLetters = pulseMetrics.addGroup("reason", "PROCESSING_ERROR").counter("deadLetters");
    events = 0;
  }

  DeadLetterSettings settings() {
    return settings;
  }

  /** The test fault hook: at every n-th event of this subtask, an {@link InjectedFault}. */
  void beforeEvent(CustomerEvent event) {
    if (injectEvery > 0 && ++events % injectEvery == 0) {
      throw new InjectedFault("pulse.test.inject-exception-every=" + injectEvery + ": event " + events + " of this subtask ("
          + event.eventId + ")");
    }
    if (crashFile != null) {
      crashIfAsked(event);
    }
  }

  /**
   * The test crash hook: looks for the file at most every 100 ms; the subtask that deletes it crashes
   * (an Error, which no handler of processing errors takes), so the job fails over once, at whatever
   * event comes next.
   */
  private void crashIfAsked(CustomerEvent event) {
    long now = System.nanoTime();
    if (now < nextCrashCheck) {
      return;
    }
    nextCrashCheck = now + 100_000_000L;
    try {
      if (java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(crashFile))) {
        throw new InjectedCrash("pulse.test.crash-file " + crashFile + " appeared: crashing at event " + event.eventId);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot look at pulse.test.crash-file " + crashFile, e);
    }
  }

  /**
   * Whether an exception thrown while handling one event or timer is that event's processing error.
   * Flink's own (the state backend's) and a spent error budget fail the task instead.
   */
  static boolean isProcessingError(RuntimeException e) {
    return !(e instanceof FlinkRuntimeException) && !(e instanceof ProcessingErrorBudget.TooManyProcessingErrors);
  }

  /** Counts a PROCESSING_ERROR dead letter sent at processing time {@code now}; fails the task when they come too fast. */
  void sent(DeadLetter letter, long now) {
    deadLetters.inc();
    budget.count(now, letter.getException());
  }
}
