package dev.customerpulse.engine;

import dev.customerpulse.state.CustomerState;

/**
 * Keeps exactly one timer per key, never later than the earliest of rescoring, segment changes, dates,
 * cart abandonment and expiry after the moment checked up to (see {@link DueTimes}). A timer is only
 * ever moved earlier: moving it on every event (rescoring is due a day after the latest) would rewrite
 * the timer in RocksDB each time; a timer that fires early reschedules.
 */
final class TimerPlan {
  private final DueTimes dueTimes;

  TimerPlan(DueTimes dueTimes) {
    this.dueTimes = dueTimes;
  }

  void schedule(CustomerState customer, boolean anonymous, long checkedUntil, Effects effects) {
    long due = dueTimes.next(customer, anonymous, checkedUntil);
    if (customer.pendingTimer != CustomerState.NONE && customer.pendingTimer <= due) {
      return;
    }
    effects.moveTimer(customer.pendingTimer, due);
    customer.pendingTimer = due;
  }

  /** After an event or an identity change: the customer was last looked at when last scored. */
  void schedule(CustomerState customer, boolean anonymous, Effects effects) {
    schedule(customer, anonymous, customer.scoredAt, effects);
  }
}
