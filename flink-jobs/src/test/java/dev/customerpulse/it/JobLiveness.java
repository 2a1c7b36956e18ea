package dev.customerpulse.it;

import dev.customerpulse.job.LocalRuntime;
import java.nio.file.Path;

/**
 * Proof that a job is still alive after a long replay: a marker event sent after everything else
 * reaches Redis, and checkpoints go on completing after it. A job whose task thread is stuck (a
 * timer loop, a deadlock) fails both, with a message that says which.
 */
final class JobLiveness {
  private JobLiveness() {}

  /**
   * Sends the marker, waits (up to a minute) until {@code field} of the marker customer's profile
   * reads {@code value}, then until two more checkpoints have completed.
   */
  static void assertProcessesAndCheckpoints(PulseTestStack it, Runnable sendMarker, String markerCustomer, String field,
      String value) throws InterruptedException {
    sendMarker.run();
    long deadline = System.currentTimeMillis() + 60_000;
    while (!value.equals(it.redis().hget(it.key("profile:{" + markerCustomer + "}"), field))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the job stopped processing: a marker event sent after all input never reached Redis"
            + " (last completed checkpoint " + lastCheckpoint(it.checkpoints) + ")" + busyJobThreads());
      }
      Thread.sleep(100);
    }
    long seen = lastCheckpoint(it.checkpoints);
    while (lastCheckpoint(it.checkpoints) < seen + 2) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("checkpoints stopped completing after all input: the last is " + lastCheckpoint(it.checkpoints)
            + busyJobThreads());
      }
      Thread.sleep(100);
    }
  }

  /**
   * Where the job's threads are in the job's own code (the MiniCluster runs in this JVM): a stuck
   * task thread shows the loop it is in.
   */
  static String busyJobThreads() {
    StringBuilder out = new StringBuilder();
    Thread.getAllStackTraces().forEach((thread, frames) -> {
      java.util.List<StackTraceElement> own = java.util.Arrays.stream(frames)
          .filter(f -> f.getClassName().startsWith("dev.customerpulse.") && !f.getClassName().startsWith("dev.customerpulse.it."))
          .limit(8).toList();
      if (!own.isEmpty()) {
        out.append("\n  thread '").append(thread.getName()).append("' ").append(thread.getState()).append(" in ").append(own);
      }
    });
    return out.length() == 0 ? "; no job thread is in the job's code" : "; job threads in the job's code:" + out;
  }

  /** The number of the newest completed checkpoint in the folder ({@code chk-N}), -1 before the first. */
  static long lastCheckpoint(Path checkpoints) {
    return LocalRuntime.latestCheckpoint(checkpoints)
        .map(dir -> Long.parseLong(dir.getFileName().toString().substring("chk-".length()))).orElse(-1L);
  }
}
