package dev.customerpulse.engine;

import dev.customerpulse.state.CustomerState;

/**
 * History mode after each evaluation (see {@link HistoryMode}): holds back what was evaluated for the
 * past, and at a customer's first live evaluation that publishes a profile replaces the moves by one
 * announcement of where the customer is.
 */
final class HistoryHold {
  private final HistoryMode mode;
  private final SegmentMoves moves;

  HistoryHold(HistoryMode mode, SegmentMoves moves) {
    this.mode = mode;
    this.moves = moves;
  }

  /**
   * The evaluation whose {@code effects} these are was for event time {@code time}; the customer had
   * last been looked at {@code lookedAtBefore} ({@link CustomerState#NONE}: there was no state).
   */
  void after(String key, long lookedAtBefore, long time, Effects effects) {
    if (!mode.enabled()) {
      return;
    }
    if (mode.isPast(time)) {
      effects.holdBack();
      return;
    }
    if (lookedAtBefore == CustomerState.NONE || !mode.isPast(lookedAtBefore) || effects.updates.isEmpty()) {
      return;
    }
    if (effects.stateChange() == Effects.StateChange.DELETE) {
      // Expired when live time arrived: it leaves segments it was never announced in.
      effects.dropSegmentChanges();
      return;
    }
    if (effects.stateChange() != Effects.StateChange.STORE || effects.state().aliasOf != null) {
      return;
    }
    effects.dropSegmentChanges();
    moves.announce(key, effects.state(), time, HistoryMode.ANNOUNCED, effects);
    effects.count(EngineMetric.HISTORY_MEMBERSHIPS_ANNOUNCED);
  }
}
