package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenEventIdsTest {
  private static final long HORIZON = 1_000;

  @Test
  void idsAreKeptOldestFirstUntilTheHorizon() {
    SeenEventIds seen = new SeenEventIds();
    seen.add(7, 100, HORIZON);
    seen.add(8, 200, HORIZON);
    seen.add(9, 300, HORIZON);

    seen.expire(1_199, HORIZON);
    assertThat(seen.ids()).containsExactly(8L, 9L);
    assertThat(seen.contains(7)).isFalse();
    assertThat(seen.contains(9)).isTrue();
    seen.expire(1_300, HORIZON);
    assertThat(seen.ids()).isEmpty();
  }

  @Test
  void theOldestIdMovesOutWhenFullAndSetsTheMapDeadline() {
    SeenEventIds seen = new SeenEventIds();
    for (int i = 0; i < SeenEventIds.CAPACITY; i++) {
      assertThat(seen.add(i, i, HORIZON)).isFalse();
    }
    assertThat(seen.mayHaveSpilled(0)).isFalse();

    assertThat(seen.add(99, 500, HORIZON)).isTrue();
    assertThat(seen.movedOut()).isZero();
    assertThat(seen.size()).isEqualTo(SeenEventIds.CAPACITY);
    assertThat(seen.id(0)).isEqualTo(1);
    assertThat(seen.id(SeenEventIds.CAPACITY - 1)).isEqualTo(99);
    assertThat(seen.spilledUntil()).isEqualTo(1_500);
    assertThat(seen.mayHaveSpilled(1_499)).isTrue();

    seen.expire(1_499, HORIZON);
    assertThat(seen.ids()).as("all but the one seen at 500 expired").containsExactly(99L);
    assertThat(seen.mayHaveSpilled(1_499)).isTrue();
    seen.expire(1_500, HORIZON);
    assertThat(seen.ids()).isEmpty();
    assertThat(seen.spilledUntil()).isEqualTo(SeenEventIds.NEVER);
  }

  @Test
  void stateFromBeforeLooksInTheMapForOneHorizonFromItsFirstEvent() {
    SeenEventIds seen = SeenEventIds.unknown();
    assertThat(seen.mayHaveSpilled(5_000)).isTrue();
    seen.expire(5_000, HORIZON);
    assertThat(seen.spilledUntil()).isEqualTo(6_000);
    seen.expire(6_000, HORIZON);
    assertThat(seen.mayHaveSpilled(6_000)).isFalse();
  }

  @Test
  void aCopyIsIndependent() {
    SeenEventIds seen = new SeenEventIds();
    seen.add(1, 10, HORIZON);
    SeenEventIds copy = seen.copy();
    seen.add(2, 20, HORIZON);
    seen.clear();
    assertThat(copy.ids()).containsExactly(1L);
    assertThat(seen.size()).isZero();
  }

  @Test
  void copyFromMakesAnEqualMemoryThatLaterChangesDoNotReach() {
    SeenEventIds seen = new SeenEventIds();
    for (long id = 1; id <= 5; id++) {
      seen.add(id, id * 10, HORIZON);
    }
    SeenEventIds aside = new SeenEventIds();
    aside.add(99, 1, HORIZON);
    aside.copyFrom(seen);
    seen.add(6, 60, HORIZON);
    seen.expire(HORIZON + 20, HORIZON);

    assertThat(aside.ids()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(aside.seenAt(4)).isEqualTo(50);
    assertThat(aside.spilledUntil()).isEqualTo(SeenEventIds.NEVER);
    assertThat(seen.ids()).containsExactly(3L, 4L, 5L, 6L);

    // A smaller memory copied over a larger one leaves nothing of the larger behind.
    aside.copyFrom(new SeenEventIds());
    assertThat(aside.size()).isZero();
  }
}
