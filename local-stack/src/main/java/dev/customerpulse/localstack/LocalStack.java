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
 * Every process it starts dies with the JVM that started it. Plaintext ({@link #start}), or secured
 * ({@link #startSecured}): Kafka with SASL_SSL and ACLs, Redis with TLS and ACL users, the registry
 * behind HTTPS and basic auth, all with certificates of a throw-away authority made at start.
 */
public final class LocalStack implements AutoCloseable {
  private static LocalStack shared;
  private static LocalStack sharedSecured;

  private final Path dir;
  private final KafkaBroker kafka;
  private final SchemaRegistryServer registry;
  private final RedisServer redis;
  /** Null for a plaintext stack. */
  private final StackSecurity security;
  private boolean closed;

  private LocalStack(Path dir, KafkaBroker kafka, SchemaRegistryServer registry, RedisServer redis, StackSecurity security) {
    this.dir = dir;
    this.kafka = kafka;
    this.registry = registry;
    this.redis = redis;
    this.security = security;
  }

  /** Starts all three services; {@code progress} hears a line as each one comes up. */
  public static LocalStack start(Consumer<String> progress) {
    return start(progress, false);
  }

  /**
   * Starts all three services secured: certificates first, then the services in parallel. Users,
   * passwords and the trust store are in {@link #security()}; a job user's rights are granted per
   * job with {@link KafkaBroker#allowJob} and {@link #allowRedisUser}.
   */
  public static LocalStack startSecured(Consumer<String> progress) {
    return start(progress, true);
  }

  private static LocalStack start(Consumer<String> progress, boolean secured) {
    Path dir;
    try {
      dir = Files.createTempDirectory("customer-pulse-stack-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
    String secure = secured ? " (secured)" : "";
    // The registry needs no certificate itself (its gateway does): it starts while keytool makes them.
    CompletableFuture<StackSecurity> security = secured
        ? CompletableFuture.supplyAsync(() -> StackSecurity.generate(dir.resolve("tls")))
        : CompletableFuture.completedFuture(null);
    CompletableFuture<KafkaBroker> kafka = security.thenApplyAsync(s -> announce(
        secured ? KafkaBroker.startSecured(dir.resolve("kafka"), s) : KafkaBroker.start(dir.resolve("kafka")),
        k -> "Kafka broker (KRaft) on " + k.bootstrapServers() + secure, progress));
    CompletableFuture<SchemaRegistryServer> registry = CompletableFuture
        .supplyAsync(() -> SchemaRegistryServer.start(dir.resolve("registry")))
        .thenCombine(security, (r, s) -> announce(secured ? r.secured(s) : r,
            started -> "schema registry on " + started.url() + secure, progress));
    CompletableFuture<RedisServer> redis = security.thenApplyAsync(s -> announce(
        secured ? RedisServer.startSecured(dir.resolve("redis"), s) : RedisServer.start(dir.resolve("redis")),
        r -> "Redis on " + r.url() + secure, progress));
    try {
      CompletableFuture.allOf(kafka, registry, redis).join();
    } catch (CompletionException e) {
      // Stop whatever did start before reporting the failure (a registry whose gateway failed is closed already).
      List.of(kafka, registry, redis).forEach(f -> f.thenAccept(LocalStack::closeQuietly));
      LocalFiles.deleteRecursively(dir);
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return new LocalStack(dir, kafka.join(), registry.join(), redis.join(), security.join());
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

  /** One secured stack for the whole JVM, like {@link #shared()}. */
  public static synchronized LocalStack sharedSecured() {
    if (sharedSecured == null) {
      LocalStack stack = startSecured(line -> { });
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-secured-shutdown"));
      sharedSecured = stack;
    }
    return sharedSecured;
  }

  /** Users, passwords and certificates of a secured stack; empty for a plaintext one. */
  public java.util.Optional<StackSecurity> security() {
    return java.util.Optional.ofNullable(security);
  }

  /** See {@link RedisServer#allowUser}. */
  public void allowRedisUser(String user, String password, String keyPrefix) {
    redis.allowUser(user, password, keyPrefix);
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

  /** The Redis server, to stop and restart it (fault tests). */
  public RedisServer redis() {
    return redis;
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

  /**
   * Creates topics that do not exist yet, each with its topic configuration from {@code configsByTopic}
   * (retention, compaction; a topic not in it gets the broker's defaults). Existing topics keep theirs.
   */
  public void createTopics(Map<String, Integer> partitionsByTopic, Map<String, Map<String, String>> configsByTopic) {
    kafka.createTopicsWithConfigs(partitionsByTopic, configsByTopic);
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
