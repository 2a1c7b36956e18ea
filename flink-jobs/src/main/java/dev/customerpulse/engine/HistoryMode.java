package dev.customerpulse.engine;

import java.io.Serializable;

/**
 * Where history ends: what the job evaluates for an event time before {@link #until} builds state,
 * features, scores, segments and profiles as usual, but its churn alerts, date triggers and segment
 * changes are counted, not sent (marketing automation must not act on the past). The first live
 * evaluation of a customer known from history that publishes a profile announces their memberships
 * once, as ENTERED records, instead of the moves that led there.
 *
 * @param until epoch milliseconds of event time where history ends; {@link Long#MIN_VALUE}: no history mode
 */
public record HistoryMode(long until) implements Serializable {
  /** No history: everything is live. */
  public static final HistoryMode OFF = new HistoryMode(Long.MIN_VALUE);

  /** The reason the announcing ENTERED records carry. */
  public static final String ANNOUNCED = "member when history ended (announced at the first live evaluation)";

  public boolean enabled() {
    return until != Long.MIN_VALUE;
  }

  /** Whether what is evaluated for event time {@code time} is history. */
  public boolean isPast(long time) {
    return time < until;
  }
}
