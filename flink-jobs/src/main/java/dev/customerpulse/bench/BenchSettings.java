package dev.customerpulse.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param events events pre-produced for the throughput phase
 * @param customers synthetic customers they come from
 * @param warmupShare leading share of those events left out of the throughput figure (JIT, caches)
 * @param latencyRate fixed rate of the latency phase; 0 picks half the measured throughput
 * @param latencyDuration how long the latency phase is measured (after a 5 s warm-up)
 * @param parallelism job parallelism
 * @param checkpointInterval checkpoint interval of the job
 * @param json where the JSON result goes
 * @param jobSettings extra pulse.* or Flink settings for the job under test
 */
public record BenchSettings(long events, int customers, double warmupShare, double latencyRate, Duration latencyDuration,
    int parallelism, Duration checkpointInterval, Path json, java.util.Map<String, String> jobSettings) {

  public BenchSettings {
    if (events < 1_000) {
      throw new IllegalArgumentException("--events must be at least 1000 for a meaningful figure, got " + events);
    }
    if (warmupShare < 0 || warmupShare >= 0.9) {
      throw new IllegalArgumentException("--warmup must be between 0 and 0.9, got " + warmupShare);
    }
    jobSettings = java.util.Map.copyOf(jobSettings);
    if (customers < 1 || parallelism < 1 || latencyRate < 0) {
      throw new IllegalArgumentException("--customers and --parallelism must be positive, --latency-rate not negative");
    }
  }
}
