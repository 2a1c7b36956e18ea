package dev.customerpulse.chaos;

import dev.customerpulse.avro.SegmentRule;
import dev.customerpulse.avro.SegmentRuleMode;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.generator.EventProducer;
import dev.customerpulse.generator.GeneratorLoop;
import dev.customerpulse.generator.GeneratorSettings;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.LocalRuntime;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.job.SchemaRegistration;
import dev.customerpulse.job.Topics;
import dev.customerpulse.localstack.LocalStack;
import dev.customerpulse.rules.RuleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A chaos run: the job from its shaded jar on a multi-process Flink cluster, the generator's full
 * workload (every input, anonymous visitors who log in, a live rule, malformed records) and a seeded
 * plan of faults; then the same input through a failure-free reference job, and the verdict.
 */
public final class ChaosRun {
  private static final Duration CAUGHT_UP_TIMEOUT = Duration.ofMinutes(5);

  private ChaosRun() {}

  public static ChaosReport run(ChaosSettings settings, Path jobJar, Path workDir, Consumer<String> progress) throws Exception {
    List<Fault> plan = FaultPlan.of(settings.seed(), settings.faults(), settings.quiet(), settings.outage());
    progress.accept("Starting Kafka, the schema registry and Redis ...");
    try (LocalStack stack = LocalStack.start(line -> progress.accept("  ok  " + line));
        ChaosStage stage = new ChaosStage(stack, Files.createDirectories(workDir.resolve("checkpoints")),
            workDir.resolve("crash-now"))) {
      prepare(stack);
      KafkaSettings kafka = KafkaSettings.of(stack.kafkaBootstrapServers());
      RegistrySettings registry = RegistrySettings.of(stack.registryUrl());
      RedisSettings redis = RedisSettings.parse(stack.redisUrl());
      publishLiveRule(kafka, registry);

      progress.accept("Starting a Flink cluster (JobManager in application mode, 2 TaskManagers) with " + jobJar.getFileName());
      Configuration faultedConf = ChaosJobs.configuration(ChaosJobs.FAULTED, stack.kafkaBootstrapServers(), stage.registryUrl(),
          stack.redisUrl());
      faultedConf.set(dev.customerpulse.job.PulseOptions.TEST_FAULTS_ENABLED, true);
      faultedConf.set(dev.customerpulse.job.PulseOptions.TEST_CRASH_FILE, stage.crashFile().toString());
      stage.startCluster(workDir.resolve("cluster"), jobJar,
          ChaosJobs.clusterConfiguration(faultedConf, stage.checkpoints().toUri().toString()), 2);
      ClusterJob job = new ClusterJob(stage.cluster().restUrl());
      await("the job's tasks to run", Duration.ofMinutes(2), job::allTasksRunning, stage);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong produced = new AtomicLong();
      Thread generator = generator(settings, kafka, registry, stop, produced);
      generator.start();
      List<FaultOutcome> outcomes = new ArrayList<>();
      int n = 0;
      for (Fault fault : plan) {
        Thread.sleep(fault.quietBefore().toMillis());
        FaultOutcome outcome = inject(fault, stage, job);
        outcomes.add(outcome);
        progress.accept(String.format("  fault %d/%d: %s: failovers %d, recovered in %.1f s", ++n, plan.size(), fault,
            outcome.failovers(), outcome.recovery().toMillis() / 1000.0));
      }
      Thread.sleep(settings.quiet().toMillis());
      stop.set(true);
      generator.join();
      progress.accept(String.format("Workload done: %,d events; waiting for the faulted job to take them all in ...", produced.get()));
      CaughtUp.await(kafka, ChaosJobs.FAULTED, CAUGHT_UP_TIMEOUT, ChaosJobs.SETTLE, job::completedCheckpoints);
      long failovers = job.failovers();

      progress.accept("Running the failure-free reference job on the same input ...");
      Configuration referenceConf = ChaosJobs.configuration(ChaosJobs.REFERENCE, stack.kafkaBootstrapServers(),
          stack.registryUrl(), stack.redisUrl());
      LocalRuntime.configure(referenceConf, ChaosJobs.PARALLELISM, Files.createDirectories(workDir.resolve("reference")));
      JobClient reference = JobLauncher.start(referenceConf, "customer-pulse-chaos-reference");
      try {
        CaughtUp.await(kafka, ChaosJobs.REFERENCE, CAUGHT_UP_TIMEOUT, ChaosJobs.SETTLE, CaughtUp.checkpointsOf(reference));
      } finally {
        reference.cancel().get();
      }
      progress.accept("Comparing outputs ...");
      Verdict verdict = Verdict.of(RunOutputs.read(ChaosJobs.REFERENCE, kafka, registry, redis),
          RunOutputs.read(ChaosJobs.FAULTED, kafka, registry, redis));
      return new ChaosReport(settings.seed(), produced.get(), outcomes, failovers, verdict.compared(), verdict.passed(),
          verdict.differenceCount(), verdict.differences());
    }
  }

