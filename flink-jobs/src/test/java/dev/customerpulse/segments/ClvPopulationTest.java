package dev.customerpulse.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClvPopulationTest {
  private static final ValueTierPolicy TIERS = new ValueTierPolicy(ValueTierPolicy.Basis.CLV_PERCENTILE, 50_000, 200_000,
      50, 80, 95);

  /** CLVs 1..n in a shuffled order, so the sketch sees no sorted input. */
  private static double[] shuffled(int n, long seed) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = i + 1;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return values;
  }

  @Test
  void aFinishedDayGivesItsPercentilesWithinTheSketchsError() {
    ClvPopulation population = new ClvPopulation(TIERS, 100);
    for (double clv : shuffled(100_000, 7)) {
      assertThat(population.add(20_000, clv)).isNull();
    }
    ClvCuts cuts = population.add(20_001, 42);
    assertThat(cuts.day).isEqualTo(20_000);
    assertThat(cuts.customers).isEqualTo(100_000);
    // KLL with k = 200: normalized rank error about 1.3 % at 99 % confidence, i.e. 1,300 of 100,000.
    assertThat(cuts.potentialMinor).isCloseTo(50_000, within(1_300.0));
    assertThat(cuts.highMinor).isCloseTo(80_000, within(1_300.0));
    assertThat(cuts.vipMinor).isCloseTo(95_000, within(1_300.0));
    assertThat(population.day()).isEqualTo(20_001);
    assertThat(population.customers()).as("the new day starts with the sample that began it").isEqualTo(1);
  }

  @Test
  void aSmallPopulationExactlyAndTooSmallOneNot() {
    ClvPopulation population = new ClvPopulation(TIERS, 20);
    for (double clv : shuffled(20, 3)) {
      population.add(5, clv);
    }
    ClvCuts cuts = population.cuts();
    // Fewer items than k: the sketch holds them all and the quantiles are exact (inclusive ranks).
    assertThat(new double[] {cuts.potentialMinor, cuts.highMinor, cuts.vipMinor}).containsExactly(10, 16, 19);
    ClvPopulation tooSmall = new ClvPopulation(TIERS, 21);
    for (double clv : shuffled(20, 3)) {
      tooSmall.add(5, clv);
    }
    assertThat(tooSmall.add(6, 1)).isNull();
  }

  @Test
  void lateSamplesCountInTheCurrentDayAndUnknownValuesNot() {
    ClvPopulation population = new ClvPopulation(TIERS, 1);
    population.add(10, 100);
    population.add(9, 200);
    population.add(10, Double.NaN);
    assertThat(population.customers()).isEqualTo(2);
  }

  @Test
  void theSketchSurvivesASnapshot() {
    ClvPopulation population = new ClvPopulation(TIERS, 100);
    for (double clv : shuffled(50_000, 11)) {
      population.add(300, clv);
    }
    ClvPopulation restored = new ClvPopulation(TIERS, 100);
    restored.restore(population.snapshot());
    assertThat(restored.day()).isEqualTo(300);
    assertThat(restored.cuts()).isEqualTo(population.cuts());
    assertThat(population.snapshot().length).as("a few kilobytes whatever the population").isLessThan(8_000);
  }
}
