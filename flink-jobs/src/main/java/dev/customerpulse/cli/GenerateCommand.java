package dev.customerpulse.cli;

import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.generator.EventProducer;
import dev.customerpulse.generator.GeneratorLoop;
import dev.customerpulse.generator.GeneratorSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Produces synthetic customer events to the input topics of your Kafka.", "",
        "Produces the demo's synthetic customers (browsing, carts, orders, service calls, drifters who go",
        "silent, a share of malformed records) to the input topics, in the Confluent wire format, as",
        "the apps would. The docker-compose stack runs it as its event generator."})
final class GenerateCommand implements Callable<Integer> {
  @Mixin
  ConnectionOptions connection;

  @Option(names = "--rate", defaultValue = "500", description = "Events per second (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "0", converter = DurationConverter.class,
      description = "How long to produce, e.g. 90s, 5m; 0 runs until stopped (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--customers", defaultValue = "5000", description = "Synthetic customers (default ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--time-scale", defaultValue = "3600",
      description = "Event-time seconds per wall-clock second (default ${DEFAULT-VALUE}).")
  double timeScale;

  @Option(names = "--bad-records", defaultValue = "0.002", description = "Share of malformed records (default ${DEFAULT-VALUE}).")
  double badRecords;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the population and the stream (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--progress-every", defaultValue = "10s", converter = DurationConverter.class,
      description = "How often to print how many events were sent (default ${DEFAULT-VALUE}).")
  Duration progressEvery;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Configuration conf = connection.configuration();
    KafkaSettings kafka = ConnectionOptions.kafka(conf);
    RegistrySettings registry = ConnectionOptions.registry(conf);
    GeneratorSettings shape = shape(Instant.now());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong produced = new AtomicLong();
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.set(true);
      try {
        main.join(10_000);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }, "generate-shutdown"));
    Thread progress = new Thread(() -> {
      try {
        while (!stop.get()) {
          Thread.sleep(progressEvery.toMillis());
          out.println("sent " + produced.get() + " events");
        }
      } catch (InterruptedException done) {
        Thread.currentThread().interrupt();
      }
    }, "generate-progress");
    progress.setDaemon(true);
    out.println("Producing " + customers + " customers' events at " + rate + "/s to " + kafka.bootstrapServers()
        + (duration.isZero() ? " until stopped" : " for " + duration));
    var topics = ConnectionOptions.topics(conf);
    dev.customerpulse.job.Preflight.checkTopics(kafka, java.util.List.of(topics.clicks(), topics.orders(), topics.serviceCalls(),
        topics.identities()));
    try (EventProducer producer = new EventProducer(kafka, registry, topics)) {
      progress.start();
      GeneratorLoop.run(producer, shape, duration, stop::get, produced);
    }
    stop.set(true);
    out.println("sent " + produced.get() + " events");
    return 0;
  }

  /** Customers' simulated time starts a week back, so that a fresh stack shows a week of history quickly. */
  GeneratorSettings shape(Instant now) {
    // An invalid shape throws IllegalArgumentException, which pulse prints as a one-line error.
    return new GeneratorSettings(customers, seed, rate, timeScale, now.minus(Duration.ofDays(7)), 0.2, 0.2,
        Duration.ofDays(90), badRecords);
  }
}
