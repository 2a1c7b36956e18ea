package dev.customerpulse.demo;

import dev.customerpulse.home.PulseHome;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.generator.EventGenerator;
import dev.customerpulse.generator.EventProducer;
import dev.customerpulse.generator.GeneratorSettings;
import dev.customerpulse.generator.GeneratorLoop;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.LocalRuntime;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.job.SchemaRegistration;
import dev.customerpulse.job.Topics;
import dev.customerpulse.localstack.LocalStack;
import dev.customerpulse.metrics.LocalMetricsReporter;
import dev.customerpulse.metrics.PipelineStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything on one machine: the local stack, the job on a MiniCluster and the generator. It
 * owns every process and thread it starts; {@link #close()} (also run on Ctrl-C) stops them all.
 */
public final class Demo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
  /** The demo's checkpoint interval; its progress line measures stalls in it. */
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);

  private final DemoSettings settings;
  private final PrintStream out;
  private final PulseHome home = PulseHome.current();
  private final Topics topics = Topics.defaults();
  private final AtomicLong produced = new AtomicLong();
  private final CountDownLatch generatorDone = new CountDownLatch(1);
  private volatile boolean stopping;
  private LocalStack stack;
  private JobClient job;
  private Thread generator;
  private Path checkpoints;
  private boolean closed;
  private volatile String busiestCustomer = "c-000000";
  private final long seed = System.nanoTime();

  public Demo(DemoSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public Topics topics() {
    return topics;
  }

  public LocalStack stack() {
    return stack;
  }

  public long produced() {
    return produced.get();
  }

  /** A customer who shows up early and often: good for a first look at a profile. */
  public String busiestCustomer() {
    return busiestCustomer;
  }

  /** Starts the services, the job and the generator; returns once events flow. */
  public void start() throws Exception {
    out.println("Starting Kafka (KRaft), a schema registry and Redis on loopback ...");
    stack = LocalStack.start(line -> out.println("  ok  " + line));
    stack.createTopics(topics.withPartitions(4), PulseSettings.topicDeadlines(new Configuration()).topicConfigs(topics));
    out.println("  ok  topics " + String.join(", ", topics.withPartitions(4).keySet()));
    int subjects = SchemaRegistration.registerAll(RegistrySettings.of(stack.registryUrl()), topics, "BACKWARD");
    out.println("  ok  " + subjects + " schemas registered (BACKWARD compatibility)");

    Configuration conf = jobConfiguration();
    home.writeDemo(demoSettings(conf));
    out.printf("Starting the job: parallelism %d, RocksDB, exactly-once checkpoints every %d s ...%n", settings.parallelism(),
        CHECKPOINT_INTERVAL.toSeconds());
    job = JobLauncher.start(conf, "customer-pulse-demo");
    busiestCustomer = new EventGenerator(generatorSettings()).mostActiveCustomerId();
    startGenerator();
    out.printf("Generating %,.0f events/s from %,d synthetic customers%s (%.0fx event time, %.1f%% malformed records)%n",
        settings.rate(), settings.customers(),
        settings.duration().isZero() ? " until Ctrl-C" : " for " + settings.duration().toSeconds() + " s",
        settings.timeScale(), settings.badRecordShare() * 100);
  }

  private Configuration jobConfiguration() throws IOException {
    checkpoints = Files.createTempDirectory("customer-pulse-demo-checkpoints-");
    Configuration conf = new Configuration();
    conf.set(PulseOptions.KAFKA_BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers());
    conf.set(PulseOptions.REGISTRY_URL, stack.registryUrl());
    conf.set(PulseOptions.REDIS_URL, stack.redisUrl());
    conf.set(PulseOptions.TRANSACTIONAL_ID_PREFIX, "customer-pulse-demo");
    conf.set(PulseOptions.PSEUDONYMISATION_SECRET, LocalRuntime.LOCAL_PSEUDONYMISATION_SECRET);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
    // Customer time runs timeScale times faster than the clock, so a long demo runs ahead of it.
    conf.set(PulseOptions.VALIDATION_MAX_FUTURE, Duration.ofDays(3650));
    LocalRuntime.configure(conf, settings.parallelism(), checkpoints);
    LocalMetricsReporter.enable(conf);
    settings.jobSettings().forEach(conf::setString);
    return conf;
  }

  /** What other pulse commands need to find the demo's services. */
  private static Map<String, String> demoSettings(Configuration conf) {
    Map<String, String> demo = new LinkedHashMap<>();
    demo.put(PulseOptions.KAFKA_BOOTSTRAP_SERVERS.key(), conf.get(PulseOptions.KAFKA_BOOTSTRAP_SERVERS));
    demo.put(PulseOptions.REGISTRY_URL.key(), conf.get(PulseOptions.REGISTRY_URL));
    demo.put(PulseOptions.REDIS_URL.key(), conf.get(PulseOptions.REDIS_URL));
    return demo;
  }

  private GeneratorSettings generatorSettings() {
    // Simulated customer time runs timeScale times faster than the clock; it starts in the past so
    // that it reaches about now when the generator stops.
    Duration simulated = settings.duration().isZero() ? Duration.ofDays(7)
        : Duration.ofMillis((long) (settings.duration().toMillis() * settings.timeScale()));
    return new GeneratorSettings(settings.customers(), seed, settings.rate(), settings.timeScale(),
        Instant.now().minus(simulated), 0.2, 0.2, simulated, settings.badRecordShare());
  }

  private void startGenerator() {
    GeneratorSettings shape = generatorSettings();
    generator = new Thread(() -> {
      try (EventProducer producer = new EventProducer(KafkaSettings.of(stack.kafkaBootstrapServers()),
          RegistrySettings.of(stack.registryUrl()), topics)) {
        GeneratorLoop.run(producer, shape, settings.duration(), () -> stopping, produced);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        if (!stopping) {
          LOG.error("generator failed", e);
          out.println("generator stopped: " + e.getMessage());
        }
      } finally {
        generatorDone.countDown();
      }
    }, "demo-generator");
    generator.setDaemon(true);
    generator.start();
  }

  /** Prints progress until the generator is done (or forever with duration 0); true if it finished. */
  public boolean showProgress(Consumer<String> line, Duration every) throws Exception {
    dev.customerpulse.metrics.ProgressFormat ticker = new dev.customerpulse.metrics.ProgressFormat(CHECKPOINT_INTERVAL);
    while (!stopping) {
      if (generatorDone.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
        if (stopping) {
          return false;
        }
        line.accept(ticker.next(PipelineStats.read(), produced.get()));
        return true;
      }
      if (job.getJobStatus().get().isGloballyTerminalState()) {
        throw new IllegalStateException("the job stopped unexpectedly; see " + home.logFile());
      }
      line.accept(ticker.next(PipelineStats.read(), produced.get()));
    }
    return false;
  }

  /** Waits until the job has taken in everything produced (or the timeout passes). */
  public void awaitCaughtUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      PipelineStats stats = PipelineStats.read();
      if (stats.eventsIn() + stats.deadLetters() >= produced.get()) {
        return;
      }
      Thread.sleep(200);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    try {
      if (generator != null) {
        generator.join(5_000);
      }
      if (job != null) {
        try {
          job.cancel().get(20, TimeUnit.SECONDS);
          job.getJobExecutionResult().handle((r, e) -> null).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
          LOG.warn("cancelling the demo job did not finish cleanly", e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (stack != null) {
        stack.close();
      }
      home.clearDemo();
      deleteQuietly(checkpoints);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Scratch space under the temp dir.
    }
  }
}
