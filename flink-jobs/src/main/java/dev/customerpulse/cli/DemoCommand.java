package dev.customerpulse.cli;

import dev.customerpulse.demo.Demo;
import dev.customerpulse.demo.DemoSettings;
import dev.customerpulse.metrics.PipelineStats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.UnifiedJedis;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs everything on this machine: Kafka, registry, Redis, the job and a customer generator.", "", "Runs everything on this machine: a real Kafka broker, schema registry and Redis on loopback,",
        "the job on a local Flink MiniCluster with RocksDB, and a generator of synthetic customers.",
        "Ctrl-C stops everything it started."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--rate", defaultValue = "2000", description = "Events per second to generate (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long to generate, e.g. 90s, 5m; 0 runs until Ctrl-C (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--customers", defaultValue = "5000", description = "Synthetic customers (default ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--time-scale", defaultValue = "3600",
      description = "Event-time seconds per wall-clock second, so customers' weeks pass in minutes (default ${DEFAULT-VALUE}).")
  double timeScale;

  @Option(names = "--bad-records", defaultValue = "0.002",
      description = "Share of malformed records sent, to show the dead-letter topic (default ${DEFAULT-VALUE}).")
  double badRecords;

  @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "-D", paramLabel = "KEY=VALUE",
      description = "A setting of the job (pulse.* or Flink, see 'pulse options') over the demo's own (repeatable).")
  java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

  @Option(names = "--exit-when-done", description = "Stop everything once the generator is done instead of waiting for Ctrl-C.")
  boolean exitWhenDone;

  @Override
  public Integer call() throws Exception {
    if (rate <= 0 || customers < 1 || parallelism < 1 || badRecords < 0 || badRecords > 1 || timeScale <= 0) {
      throw new IllegalArgumentException("--rate, --customers, --parallelism and --time-scale must be positive,"
          + " --bad-records between 0 and 1");
    }
    PrintStream out = System.out;
    Demo demo = new Demo(new DemoSettings(rate, duration, customers, timeScale, badRecords, parallelism, exitWhenDone,
        settings), out);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      out.println();
      out.println("Stopping the generator, the job, Kafka, the registry and Redis ...");
      demo.close();
      out.println("Stopped. Nothing is left running.");
      stopped.countDown();
    }, "demo-shutdown");
    PulseShutdown.add(hook);

    demo.start();
    out.println();
    printInspectCommands(out, demo, List.of());
    out.println();
    boolean interactive = System.console() != null;
    boolean done = demo.showProgress(line -> {
      if (interactive) {
        out.print("\r" + line + "\u001b[K");
      } else {
        out.println(line);
      }
    }, interactive ? Duration.ofSeconds(1) : Duration.ofSeconds(5));
    if (!done) {
      return 0;
    }
    out.println();
    demo.awaitCaughtUp(Duration.ofSeconds(30));
    Thread.sleep(1_000);
    printSummary(out, demo, PipelineStats.read());
    if (exitWhenDone) {
      PulseShutdown.remove(hook);
      hook.run();
      return 0;
    }
    out.println("Everything keeps running so you can look around; press Ctrl-C to stop it all.");
    stopped.await();
    return 0;
  }

  private static void printSummary(PrintStream out, Demo demo, PipelineStats stats) {
    out.println("Summary");
    out.printf(Locale.ROOT, "  events produced        %,d%n", demo.produced());
    out.printf(Locale.ROOT, "  events in (decoded)    %,d%n", stats.eventsIn());
    out.printf(Locale.ROOT, "  dead letters           %,d%n", stats.deadLetters());
    out.printf(Locale.ROOT, "  customers              %,d (plus %,d anonymous visitors)%n", stats.customers(), stats.visitors());
    out.printf(Locale.ROOT, "  segment changes        %,d%n", stats.segmentChanges());
    out.printf(Locale.ROOT, "  Redis profile writes   %,d%n", stats.profilesWritten());
    if (stats.eventToRedisMillis().getTotalCount() > 0) {
      out.printf(Locale.ROOT, "  event -> Redis         p50 %d ms, p99 %d ms%n",
          stats.eventToRedisMillis().getValueAtPercentile(50), stats.eventToRedisMillis().getValueAtPercentile(99));
    }
    List<String> sample = sampleCustomers(demo);
    out.println();
    printInspectCommands(out, demo, sample);
  }

  /** A few customers worth looking at: the best tier that has members. */
  private static List<String> sampleCustomers(Demo demo) {
    try (UnifiedJedis redis = dev.customerpulse.connectors.redis.RedisSettings.parse(demo.stack().redisUrl()).connect()) {
      for (String tier : List.of("vip", "high", "normal", "new")) {
        List<String> members = redis.srandmember("cp:segment:tier:" + tier, 2);
        if (members != null && !members.isEmpty()) {
          return members;
        }
      }
    } catch (RuntimeException ignored) {
      // Sampling is a convenience; the commands below still work with any id.
    }
    return List.of();
  }

  private static void printInspectCommands(PrintStream out, Demo demo, List<String> customers) {
    String customer = customers.isEmpty() ? demo.busiestCustomer() : customers.get(0);
    int redisPort = Integer.parseInt(demo.stack().redisUrl().substring(demo.stack().redisUrl().lastIndexOf(':') + 1));
    out.println("Look inside (another terminal, while the demo runs):");
    out.println("  ./pulse profile " + customer + "                 # one customer's live profile from Redis");
    out.println("  ./pulse segments                         # segment sizes: tiers, lifecycle stages, RFM segments");
    out.println("  ./pulse segments lifecycle:at_risk       # who is in one");
    out.println("  ./pulse rules publish big_spenders 'spend_minor >= 50000 && churn_risk > 0.5'");
    out.println("                                           # a segment of your own, live at once (then: pulse rules status)");
    out.println("  ./pulse tail " + demo.topics().segmentChanges() + " --max 5      # SegmentChange records, read_committed");
    out.println("  ./pulse tail " + demo.topics().customerProfiles() + " --max 1    # a CustomerProfile snapshot: features, CLV, churn risk");
    out.println("  ./pulse tail " + demo.topics().deadLetters() + " --max 5         # malformed input with its reason");
    out.println("  ./pulse tail " + demo.topics().clicks() + " --max 3              # the input as the apps send it");
    if (onPath("redis-cli")) {
      out.println("  redis-cli -p " + redisPort + " HGETALL 'cp:profile:{" + customer + "}'");
      out.println("  redis-cli -p " + redisPort + " SCARD cp:segment:tier:vip");
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
