package dev.customerpulse.cli;

import dev.customerpulse.bench.BenchSettings;
import dev.customerpulse.bench.BenchSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measures throughput, latency, checkpoints and state size of the whole pipeline.", "", "Measures the whole pipeline on this machine: real Kafka in, Flink with RocksDB and exactly-once",
        "checkpoints, Redis and Kafka out. Prints a table and writes a JSON result."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "3000000", description = "Events for the throughput phase (default ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--customers", defaultValue = "100000", description = "Synthetic customers (default ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--warmup", defaultValue = "0.2", description = "Leading share of events not timed (default ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--latency-rate", defaultValue = "0",
      description = "Events/s of the latency phase; 0 means half the measured throughput (default ${DEFAULT-VALUE}).")
  double latencyRate;

  @Option(names = "--latency-duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "Measured length of the latency phase (default ${DEFAULT-VALUE}).")
  Duration latencyDuration;

  @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class,
      description = "Checkpoint interval of the job (default ${DEFAULT-VALUE}).")
  Duration checkpointInterval;

  @Option(names = "--json", defaultValue = "bench-result.json", description = "Where to write the result (default ${DEFAULT-VALUE}).")
  Path json;

  @Option(names = "--repeat", defaultValue = "1",
      description = "Runs one after another; with more than one, the median and spread of every figure (default ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "-D", paramLabel = "KEY=VALUE", description = "A pulse.* or Flink setting for the job under test (repeatable).")
  java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    BenchSeries.run(new BenchSettings(events, customers, warmup, latencyRate, latencyDuration, parallelism, checkpointInterval, json,
        settings), repeat, System.out);
    return 0;
  }
}
