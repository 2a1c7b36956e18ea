package dev.customerpulse.cli;

import dev.customerpulse.metrics.ProgressFormat;
import dev.customerpulse.home.PulseHome;
import dev.customerpulse.job.FlinkSetup;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.LocalRuntime;
import dev.customerpulse.job.Preflight;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.metrics.LocalMetricsReporter;
import dev.customerpulse.metrics.PipelineStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the job locally against your Kafka, schema registry and Redis.", "", "Runs the job on this machine (a local Flink MiniCluster with RocksDB) against your Kafka,",
        "schema registry and Redis. Resumes from its latest checkpoint unless --fresh."})
final class RunCommand implements Callable<Integer> {
  @Mixin
  ConnectionOptions connection;

  @Option(names = "--parallelism", description = "Job parallelism (default: the number of cores).")
  Integer parallelism;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Where checkpoints go (default .pulse/checkpoints).")
  Path checkpointDir;

  @Option(names = "--fresh", description = "Ignore earlier checkpoints and start with empty state.")
  boolean fresh;

  @Option(names = "--progress-every", defaultValue = "10s", converter = DurationConverter.class,
      description = "How often to print a progress line (default ${DEFAULT-VALUE}).")
  Duration progressEvery;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Configuration conf = connection.configuration();
    PulseSettings settings = PulseSettings.from(conf);
    Preflight.check(settings);

    Path checkpoints = checkpointDir != null ? checkpointDir : PulseHome.current().checkpoints();
    LocalRuntime.configure(conf, parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors(), checkpoints);
    LocalMetricsReporter.enable(conf);
    Optional<Path> resume = fresh ? Optional.empty() : LocalRuntime.latestCheckpoint(checkpoints);
    resume.ifPresent(checkpoint -> LocalRuntime.restoreFrom(conf, checkpoint));

    out.println("Customer Pulse: Kafka " + settings.kafka().bootstrapServers() + ", registry "
        + settings.registry().url() + ", Redis " + settings.redis().displayUrl());
    out.println(resume.map(p -> "Resuming from checkpoint " + p).orElse("Starting with empty state")
        + "; checkpoints go to " + checkpoints.toAbsolutePath() + ". Ctrl-C stops (the last checkpoint is kept).");
    JobClient job = JobLauncher.start(conf, "customer-pulse");
    Runnable cancelOnExit = () -> cancel(job);
    PulseShutdown.add(cancelOnExit);

    ProgressFormat progress = new ProgressFormat(FlinkSetup.withDefaults(conf).get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
    try {
      while (true) {
        try {
          job.getJobExecutionResult().get(progressEvery.toMillis(), TimeUnit.MILLISECONDS);
          out.println("The job finished.");
          return 0;
        } catch (java.util.concurrent.TimeoutException stillRunning) {
          out.println(progress.next(PipelineStats.read(), -1));
        }
      }
    } catch (InterruptedException interrupted) {
      // Run inside another program (a test): an interrupt stops the job as Ctrl-C does.
      cancel(job);
      out.println("Stopped; the last checkpoint is kept.");
      Thread.currentThread().interrupt();
      return 0;
    } finally {
      PulseShutdown.remove(cancelOnExit);
    }
  }

  private static void cancel(JobClient job) {
    try {
      job.cancel().get(30, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // Stopping either way; the retained checkpoint is what matters.
    }
  }
}
