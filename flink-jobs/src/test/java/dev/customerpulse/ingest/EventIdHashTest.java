package dev.customerpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdHashTest {
  @Test
  void theHashIsStableAcrossReleasesBecauseCheckpointsStoreIt() {
    // Remembered ids live in checkpoints: a changed function would let replays through after an upgrade.
    assertThat(EventIdHash.of("")).isEqualTo(fmix(0xcbf29ce484222325L));
    assertThat(EventIdHash.of("a")).isEqualTo(fmix((0xcbf29ce484222325L ^ 'a') * 0x100000001b3L));
  }

  private static long fmix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  @Test
  void aMillionDistinctIdsOfEveryUsualShapeHashApart() {
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 250_000; i++) {
      seen.add(EventIdHash.of("e" + i));
      seen.add(EventIdHash.of(Integer.toString(i)));
      seen.add(EventIdHash.of(new UUID(i, i).toString()));
      seen.add(EventIdHash.of("order-" + i + "-paid"));
    }
    assertThat(seen).hasSize(1_000_000);
  }

  @Test
  void idsDifferingInOneCharacterOrInOrderDiffer() {
    assertThat(EventIdHash.of("ab")).isNotEqualTo(EventIdHash.of("ba"));
    assertThat(EventIdHash.of("e1")).isNotEqualTo(EventIdHash.of("e2"));
  }
}
