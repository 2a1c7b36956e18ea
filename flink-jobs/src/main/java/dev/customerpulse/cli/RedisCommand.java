package dev.customerpulse.cli;

import dev.customerpulse.connectors.redis.RedisGeneration;
import dev.customerpulse.connectors.redis.RedisKeys;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.Preflight;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "redis", mixinStandardHelpOptions = true,
    description = {"rebuild: makes the running job write every profile it holds to Redis again, in full, with the segment and"
        + " consent sets and the churn-risk ranking, and waits until it has.", "",
        "It replaces the generation marker (cp:{meta}:generation); each profile-operator instance notices within"
        + " pulse.redis.refill-check-interval, re-sends its profiles and reports how many; the command then waits until the"
        + " Redis writers have settled them all and prints one line. A newer profile in Redis is never moved back."})
final class RedisCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "rebuild", description = "What to do.")
  String action;

  @Option(names = "--timeout", defaultValue = "2m", converter = DurationConverter.class,
      description = "Longest wait for the job (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!"rebuild".equals(action)) {
      throw new ConfigException("unknown action '" + action + "': use rebuild");
    }
    Configuration conf = connection.configuration();
    RedisSettings redis = ConnectionOptions.redis(conf);
    RedisKeys keys = ConnectionOptions.redisKeys(conf);
    PrintWriter out = spec.commandLine().getOut();
    try (RedisGeneration generation = new RedisGeneration(redis, keys)) {
      return rebuild(generation, keys, out);
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigException("cannot rebuild Redis at " + redis.displayUrl() + ": " + Preflight.rootMessage(e));
    }
  }

  private int rebuild(RedisGeneration generation, RedisKeys keys, PrintWriter out) throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    long settledBefore = generation.refilled();
    String token = generation.bump();
    PrintWriter err = spec.commandLine().getErr();
    long nextNotice = started + Duration.ofSeconds(5).toNanos();
    Map<Integer, long[]> reports = generation.refillReports(token);
    while (reports.isEmpty() || reports.size() < reports.values().iterator().next()[1]) {
      if (System.nanoTime() > deadline) {
        throw new ConfigException(reports.isEmpty()
            ? "no instance of the job answered the new generation marker " + keys.generation() + " within " + timeout.toSeconds()
                + " s: is the job running, on this Redis and key prefix, with pulse.redis.refill-check-interval above 0?"
            : reports.size() + " of " + reports.values().iterator().next()[1] + " instances of the job re-sent their profiles within "
                + timeout.toSeconds() + " s; the others may be back-pressured (Redis unavailable?) or restarting");
      }
      if (System.nanoTime() > nextNotice) {
        nextNotice += Duration.ofSeconds(5).toNanos();
        err.println("waiting for the job's instances to notice the new generation marker (" + reports.size() + " so far)");
        err.flush();
      }
      Thread.sleep(200);
      reports = generation.refillReports(token);
    }
    long profiles = reports.values().stream().mapToLong(report -> report[0]).sum();
    while (generation.refilled() < settledBefore + profiles) {
      if (System.nanoTime() > deadline) {
        throw new ConfigException("the job re-sent " + profiles + " profiles, but the Redis writers settled only "
            + (generation.refilled() - settledBefore) + " within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(200);
    }
    out.printf(Locale.ROOT, "rebuilt Redis: %,d profiles written again by %d instances of the job in %.1f s (generation %s)%n",
        profiles, reports.size(), (System.nanoTime() - started) / 1e9, token);
    return 0;
  }
}
