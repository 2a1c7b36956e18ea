package dev.customerpulse.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Starts the job with its real Kafka and Redis I/O from a configuration. */
public final class JobLauncher {
  private JobLauncher() {}

  /**
   * Checks that Kafka, the registry and Redis answer and take the credentials ({@link Preflight}), then
   * builds the job and submits it without waiting (locally: to a MiniCluster in this JVM). A wrong
   * address or password is one {@link ConfigException} here, not a job that restarts forever.
   */
  public static JobClient start(Configuration conf, String jobName) throws Exception {
    PulseSettings settings = PulseSettings.from(conf);
    Preflight.check(settings);
    StreamExecutionEnvironment env = FlinkSetup.environment(conf);
    KafkaIo io = new KafkaIo(settings);
    new CustomerPulseJob(settings.logic(), io.sources(false), io.sinks(), io.redisRefill()).build(env);
    return env.executeAsync(jobName);
  }
}
