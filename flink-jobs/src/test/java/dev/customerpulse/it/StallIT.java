package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.localstack.RedisServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CoreOptions;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * The real {@code pulse run} against a stuck operator: Redis stops taking writes ({@code CLIENT PAUSE
 * WRITE}), so the Redis sink blocks in its flush before the checkpoint barrier, checkpoints stop
 * completing and input backs up. The progress line must say STALLED, with the reason, within three
 * checkpoint intervals, and stop saying it once Redis takes writes again. Redis is this test's own,
 * so the pause touches no other test.
 */
class StallIT extends OnTestStack {
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
  /** Scheduling on a busy two-core machine: a progress line may come a little late. */
  private static final Duration SLACK = Duration.ofSeconds(1);

  private final List<String> printed = new ArrayList<>();

  @Test
  void runSaysStalledWithTheReasonWithinThreeCheckpointIntervalsAndRecovers() throws Exception {
    try (RedisServer redis = RedisServer.start(Files.createTempDirectory("stall-it-redis-"));
        UnifiedJedis admin = RedisSettings.parse(redis.url()).connect();
        ClickFeeder feeder = new ClickFeeder();
        PulseCli.Running run = PulseCli.start(runArguments(redis.url()));
        // Closed first: a failed assertion must not leave the job to be cancelled against a paused Redis.
        AutoCloseable unpause = () -> admin.sendCommand(Protocol.Command.CLIENT, "UNPAUSE")) {
      String healthy = awaitLine(run, line -> line.matches(".*events in [1-9][0-9,]* .*checkpoints [2-9].*"), Duration.ofSeconds(60));
      assertThat(printed).as("progress lines before Redis is paused").noneMatch(line -> line.contains("STALLED"));

      admin.sendCommand(Protocol.Command.CLIENT, "PAUSE", "60000", "WRITE");
      long pausedAt = System.nanoTime();
      String stalled = awaitLine(run, line -> line.contains("STALLED"), Duration.ofSeconds(30));
      Duration noticedAfter = Duration.ofNanos(System.nanoTime() - pausedAt);
      printed.add("(test: STALLED " + noticedAfter.toMillis() + " ms after Redis was paused)");
      assertThat(stalled).as("last healthy line: %s", healthy)
          .containsPattern("  STALLED: no checkpoint completed for [0-9.]+ s \\(expected every 2 s\\)");
      // The last checkpoint completed at the pause at the latest; the next progress line reports it.
      assertThat(noticedAfter).as(stalled)
          .isLessThanOrEqualTo(CHECKPOINT_INTERVAL.multipliedBy(3).plus(PROGRESS_EVERY).plus(SLACK));

      admin.sendCommand(Protocol.Command.CLIENT, "UNPAUSE");
      String recovered = awaitLine(run, line -> !line.contains("STALLED"), Duration.ofSeconds(30));
      assertThat(recovered).contains("checkpoints ");
    } finally {
      // What pulse run printed, in the test's output file, for whoever looks at a run.
      System.out.println(String.join(System.lineSeparator(), printed));
    }
  }

  private String[] runArguments(String redisUrl) {
    List<String> args = new ArrayList<>(List.of("run", "--fresh", "--parallelism", "2",
        "--progress-every", PROGRESS_EVERY.toSeconds() + "s", "--checkpoint-dir", it.checkpoints.toString(),
        "--redis-url", redisUrl));
    it.jobConfiguration().toMap().forEach((key, value) -> {
      if (!key.equals(PulseOptions.REDIS_URL.key()) && !key.equals(CoreOptions.DEFAULT_PARALLELISM.key())
          && !key.equals(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key())) {
        args.add("-D");
        args.add(key + "=" + value);
      }
    });
    args.addAll(List.of("-D", CheckpointingOptions.CHECKPOINTING_INTERVAL.key() + "=" + CHECKPOINT_INTERVAL.toMillis() + " ms"));
    return args.toArray(String[]::new);
  }

  /** The first line printed that matches, failing with everything printed if none comes in time. */
  private String awaitLine(PulseCli.Running run, Predicate<String> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String line = run.nextLine(Duration.ofMillis(100));
      if (line != null) {
        printed.add(line);
        if (wanted.test(line)) {
          return line;
        }
      }
      if (run.exitCode() != null) {
        break;
      }
    }
    throw new AssertionError("no such line within " + timeout + " (exit code " + run.exitCode() + ", err: " + run.err()
        + "); printed:\n" + String.join("\n", printed));
  }

  /** Page views of 500 customers at about 300 a second, on a thread of its own, until closed. */
  private final class ClickFeeder implements AutoCloseable {
    private final Function<ClickEvent, byte[]> serializer = it.serializer(it.topics.clicks(), ClickEvent.class);
    private final Thread thread = new Thread(this::feed, "stall-it-clicks");
    private volatile boolean stopped;

    ClickFeeder() {
      thread.start();
    }

    private void feed() {
      for (int i = 0; !stopped; i++) {
        String customer = "c" + (i % 500);
        it.sendRawAsync(it.topics.clicks(), customer, serializer.apply(ItEvents.click("e" + i, customer, null,
            ClickType.PAGE_VIEW, System.currentTimeMillis())));
        if (i % 30 == 29) {
          it.flush();
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      thread.join(10_000);
    }
  }
}
