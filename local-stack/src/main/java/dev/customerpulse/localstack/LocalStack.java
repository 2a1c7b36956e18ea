package dev.customerpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Kafka, the schema registry and Redis on loopback, started in parallel and stopped together.
 * Every process it starts dies with the JVM that started it.
 */
public final class LocalStack implements AutoCloseable {
  private static LocalStack shared;

  private final Path dir;
  private final KafkaBroker kafka;
  private final SchemaRegistryServer registry;
  private final RedisServer redis;
  private boolean closed;

  private LocalStack(Path dir, KafkaBroker kafka, SchemaRegistryServer registry, RedisServer redis) {
    this.dir = dir;
    this.kafka = kafka;
    this.registry = registry;
    this.redis = redis;
  }

  /** Starts all three services; {@code progress} hears a line as each one comes up. */
  public static LocalStack start(Consumer<String> progress) {
    Path dir;
    try {
      dir = Files.createTempDirectory("customer-pulse-stack-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
    CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> announce(
        KafkaBroker.start(dir.resolve("kafka")), k -> "Kafka broker (KRaft) on " + k.bootstrapServers(), progress));
    CompletableFuture<SchemaRegistryServer> registry = CompletableFuture.supplyAsync(() -> announce(
        SchemaRegistryServer.start(dir.resolve("registry")), r -> "schema registry on " + r.url(), progress));
    CompletableFuture<RedisServer> redis = CompletableFuture.supplyAsync(() -> announce(
        RedisServer.start(dir.resolve("redis")), r -> "Redis on " + r.url(), progress));
    try {
      CompletableFuture.allOf(kafka, registry, redis).join();
    } catch (CompletionException e) {
      // Stop whatever did start before reporting the failure.
      List.of(kafka, registry, redis).forEach(f -> f.thenAccept(LocalStack::closeQuietly));
      LocalFiles.deleteRecursively(dir);
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return new LocalStack(dir, kafka.join(), registry.join(), redis.join());
  }

  /**
   * One stack for the whole JVM, started on first use and stopped when the JVM exits: integration
   * tests share it instead of paying for a broker and a registry per test class.
   */
  public static synchronized LocalStack shared() {
    if (shared == null) {
      LocalStack stack = start(line -> { });
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
      shared = stack;
    }
    return shared;
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String registryUrl() {
    return registry.url();
  }

  public String redisUrl() {
    return redis.url();
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  /** Creates topics (name → partitions) that do not exist yet. */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    kafka.createTopics(partitionsByTopic);
  }

  /** Creates topics that do not exist yet; those in {@code compacted} keep only the latest record per key. */
  public void createTopics(Map<String, Integer> partitionsByTopic, java.util.Set<String> compacted) {
    kafka.createTopics(partitionsByTopic, compacted);
  }

  /** Process ids of the child processes, to show that nothing is left behind. */
  public List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    pids.add(kafka.pid());
    pids.add(registry.pid());
    pids.add(redis.pid());
    return pids;
  }

  public long kafkaPid() {
    return kafka.pid();
  }

  public long redisPid() {
    return redis.pid();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // In parallel: the broker's orderly shutdown takes a few seconds, the others need not wait for it.
    CompletableFuture.allOf(
        CompletableFuture.runAsync(() -> closeQuietly(redis)),
        CompletableFuture.runAsync(() -> closeQuietly(registry)),
        CompletableFuture.runAsync(() -> closeQuietly(kafka))).join();
    LocalFiles.deleteRecursively(dir);
  }

  private static <T> T announce(T service, java.util.function.Function<T, String> line, Consumer<String> progress) {
    progress.accept(line.apply(service));
    return service;
  }

  private static void closeQuietly(AutoCloseable service) {
    try {
      service.close();
    } catch (Exception ignored) {
      // Stopping is best effort; the processes also die with this JVM.
    }
  }
}
