package dev.customerpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Several benchmark runs one after another, and the median and spread (lowest, highest) of every
 * figure: on a shared machine single runs move by a third, a median of three much less.
 */
public final class BenchSeries {
  /** The figures printed in the summary table, by their path in a run's result. */
  static final List<String> HEADLINE = List.of(
      "throughput_events_per_s",
      "throughput_phase_per_event.pulse_jvm_cpu_us",
      "throughput_phase_per_event.pulse_jvm_allocated_bytes",
      "throughput_phase_per_event.kafka_broker_cpu_us",
      "throughput_phase_per_event.redis_cpu_us",
      "throughput_phase_per_event.rocksdb_bytes_read",
      "throughput_phase_per_event.rocksdb_bytes_written",
      "event_to_redis_latency.p50_ms",
      "event_to_redis_latency.p99_ms",
      "checkpoints.median_ms",
      "checkpoints.max_ms",
      "pauses.latency_phase.barrier_pause_max_ms",
      "pauses.latency_phase.gc_pause_max_ms",
      "state.checkpoint_bytes_per_key");

  private BenchSeries() {}

  /** Runs the benchmark {@code repeat} times; with more than one run, prints and writes the medians. */
  public static void run(BenchSettings settings, int repeat, PrintStream out) throws Exception {
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
    }
    List<Map<String, Object>> runs = new ArrayList<>();
    for (int i = 1; i <= repeat; i++) {
      if (repeat > 1) {
        out.printf(Locale.ROOT, "%n== Run %d of %d%n", i, repeat);
      }
      runs.add(new Benchmark(settings, out).run());
    }
    if (repeat == 1) {
      return;
    }
    Map<String, Object> summary = summary(runs);
    print(summary, repeat, out);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("runs", runs);
    result.put("summary", summary);
    write(settings.json(), result);
    out.println("  all runs and the summary written to " + settings.json().toAbsolutePath());
  }

  /** Median, lowest and highest of every numeric figure the runs share, by path. */
  static Map<String, Object> summary(List<Map<String, Object>> runs) {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (Map<String, Object> run : runs) {
      Map<String, Double> flat = new LinkedHashMap<>();
      flatten("", run, flat);
      flat.forEach((path, value) -> values.computeIfAbsent(path, p -> new ArrayList<>()).add(value));
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    values.forEach((path, list) -> {
      if (list.size() == runs.size()) {
        List<Double> sorted = new ArrayList<>(list);
        sorted.sort(null);
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("median", median(sorted));
        figure.put("lowest", sorted.get(0));
        figure.put("highest", sorted.get(sorted.size() - 1));
        summary.put(path, figure);
      }
    });
    return summary;
  }

  /** The median of sorted values: the middle one, or the mean of the two middle ones. */
  static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, Map<String, Double> into) {
    map.forEach((key, value) -> {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (value instanceof Map<?, ?> nested) {
        flatten(path, (Map<String, Object>) nested, into);
      } else if (value instanceof Number number) {
        into.put(path, number.doubleValue());
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static void print(Map<String, Object> summary, int repeat, PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "Customer Pulse benchmark, %d runs: median (lowest - highest)%n", repeat);
    for (String path : HEADLINE) {
      Map<String, Object> figure = (Map<String, Object>) summary.get(path);
      if (figure != null) {
        out.printf(Locale.ROOT, "  %-52s %,.1f (%,.1f - %,.1f)%n", path, (Double) figure.get("median"), (Double) figure.get("lowest"),
            (Double) figure.get("highest"));
      }
    }
  }

  private static void write(Path json, Map<String, Object> result) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
  }
}
