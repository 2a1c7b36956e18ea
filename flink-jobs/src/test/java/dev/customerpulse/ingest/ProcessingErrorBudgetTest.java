package dev.customerpulse.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Errors are counted over the last minute of processing time; one more than allowed fails. */
class ProcessingErrorBudgetTest {
  @Test
  void oneMoreErrorThanAllowedWithinAMinuteFailsNamingTheSettingAndTheLatestError() {
    ProcessingErrorBudget budget = new ProcessingErrorBudget(2, "source (subtask 0 of 1)");
    budget.count(0, "a");
    budget.count(59_999, "b");
    assertThatThrownBy(() -> budget.count(59_999, "java.lang.IllegalStateException: boom"))
        .isInstanceOf(ProcessingErrorBudget.TooManyProcessingErrors.class)
        .hasMessage("source (subtask 0 of 1): 3 PROCESSING_ERROR dead letters within a minute, more than"
            + " pulse.dead-letters.max-processing-errors (2); the job fails rather than dead-letter the stream. Latest:"
            + " java.lang.IllegalStateException: boom. Fix the cause (the dead letters name the exception) or raise the setting");
  }

  @Test
  void anErrorAMinuteOldNoLongerCounts() {
    ProcessingErrorBudget budget = new ProcessingErrorBudget(2, "op");
    budget.count(0, "a");
    budget.count(30_000, "b");
    budget.count(60_000, "c");
    assertThat(budget.recent()).isEqualTo(2);
    assertThatThrownBy(() -> budget.count(61_000, "d")).isInstanceOf(ProcessingErrorBudget.TooManyProcessingErrors.class);
  }

  @Test
  void zeroFailsAtTheFirst() {
    ProcessingErrorBudget budget = new ProcessingErrorBudget(0, "op");
    assertThatThrownBy(() -> budget.count(0, "a")).isInstanceOf(ProcessingErrorBudget.TooManyProcessingErrors.class)
        .hasMessageStartingWith("op: 1 PROCESSING_ERROR dead letters within a minute, more than"
            + " pulse.dead-letters.max-processing-errors (0)");
  }
}