  /** Topics of both runs and their schemas. */
  private static void prepare(LocalStack stack) throws Exception {
    for (String run : List.of(ChaosJobs.FAULTED, ChaosJobs.REFERENCE)) {
      Topics topics = ChaosJobs.topics(run);
      stack.createTopics(topics.withPartitions(ChaosJobs.PARALLELISM),
          PulseSettings.topicDeadlines(new Configuration()).topicConfigs(topics));
      SchemaRegistration.registerAll(RegistrySettings.of(stack.registryUrl()), topics, "BACKWARD");
    }
  }

  /** A rule in force from the start, so that its memberships are part of what both runs must agree on. */
  private static void publishLiveRule(KafkaSettings kafka, RegistrySettings registry) throws Exception {
    String topic = Topics.defaults().segmentRules();
    SegmentRule rule = new SegmentRule("repeat_buyers", "orders >= 2", 1L, SegmentRuleMode.LIVE,
        "customers with two orders or more", Instant.now());
    byte[] value = RegistryAvroSerializationSchema.forSpecific(SegmentRule.class,
        ConfluentSchemaCoderProvider.forWritingTo(registry, topic)).serialize(rule);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
        "key.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName(),
        "value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName())))) {
      producer.send(new ProducerRecord<>(topic, RuleRecords.key(rule.getName(), false).getBytes(), value)).get();
    }
  }

  private static Thread generator(ChaosSettings settings, KafkaSettings kafka, RegistrySettings registry, AtomicBoolean stop,
      AtomicLong produced) {
    // An hour of customer life per second: over a run of minutes, weeks of it, so rescoring timers fire.
    GeneratorSettings shape = new GeneratorSettings(settings.customers(), settings.seed(), settings.eventsPerSecond(), 3600,
        Instant.parse("2026-01-01T00:00:00Z"), 0.2, 0.2, Duration.ofDays(60), 0.01);
    Thread thread = new Thread(() -> {
      try (EventProducer producer = new EventProducer(kafka, registry, Topics.defaults())) {
        GeneratorLoop.run(producer, shape, Duration.ZERO, stop::get, produced);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "chaos-generator");
    thread.setDaemon(true);
    return thread;
  }

  private static FaultOutcome inject(Fault fault, ChaosStage stage, ClusterJob job) throws InterruptedException {
    long failoversBefore = job.failovers();
    int taskManagersBefore = job.taskManagers();
    long broken = System.nanoTime();
    stage.breakPart(fault);
    // Recovery is measured from a fault the job has met: the lost TaskManager noticed, the crash happened.
    if (fault.kind() == FaultKind.TASK_MANAGER_KILLED) {
      await("the JobManager to notice the lost TaskManager", Duration.ofMinutes(1),
          () -> job.taskManagers() < taskManagersBefore, stage);
    } else if (fault.kind() == FaultKind.OPERATOR_CRASHED) {
      await("the profile operator to crash", Duration.ofMinutes(1),
          () -> !Files.exists(stage.crashFile()) && job.failovers() > failoversBefore, stage);
    }
    Thread.sleep(fault.lasts().toMillis());
    stage.repair(fault);
    long checkpoints = job.completedCheckpoints();
    // A replacement TaskManager counts once registered: otherwise the next kill could hit one the
    // JobManager has not seen yet, whose loss it never notices.
    int taskManagersAfter = fault.kind() == FaultKind.TASK_MANAGER_KILLED ? taskManagersBefore : 0;
    await("the job to recover from: " + fault, Duration.ofMinutes(3),
        () -> job.allTasksRunning() && job.completedCheckpoints() > checkpoints && job.taskManagers() >= taskManagersAfter,
        stage);
    return new FaultOutcome(fault, job.failovers() - failoversBefore, Duration.ofNanos(System.nanoTime() - broken));
  }

  private static void await(String what, Duration timeout, java.util.function.BooleanSupplier done, ChaosStage stage)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (!stage.cluster().jobManagerAlive()) {
        throw new IllegalStateException("the JobManager exited while waiting for " + what + ":\n" + stage.cluster().jobManagerTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting " + timeout.toSeconds() + " s for " + what + "; logs in "
            + stage.cluster().dir());
      }
      Thread.sleep(200);
    }
  }

}
