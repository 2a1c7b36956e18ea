package dev.customerpulse.ingest;

import java.util.ArrayDeque;

/**
 * How many PROCESSING_ERROR dead letters one subtask of an operator may send per minute of processing
 * time: a bug that meets one record in a million is dead-lettered and the job goes on, one that meets
 * every record fails the job loudly instead of quietly sending the whole stream to the dead letters.
 */
public final class ProcessingErrorBudget {
  public static final long WINDOW_MILLIS = 60_000;

  private final int maxPerMinute;
  private final String operator;
  /** Processing times of the latest errors within the window, oldest first; never more than maxPerMinute + 1. */
  private final ArrayDeque<Long> recent = new ArrayDeque<>();

  /**
   * @param maxPerMinute errors allowed within any minute; 0 fails at the first
   * @param operator the operator and subtask, for the failure's message
   */
  public ProcessingErrorBudget(int maxPerMinute, String operator) {
    if (maxPerMinute < 0) {
      throw new IllegalArgumentException("maxPerMinute must be 0 or more, not " + maxPerMinute);
    }
    this.maxPerMinute = maxPerMinute;
    this.operator = operator;
  }

  /**
   * Counts one error at processing time {@code now} (milliseconds).
   *
   * @throws TooManyProcessingErrors when this is one more than allowed within the last minute
   */
  public void count(long now, String error) {
    while (!recent.isEmpty() && recent.peekFirst() <= now - WINDOW_MILLIS) {
      recent.pollFirst();
    }
    recent.addLast(now);
    if (recent.size() > maxPerMinute) {
      throw new TooManyProcessingErrors(operator + ": " + recent.size() + " PROCESSING_ERROR dead letters within a minute, more"
          + " than pulse.dead-letters.max-processing-errors (" + maxPerMinute + "); the job fails rather than dead-letter the"
          + " stream. Latest: " + error + ". Fix the cause (the dead letters name the exception) or raise the setting");
    }
  }

  /** Errors counted within the minute before the latest one. */
  public int recent() {
    return recent.size();
  }

  /** Thrown, and left to fail the task, when PROCESSING_ERRORs come faster than allowed. */
  public static final class TooManyProcessingErrors extends RuntimeException {
    TooManyProcessingErrors(String message) {
      super(message);
    }
  }
}
