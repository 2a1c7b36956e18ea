package dev.customerpulse.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What a pulse process does when its JVM exits, in order: the commands' steps (stop the job, the
 * demo's services), newest first, then the final ones (remove the temporary folder). The JVM runs
 * its shutdown hooks all at once; one hook running the steps in turn keeps the temporary folder from
 * being removed while a command still stops what writes to it.
 */
final class PulseShutdown {
  private static final List<Runnable> STEPS = new ArrayList<>();
  private static final List<Runnable> FINAL_STEPS = new ArrayList<>();
  private static boolean hooked;

  private PulseShutdown() {}

  /** Runs {@code step} at exit, before the final steps; {@link #remove} takes it back. */
  static synchronized void add(Runnable step) {
    hook();
    STEPS.add(0, step);
  }

  /** Takes back a step, for a command that ran it itself. */
  static synchronized void remove(Runnable step) {
    STEPS.remove(step);
  }

  /** Runs {@code step} at exit after every other step. */
  static synchronized void afterEverything(Runnable step) {
    hook();
    FINAL_STEPS.add(step);
  }

  private static void hook() {
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(new Thread(PulseShutdown::runAll, "pulse-shutdown"));
      hooked = true;
    }
  }

  private static void runAll() {
    List<Runnable> steps;
    synchronized (PulseShutdown.class) {
      steps = new ArrayList<>(STEPS);
      steps.addAll(FINAL_STEPS);
    }
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        // One failed step must not keep the others (and the folder's removal) from running.
        e.printStackTrace();
      }
    }
  }
}
