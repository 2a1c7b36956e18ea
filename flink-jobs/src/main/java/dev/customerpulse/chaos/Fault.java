package dev.customerpulse.chaos;

import java.time.Duration;

/**
 * One planned fault.
 *
 * @param kind what breaks
 * @param quietBefore time the job runs undisturbed before this fault (after the previous one ended)
 * @param lasts how long the fault holds before the broken part is brought back
 * @param target which of several parts (a TaskManager's index); 0 where there is one
 */
public record Fault(FaultKind kind, Duration quietBefore, Duration lasts, int target) {
  @Override
  public String toString() {
    String held = lasts.isZero() ? "" : String.format(" (%.1f s)", lasts.toMillis() / 1000.0);
    return kind.description() + held;
  }
}
