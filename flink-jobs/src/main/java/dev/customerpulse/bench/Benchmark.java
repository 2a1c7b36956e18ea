package dev.customerpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.generator.EventGenerator;
import dev.customerpulse.generator.EventProducer;
import dev.customerpulse.generator.GeneratorSettings;
import dev.customerpulse.generator.Pacer;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.LocalRuntime;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.job.SchemaRegistration;
import dev.customerpulse.job.StartingOffsets;
import dev.customerpulse.job.Topics;
import dev.customerpulse.localstack.LocalStack;
import dev.customerpulse.metrics.LocalMetrics;
import dev.customerpulse.metrics.LocalMetricsReporter;
import dev.customerpulse.metrics.PipelineStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

/**
 * Pushes generated events through the whole pipeline on this machine (real broker in, Flink with
 * RocksDB and exactly-once checkpoints, Redis and Kafka out) and measures it.
 *
 * <p>Throughput: N events are produced <em>before</em> the job starts, so the job runs flat out
 * against a backlog; the first {@code warmupShare} of them are not timed. An event counts as
 * done when its profile is in Redis (or, for anonymous visitors and dead letters, when the job
 * has finished with it). Latency: afterwards events are produced at a fixed rate, and each
 * event's time from its Kafka timestamp to the Redis write that carries it is recorded.
 */
public final class Benchmark {
  private static final long SEED = 42;

  private final BenchSettings settings;
  private final PrintStream out;

