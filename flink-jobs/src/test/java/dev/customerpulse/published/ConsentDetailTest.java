package dev.customerpulse.published;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.published.ConsentDetail.Decision;
import dev.customerpulse.state.Consents;
import org.junit.jupiter.api.Test;

/** The consent_decisions field of the Redis hash, as the job writes it and `pulse consent` reads it. */
class ConsentDetailTest {
  @Test
  void everyDecisionIsWrittenSortedAndReadBackWithItsSource() {
    Consents consents = Consents.NONE.with("profiling", false, 1_700_000_000_000L, "call centre, line 2: agent")
        .with("marketing_email", true, 1_600_000_000_000L, null);
    String field = ConsentDetail.format(consents);
    assertThat(field).isEqualTo("marketing_email:granted:1600000000000:,"
        + "profiling:withdrawn:1700000000000:call+centre%2C+line+2%3A+agent");
    assertThat(ConsentDetail.parse(field)).containsExactly(
        new Decision("marketing_email", true, 1_600_000_000_000L, null),
        new Decision("profiling", false, 1_700_000_000_000L, "call centre, line 2: agent"));
    assertThat(ConsentDetail.format(Consents.NONE)).isEmpty();
    assertThat(ConsentDetail.parse("")).isEmpty();
  }

  @Test
  void somethingElseIsRefusedInOneLine() {
    assertThatThrownBy(() -> ConsentDetail.parse("profiling:maybe:1:x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not a consent decision: 'profiling:maybe:1:x'");
  }
}
