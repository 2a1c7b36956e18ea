package dev.customerpulse.bench;

import dev.customerpulse.metrics.LocalMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records the duration of every checkpoint that completes while the benchmark runs. */
final class CheckpointWatcher {
  private final List<Long> durations = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean running = true;
  private Thread thread;

  void start() {
    thread = new Thread(() -> {
      long seen = 0;
      while (running) {
        long completed = LocalMetrics.gauge("numberOfCompletedCheckpoints");
        if (completed > seen) {
          durations.add(LocalMetrics.gauge("lastCheckpointDuration"));
          seen = completed;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-checkpoints");
    thread.setDaemon(true);
    thread.start();
  }

  /** Waits for one more checkpoint, so state size reflects everything processed. */
  void awaitNext(Duration timeout) throws InterruptedException {
    int now = durations.size();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (durations.size() <= now && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  List<Long> durations() {
    return new ArrayList<>(durations);
  }

  void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
