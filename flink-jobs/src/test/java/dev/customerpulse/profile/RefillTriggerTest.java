package dev.customerpulse.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.connectors.redis.RedisGeneration.Marker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a profile-operator instance writes all its profiles to Redis again. */
class RefillTriggerTest {

  @Test
  void aFirstStartTakesTheMarkerAsItIsAndRefillsWhenItHadToWriteIt() {
    RefillTrigger found = new RefillTrigger(List.of());
    assertThat(found.refill(new Marker("a", false))).isFalse();
    RefillTrigger missing = new RefillTrigger(List.of());
    assertThat(missing.refill(new Marker("a", true))).isTrue();
    assertThat(missing.snapshot()).containsExactly("a");
  }

  @Test
  void aMissingMarkerOrAnotherTokenRefillsOnceThenNothingUntilItChangesAgain() {
    RefillTrigger trigger = new RefillTrigger(List.of());
    assertThat(List.of(trigger.refill(new Marker("a", false)), trigger.refill(new Marker("a", false)),
        trigger.refill(new Marker("b", true)), trigger.refill(new Marker("b", false)), trigger.refill(new Marker("c", false)),
        trigger.refill(new Marker("c", false)))).containsExactly(false, false, true, false, true, false);
    assertThat(trigger.snapshot()).containsExactly("c");
  }

  @Test
  void afterARestoreTheTokensEveryInstanceSawMustAllBeTheMarker() {
    assertThat(new RefillTrigger(List.of("a", "a")).refill(new Marker("a", false))).isFalse();
    assertThat(new RefillTrigger(List.of("a")).refill(new Marker("b", false))).as("Redis lost its data while the job was down")
        .isTrue();
    assertThat(new RefillTrigger(List.of("a", "b")).refill(new Marker("b", false)))
        .as("rescaled: some of these keys were on an instance that had not refilled yet").isTrue();
    RefillTrigger notLookedYet = new RefillTrigger(List.of("b", "a"));
    assertThat(notLookedYet.snapshot()).as("kept until the first look").containsExactly("a", "b");
  }
}
