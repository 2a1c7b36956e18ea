package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CategoryAffinityTest {
  private static final long DAY = 86_400_000L;
  private static final long HALF_LIFE = 30 * DAY;

  @Test
  void interestHalvesEveryHalfLife() {
    CategoryAffinity a = new CategoryAffinity();
    a.add("books", 4, 0, HALF_LIFE);
    a.add("audio", 1, 30 * DAY, HALF_LIFE);

    assertThat(a.score("books", 30 * DAY, HALF_LIFE)).isCloseTo(2, within(1e-9));
    assertThat(a.score("books", 60 * DAY, HALF_LIFE)).isCloseTo(1, within(1e-9));
    assertThat(a.top(2)).containsExactly("books", "audio");
  }

  @Test
  void recentInterestOvertakesOldInterest() {
    CategoryAffinity a = new CategoryAffinity();
    a.add("books", 5, 0, HALF_LIFE);
    a.add("audio", 3, 90 * DAY, HALF_LIFE);
    assertThat(a.top(1)).containsExactly("audio");
  }

  @Test
  void aLateEventAddsWhatItWouldHaveLeftByNow() {
    CategoryAffinity a = new CategoryAffinity();
    a.add("books", 1, 30 * DAY, HALF_LIFE);
    a.add("books", 2, 0, HALF_LIFE);
    assertThat(a.score("books", 30 * DAY, HALF_LIFE)).isCloseTo(2, within(1e-9));
  }

  @Test
  void onlyTheStrongestCategoriesAreKept() {
    CategoryAffinity a = new CategoryAffinity();
    for (int i = 0; i < CategoryAffinity.KEPT; i++) {
      a.add("c" + i, i + 1, 0, HALF_LIFE);
    }
    a.add("weak", 0.5, 0, HALF_LIFE);
    a.add("strong", 100, 0, HALF_LIFE);
    assertThat(a.names()).hasSize(CategoryAffinity.KEPT).doesNotContain("weak", "c0").contains("strong");
    assertThat(a.top(3)).containsExactly("strong", "c7", "c6");
  }

  @Test
  void blankCategoriesAreIgnoredAndTiesGoAlphabetically() {
    CategoryAffinity a = new CategoryAffinity();
    a.add(null, 1, 0, HALF_LIFE);
    a.add(" ", 1, 0, HALF_LIFE);
    a.add("b", 1, 0, HALF_LIFE);
    a.add("a", 1, 0, HALF_LIFE);
    assertThat(a.top(5)).containsExactly("a", "b");
  }
}