  public Benchmark(BenchSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public Map<String, Object> run() throws Exception {
    Topics topics = Topics.defaults();
    out.println("Starting Kafka, the schema registry and Redis ...");
    try (LocalStack stack = LocalStack.start(line -> out.println("  ok  " + line))) {
      stack.createTopics(topics.withPartitions(4),
          PulseSettings.topicDeadlines(Configuration.fromMap(settings.jobSettings())).topicConfigs(topics));
      RegistrySettings registry = RegistrySettings.of(stack.registryUrl());
      SchemaRegistration.registerAll(registry, topics, "BACKWARD");
      KafkaSettings kafka = KafkaSettings.of(stack.kafkaBootstrapServers());

      GeneratorSettings shape = new GeneratorSettings(settings.customers(), SEED, 10_000, 60, Instant.parse("2026-01-01T00:00:00Z"),
          0.2, 0.2, Duration.ofDays(7), 0);
      EventGenerator generator = new EventGenerator(shape);
      out.printf(Locale.ROOT, "Producing %,d events from %,d customers before the job starts ...%n", settings.events(), settings.customers());
      long produceStart = System.nanoTime();
      try (EventProducer producer = new EventProducer(kafka, registry, topics)) {
        for (long i = 0; i < settings.events(); i++) {
          producer.send(generator.next());
        }
        producer.flush();
      }
      double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
      out.printf(Locale.ROOT, "  ok  produced in %.1f s (%,.0f events/s)%n", produceSeconds, settings.events() / produceSeconds);

      Path checkpoints = Files.createTempDirectory("customer-pulse-bench-");
      Configuration conf = new Configuration();
      conf.set(PulseOptions.KAFKA_BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers());
      conf.set(PulseOptions.REGISTRY_URL, stack.registryUrl());
      conf.set(PulseOptions.REDIS_URL, stack.redisUrl());
      conf.set(PulseOptions.KAFKA_STARTING_OFFSETS, StartingOffsets.EARLIEST);
      conf.set(PulseOptions.TRANSACTIONAL_ID_PREFIX, "customer-pulse-bench");
      conf.set(PulseOptions.PSEUDONYMISATION_SECRET, LocalRuntime.LOCAL_PSEUDONYMISATION_SECRET);
      conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
      conf.setString("state.backend.rocksdb.metrics.total-sst-files-size", "true");
      conf.setString("state.backend.rocksdb.metrics.bytes-read", "true");
      conf.setString("state.backend.rocksdb.metrics.bytes-written", "true");
      LocalRuntime.configure(conf, settings.parallelism(), checkpoints);
      LocalMetricsReporter.enable(conf);
      settings.jobSettings().forEach(conf::setString);

      CheckpointWatcher watcher = new CheckpointWatcher();
      out.printf(Locale.ROOT, "Starting the job (parallelism %d, RocksDB, exactly-once, checkpoints every %d s) ...%n",
          settings.parallelism(), settings.checkpointInterval().toSeconds());
      JobClient job = JobLauncher.start(conf, "customer-pulse-bench");
      watcher.start();
      try (GcPauses gc = new GcPauses()) {
        this.gc = gc;
        double throughput = measureThroughput(job, stack);
        Map<String, Object> latency = measureLatency(job, stack, kafka, registry, topics, generator, throughput);
        watcher.awaitNext(Duration.ofSeconds(settings.checkpointInterval().toSeconds() * 3 + 30));
        PipelineStats stats = PipelineStats.read();
        Map<String, Object> result = result(throughput, latency, watcher, stats, stack, produceSeconds);
        print(result);
        write(result);
        return result;
      } finally {
        watcher.stop();
        job.cancel().get(30, TimeUnit.SECONDS);
        job.getJobExecutionResult().handle((r, e) -> null).get(30, TimeUnit.SECONDS);
        deleteQuietly(checkpoints);
      }
    }
  }

  /** The garbage collections of the phase being timed. */
  private GcPauses gc;

  /** The longest pauses of the pipeline (checkpoint barriers, garbage collection) in each timed phase. */
  private final Map<String, Object> pauses = new LinkedHashMap<>();

  /** CPU used by each process in the timed part of the throughput phase, in cores. */
  private final Map<String, Object> cpuCores = new LinkedHashMap<>();

  /** The pulse JVM's CPU time and heap allocation per timed event: how changes are compared on a noisy machine. */
  private final Map<String, Object> perEvent = new LinkedHashMap<>();

  private double[] cpuNow(LocalStack stack) {
    return new double[] {MachineInfo.cpuSeconds(ProcessHandle.current().pid()), MachineInfo.cpuSeconds(stack.kafkaPid()),
        MachineInfo.cpuSeconds(stack.redisPid()), MachineInfo.allocatedBytes(), LocalMetrics.gaugeSum("rocksdb.bytes_read"),
        LocalMetrics.gaugeSum("rocksdb.bytes_written")};
  }

  /** Starts a timed window for the pause figures. */
  private void resetPauses() {
    LocalMetrics.resetHistogram("barrierPauseMillis");
    gc.reset();
  }

  /** The pauses of the window since {@link #resetPauses}, under {@code phase}. */
  private void recordPauses(String phase) {
    Histogram barriers = LocalMetrics.histogram("barrierPauseMillis");
    long[] collections = gc.countTotalLongest();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("barriers", barriers.getTotalCount());
    figures.put("barrier_pause_median_ms", barriers.getTotalCount() == 0 ? 0 : barriers.getValueAtPercentile(50));
    figures.put("barrier_pause_max_ms", barriers.getMaxValue());
    figures.put("gc_collections", collections[0]);
    figures.put("gc_pause_total_ms", collections[1]);
    figures.put("gc_pause_max_ms", collections[2]);
    pauses.put(phase, figures);
  }

  private double measureThroughput(JobClient job, LocalStack stack) throws Exception {
    long warmup = (long) (settings.events() * settings.warmupShare());
    long total = settings.events();
    long timeoutNanos = TimeUnit.SECONDS.toNanos(Math.max(180, total / 2_000));
    long start = System.nanoTime();
    long warmAt = -1;
    double[] cpuAtWarm = null;
    long lastReport = start;
    while (true) {
      long done = PipelineStats.eventsDoneNow();
      long now = System.nanoTime();
      if (warmAt < 0 && done >= warmup) {
        warmAt = now;
        cpuAtWarm = cpuNow(stack);
        resetPauses();
      }
      if (done >= total) {
        double seconds = (now - warmAt) / 1e9;
        double[] cpuAtEnd = cpuNow(stack);
        String[] names = {"pulse_jvm", "kafka_broker", "redis"};
        for (int i = 0; i < names.length; i++) {
          cpuCores.put(names[i], Math.round((cpuAtEnd[i] - cpuAtWarm[i]) / seconds * 100) / 100.0);
        }
        perEvent.put("pulse_jvm_cpu_us", Math.round((cpuAtEnd[0] - cpuAtWarm[0]) * 1e7 / (total - warmup)) / 10.0);
        perEvent.put("pulse_jvm_allocated_bytes", Math.round((cpuAtEnd[3] - cpuAtWarm[3]) / (total - warmup)));
        perEvent.put("kafka_broker_cpu_us", Math.round((cpuAtEnd[1] - cpuAtWarm[1]) * 1e7 / (total - warmup)) / 10.0);
        perEvent.put("redis_cpu_us", Math.round((cpuAtEnd[2] - cpuAtWarm[2]) * 1e7 / (total - warmup)) / 10.0);
        perEvent.put("rocksdb_bytes_read", Math.round((cpuAtEnd[4] - cpuAtWarm[4]) / (total - warmup)));
        perEvent.put("rocksdb_bytes_written", Math.round((cpuAtEnd[5] - cpuAtWarm[5]) / (total - warmup)));
        recordPauses("throughput_phase");
        double throughput = (total - warmup) / seconds;
        out.printf(Locale.ROOT, "  ok  %,d events done; %,d timed in %.1f s after a %,d-event warm-up: %,.0f events/s%n",
            done, total - warmup, seconds, warmup, throughput);
        return throughput;
      }
      if (now - start > timeoutNanos) {
        throw new IllegalStateException("the job finished only " + done + " of " + total + " events in time");
      }
      if (job.getJobStatus().get().isGloballyTerminalState()) {
        throw new IllegalStateException("the job stopped during the benchmark; see the log");
      }
      if (now - lastReport > TimeUnit.SECONDS.toNanos(5)) {
        out.printf(Locale.ROOT, "      %,d / %,d events done%n", done, total);
        lastReport = now;
      }
      Thread.sleep(20);
    }
  }

  private Map<String, Object> measureLatency(JobClient job, LocalStack stack, KafkaSettings kafka, RegistrySettings registry, Topics topics,
      EventGenerator generator, double throughput) throws Exception {
    double rate = settings.latencyRate() > 0 ? settings.latencyRate() : Math.max(1_000, Math.round(throughput / 2 / 1_000) * 1_000);
    out.printf(Locale.ROOT, "Latency at a fixed %,.0f events/s: 5 s warm-up, then %d s measured ...%n", rate,
        settings.latencyDuration().toSeconds());
    long before = PipelineStats.eventsDoneNow();
    AtomicBoolean stop = new AtomicBoolean();
    long[] produced = new long[1];
    Thread producerThread = new Thread(() -> {
      try (EventProducer producer = new EventProducer(kafka, registry, topics)) {
        Pacer pacer = new Pacer(rate);
        while (!stop.get()) {
          producer.send(generator.next());
          produced[0]++;
          pacer.tick();
        }
        producer.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "bench-latency-producer");
    producerThread.start();
    Thread.sleep(5_000);
    LocalMetrics.resetHistogram("eventToRedisMillis");
    resetPauses();
    double[] cpuAtStart = cpuNow(stack);
    long eventsAtStart = LocalMetrics.count("eventsIn");
    long writesAtStart = LocalMetrics.count("profilesWritten");
    Thread.sleep(settings.latencyDuration().toMillis());
    recordPauses("latency_phase");
    double[] cpuAtEnd = cpuNow(stack);
    long events = LocalMetrics.count("eventsIn") - eventsAtStart;
    long writes = LocalMetrics.count("profilesWritten") - writesAtStart;
    stop.set(true);
    producerThread.join();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (PipelineStats.eventsDoneNow() < before + produced[0] && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Histogram latency = PipelineStats.read().eventToRedisMillis();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("rate_events_per_s", rate);
    figures.put("samples", latency.getTotalCount());
    figures.put("p50_ms", latency.getValueAtPercentile(50));
    figures.put("p99_ms", latency.getValueAtPercentile(99));
    figures.put("p999_ms", latency.getValueAtPercentile(99.9));
    figures.put("max_ms", latency.getMaxValue());
    figures.put("events_per_redis_write", writes == 0 ? 0 : Math.round(100.0 * events / writes) / 100.0);
    double seconds = settings.latencyDuration().toMillis() / 1e3;
    figures.put("pulse_jvm_cores", Math.round((cpuAtEnd[0] - cpuAtStart[0]) / seconds * 100) / 100.0);
    figures.put("kafka_broker_cores", Math.round((cpuAtEnd[1] - cpuAtStart[1]) / seconds * 100) / 100.0);
    figures.put("redis_cores", Math.round((cpuAtEnd[2] - cpuAtStart[2]) / seconds * 100) / 100.0);
    return figures;
  }

  private Map<String, Object> result(double throughput, Map<String, Object> latency, CheckpointWatcher watcher,
      PipelineStats stats, LocalStack stack, double produceSeconds) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("when", Instant.now().toString());
    result.put("machine", MachineInfo.describe());
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("events", settings.events());
    setup.put("customers", settings.customers());
    setup.put("warmup_share", settings.warmupShare());
    setup.put("parallelism", settings.parallelism());
    setup.put("checkpoint_interval_s", settings.checkpointInterval().toSeconds());
    setup.put("input", "fully produced before the job starts (throughput); fixed rate (latency)");
    setup.put("job_settings", settings.jobSettings());
    result.put("setup", setup);
    result.put("throughput_events_per_s", Math.round(throughput));
    result.put("producer_events_per_s", Math.round(settings.events() / produceSeconds));
    result.put("throughput_phase_cpu_cores", cpuCores);
    result.put("throughput_phase_per_event", perEvent);
    result.put("pauses", pauses);
    Map<String, Object> redis = new LinkedHashMap<>();
    redis.put("profiles_written", stats.profilesWritten());
    redis.put("unchanged_fields_skipped", LocalMetrics.count("unchangedFieldsSkipped"));
    redis.put("events_per_write", stats.profilesWritten() == 0 ? 0
        : Math.round(100.0 * stats.eventsIn() / stats.profilesWritten()) / 100.0);
    result.put("redis_writes", redis);
    Map<String, Object> cache = new LinkedHashMap<>();
    long hits = LocalMetrics.count("stateCacheHits");
    long misses = LocalMetrics.count("stateCacheMisses");
    cache.put("hits", hits);
    cache.put("misses", misses);
    cache.put("writes", LocalMetrics.count("stateCacheWrites"));
    cache.put("hit_rate", hits + misses == 0 ? 0 : Math.round(1000.0 * hits / (hits + misses)) / 1000.0);
    result.put("state_cache", cache);
    result.put("event_to_redis_latency", latency);
    List<Long> durations = watcher.durations();
    Map<String, Object> checkpoints = new LinkedHashMap<>();
    checkpoints.put("completed", durations.size());
    checkpoints.put("median_ms", percentile(durations, 50));
    checkpoints.put("max_ms", percentile(durations, 100));
    result.put("checkpoints", checkpoints);
    long keys = stats.customers() + stats.visitors();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("keys", keys);
    state.put("customers", stats.customers());
    state.put("checkpoint_full_bytes", stats.lastCheckpointFullBytes());
    state.put("checkpoint_bytes_per_key", keys == 0 ? 0 : stats.lastCheckpointFullBytes() / keys);
    state.put("rocksdb_sst_bytes", stats.rocksDbSstBytes());
    state.put("rocksdb_sst_bytes_per_key", keys == 0 ? 0 : stats.rocksDbSstBytes() / keys);
    result.put("state", state);
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("pulse_jvm_rss_bytes", MachineInfo.residentBytes(ProcessHandle.current().pid()));
    memory.put("kafka_broker_rss_bytes", MachineInfo.residentBytes(stack.pids().get(0)));
    result.put("memory", memory);
    return result;
  }

  @SuppressWarnings("unchecked")
  private void print(Map<String, Object> r) {
    Map<String, Object> latency = (Map<String, Object>) r.get("event_to_redis_latency");
    Map<String, Object> checkpoints = (Map<String, Object>) r.get("checkpoints");
    Map<String, Object> state = (Map<String, Object>) r.get("state");
    Map<String, Object> memory = (Map<String, Object>) r.get("memory");
    Map<String, Object> machine = (Map<String, Object>) r.get("machine");
    out.println();
    out.println("Customer Pulse benchmark");
    row("machine", machine.get("cores") + " cores, " + machine.get("cpu") + ", " + machine.get("memory"));
    row("input", String.format(Locale.ROOT, "%,d events, %,d customers, parallelism %s", settings.events(), settings.customers(),
        settings.parallelism()));
    row("sustained throughput", String.format(Locale.ROOT, "%,d events/s (backlog, warm-up excluded)", r.get("throughput_events_per_s")));
    row("CPU while timed", String.format(Locale.ROOT, "pulse JVM %s cores, Kafka broker %s, Redis %s (of %s)",
        cpuCores.get("pulse_jvm"), cpuCores.get("kafka_broker"), cpuCores.get("redis"), machine.get("cores")));
    row("per event while timed", String.format(Locale.ROOT, "pulse JVM %s µs CPU, %,d bytes allocated on the heap;"
        + " Kafka broker %s µs, Redis %s µs", perEvent.get("pulse_jvm_cpu_us"), (Long) perEvent.get("pulse_jvm_allocated_bytes"),
        perEvent.get("kafka_broker_cpu_us"), perEvent.get("redis_cpu_us")));
    row("RocksDB per event", String.format(Locale.ROOT, "%,d bytes read, %,d bytes written (uncompressed, compaction excluded)",
        (Long) perEvent.get("rocksdb_bytes_read"), (Long) perEvent.get("rocksdb_bytes_written")));
    @SuppressWarnings("unchecked")
    Map<String, Object> redisWrites = (Map<String, Object>) r.get("redis_writes");
    row("Redis writes", String.format(Locale.ROOT, "%,d profile writes, %s events per write, %,d unchanged fields skipped",
        (Long) redisWrites.get("profiles_written"), redisWrites.get("events_per_write"), (Long) redisWrites.get("unchanged_fields_skipped")));
    @SuppressWarnings("unchecked")
    Map<String, Object> cache = (Map<String, Object>) r.get("state_cache");
    row("state cache", String.format(Locale.ROOT, "%s hit rate, %,d RocksDB reads and %,d writes of customer states",
        cache.get("hit_rate"), (Long) cache.get("misses"), (Long) cache.get("writes")));
    row("event -> Redis latency", String.format(Locale.ROOT, "p50 %s ms, p99 %s ms, max %s ms at %,.0f events/s",
        latency.get("p50_ms"), latency.get("p99_ms"), latency.get("max_ms"), (Double) latency.get("rate_events_per_s")));
    row("CPU in the latency phase", String.format(Locale.ROOT, "pulse JVM (job and producer) %s cores, Kafka broker %s, Redis %s;"
        + " %s events per Redis write", latency.get("pulse_jvm_cores"), latency.get("kafka_broker_cores"), latency.get("redis_cores"),
        latency.get("events_per_redis_write")));
    for (String phase : List.of("throughput_phase", "latency_phase")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> p = (Map<String, Object>) pauses.get(phase);
      row("longest pause, " + phase.substring(0, phase.indexOf('_')), String.format(Locale.ROOT,
          "checkpoint barrier %s ms (median %s ms, %s barriers), garbage collection %s ms (%s collections, %s ms in all)",
          p.get("barrier_pause_max_ms"), p.get("barrier_pause_median_ms"), p.get("barriers"), p.get("gc_pause_max_ms"),
          p.get("gc_collections"), p.get("gc_pause_total_ms")));
    }
    row("checkpoint duration", String.format(Locale.ROOT, "median %s ms, max %s ms (%s checkpoints)",
        checkpoints.get("median_ms"), checkpoints.get("max_ms"), checkpoints.get("completed")));
    row("state per customer", String.format(Locale.ROOT, "%s bytes in the checkpoint, %s bytes of RocksDB SST (%,d keys)",
        state.get("checkpoint_bytes_per_key"), state.get("rocksdb_sst_bytes_per_key"), (Long) state.get("keys")));
    row("memory (RSS)", String.format(Locale.ROOT, "pulse JVM %d MB, Kafka broker %d MB",
        ((Long) memory.get("pulse_jvm_rss_bytes")) >> 20, ((Long) memory.get("kafka_broker_rss_bytes")) >> 20));
    out.println("  result written to " + settings.json().toAbsolutePath());
  }

  private void row(String name, String value) {
    out.printf(Locale.ROOT, "  %-24s %s%n", name, value);
  }

  private void write(Map<String, Object> result) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(settings.json().toFile(), result);
  }

  private static long percentile(List<Long> values, int percentile) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Scratch space.
    }
  }
}
