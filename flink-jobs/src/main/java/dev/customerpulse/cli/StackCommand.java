package dev.customerpulse.cli;

import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.home.PulseHome;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.job.SchemaRegistration;
import dev.customerpulse.job.Topics;
import dev.customerpulse.localstack.LocalStack;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stack", mixinStandardHelpOptions = true,
    description = {"Starts only the local services (Kafka, schema registry, Redis) and prints their addresses.", "",
        "The demo's services without the job or the generator: the topics are created and the schemas registered,",
        "so you can develop a producer, import a history (pulse import) and run the job (pulse run) with your own",
        "settings against them; other pulse commands find them without flags. Ctrl-C stops them."})
final class StackCommand implements Callable<Integer> {
  @Option(names = "--partitions", defaultValue = "4", description = "Partitions of each topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Override
  public Integer call() throws Exception {
    if (partitions < 1) {
      throw new IllegalArgumentException("--partitions must be at least 1");
    }
    PrintStream out = System.out;
    PulseHome home = PulseHome.current();
    Topics topics = Topics.defaults();
    out.println("Starting Kafka (KRaft), a schema registry and Redis on loopback ...");
    LocalStack stack = LocalStack.start(line -> out.println("  ok  " + line));
    CountDownLatch stopped = new CountDownLatch(1);
    PulseShutdown.add(new Thread(() -> {
      out.println();
      out.println("Stopping Kafka, the registry and Redis ...");
      stack.close();
      home.clearDemo();
      out.println("Stopped. Nothing is left running.");
      stopped.countDown();
    }, "stack-shutdown"));
    stack.createTopics(topics.withPartitions(partitions), PulseSettings.topicDeadlines(new Configuration()).topicConfigs(topics));
    int subjects = SchemaRegistration.registerAll(RegistrySettings.of(stack.registryUrl()), topics, "BACKWARD");
    out.println("  ok  " + topics.withPartitions(partitions).size() + " topics, " + subjects + " schemas registered");
    Map<String, String> services = new LinkedHashMap<>();
    services.put(PulseOptions.KAFKA_BOOTSTRAP_SERVERS.key(), stack.kafkaBootstrapServers());
    services.put(PulseOptions.REGISTRY_URL.key(), stack.registryUrl());
    services.put(PulseOptions.REDIS_URL.key(), stack.redisUrl());
    home.writeDemo(services);
    out.println();
    out.println("Kafka bootstrap servers  " + stack.kafkaBootstrapServers());
    out.println("Schema registry          " + stack.registryUrl() + "   (Confluent-compatible API)");
    out.println("Redis                    " + stack.redisUrl());
    out.println();
    out.println("In another terminal (pulse commands find these services without flags):");
    out.println("  ./pulse import orders.csv.gz --layout online-retail     # an order history, see docs/history.md");
    out.println("  ./pulse run -D pulse.history.until=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
        + "                # the job, against these services");
    out.println("  ./pulse generate --rate 200                             # synthetic customers, as the demo sends them");
    out.println("Press Ctrl-C to stop the services.");
    stopped.await();
    return 0;
  }
}
