package dev.customerpulse.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible sequence of faults: the same seed and count give the same faults, in the same
 * order, with the same pauses and durations. Every kind is drawn at least once when the count allows,
 * then kinds are drawn at random; TaskManager kills are weighted up, being the commonest fault in a
 * real cluster.
 */
public final class FaultPlan {
  private FaultPlan() {}

  public static List<Fault> of(long seed, int count, Duration quiet, Duration outage) {
    if (count < 0) {
      throw new IllegalArgumentException("fault count must not be negative, got " + count);
    }
    SplittableRandom random = new SplittableRandom(seed);
    FaultKind[] kinds = FaultKind.values();
    List<Fault> plan = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      FaultKind kind = i < kinds.length ? kinds[i] : weighted(random, kinds);
      Duration before = quiet.plusMillis(random.nextLong(quiet.toMillis() + 1));
      Duration lasts = kind == FaultKind.TASK_MANAGER_KILLED || kind == FaultKind.OPERATOR_CRASHED ? Duration.ZERO
          : outage.plusMillis(random.nextLong(outage.toMillis() / 2 + 1));
      plan.add(new Fault(kind, before, lasts, random.nextInt(2)));
    }
    // The first pass over every kind is shuffled too, so a short run does not always start the same way.
    for (int i = Math.min(count, kinds.length) - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Fault a = plan.get(i);
      plan.set(i, plan.get(j));
      plan.set(j, a);
    }
    return plan;
  }

  private static FaultKind weighted(SplittableRandom random, FaultKind[] kinds) {
    return random.nextInt(3) == 0 ? FaultKind.TASK_MANAGER_KILLED : kinds[random.nextInt(kinds.length)];
  }
}
