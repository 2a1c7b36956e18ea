package dev.customerpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one process), run
 * from the Maven Central jars in a child JVM on loopback ports. Plaintext, or secured on request
 * ({@link #startSecured}): SASL_SSL with SCRAM-SHA-512 and ACLs, see {@link SecuredKafkaConfig}.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final List<String> BROKER_JVM = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.showDateTime=true");
  private ChildJvm process;
  private final int port;
  private final Path dir;
  /** Null for a plaintext broker. */
  private final StackSecurity security;

  private KafkaBroker(ChildJvm process, int port, Path dir, StackSecurity security) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.security = security;
  }

  public static KafkaBroker start(Path dir) {
    return start(dir, null);
  }

  /** A broker that takes only SASL_SSL clients, authorizes every request by ACL, and knows {@code security}'s admin. */
  public static KafkaBroker startSecured(Path dir, StackSecurity security) {
    return start(dir, security);
  }

  private static KafkaBroker start(Path dir, StackSecurity security) {
    int port = FreePorts.next();
    int controllerPort = FreePorts.next();
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("server.properties");
      String properties = serverProperties(dir.resolve("data"), port, controllerPort);
      List<String> format = new ArrayList<>(
          List.of("format", "--cluster-id", clusterId(), "--config", config.toString(), "--ignore-formatted"));
      if (security != null) {
        properties = SecuredKafkaConfig.serverProperties(properties, port, security);
        format.addAll(SecuredKafkaConfig.bootstrapAdmin(security));
      }
      Files.writeString(config, properties);
      String classpath = BuildLayout.kafkaBrokerClasspath();
      List<String> jvm = BROKER_JVM;
      ChildJvm.run("kafka storage format", classpath, jvm, "kafka.tools.StorageTool", format,
          dir, dir.resolve("format.log"), 60);
      ChildJvm broker = ChildJvm.start("kafka broker", classpath, jvm, "kafka.Kafka", List.of(config.toString()),
          Map.of(), dir, dir.resolve("broker.log"));
      KafkaBroker kafka = new KafkaBroker(broker, port, dir, security);
      kafka.awaitReady(Duration.ofSeconds(60));
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka broker in " + dir, e);
    }
  }

  /** SIGKILL to the broker, as a lost machine: open transactions and unflushed writes are left as they are. */
  public synchronized void kill() {
    process.kill();
  }

  /** Starts the broker again on the same ports and log directories (after {@link #kill}); returns once it answers. */
  public synchronized void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("the Kafka broker is still running");
    }
    process = ChildJvm.start("kafka broker", BuildLayout.kafkaBrokerClasspath(), BROKER_JVM, "kafka.Kafka",
        List.of(dir.resolve("server.properties").toString()), Map.of(), dir, dir.resolve("broker.log"));
    awaitReady(Duration.ofSeconds(90));
  }

  public synchronized boolean alive() {
    return process.isAlive();
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Creates the topics that do not exist yet (name → partitions), replication factor 1. */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    createTopics(partitionsByTopic, java.util.Set.of());
  }

  /** Creates the topics that do not exist yet; those in {@code compacted} keep only the latest record per key. */
  public void createTopics(Map<String, Integer> partitionsByTopic, java.util.Set<String> compacted) {
    Map<String, Map<String, String>> configs = new java.util.HashMap<>();
    compacted.forEach(name -> configs.put(name, Map.of("cleanup.policy", "compact")));
    createTopicsWithConfigs(partitionsByTopic, configs);
  }

  /**
   * Creates the topics that do not exist yet, each with its topic configuration from {@code configsByTopic}
   * (a topic not in it gets the broker's defaults; existing topics keep theirs), and waits until the
   * broker lists them.
   */
  public void createTopicsWithConfigs(Map<String, Integer> partitionsByTopic, Map<String, Map<String, String>> configsByTopic) {
    try (Admin admin = admin()) {
      List<NewTopic> topics = new ArrayList<>();
      partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)
          .configs(configsByTopic.getOrDefault(name, Map.of()))));
      for (var result : admin.createTopics(topics).values().entrySet()) {
        try {
          result.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + result.getKey() + ": " + e.getCause().getMessage(), e);
          }
        }
      }
      awaitListed(admin, partitionsByTopic.keySet());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Kafka did not create the topics within 30 s", e);
    }
  }

  /**
   * Waits until the broker lists the topics: the controller acknowledges a new topic a moment before
   * the broker's metadata has it, and a job's preflight check started right away would miss it.
   */
  private static void awaitListed(Admin admin, java.util.Set<String> topics) throws InterruptedException,
      java.util.concurrent.TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try {
        if (admin.listTopics().names().get(10, TimeUnit.SECONDS).containsAll(topics)) {
          return;
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
      }
      if (System.nanoTime() > deadline) {
        throw new java.util.concurrent.TimeoutException("created topics not listed by the broker within 15 s");
      }
      Thread.sleep(20);
    }
  }

  /** An admin client; on a secured broker it signs in as the stack's admin (a super user). */
  public Admin admin() {
    Properties props = new Properties();
    if (security != null) {
      props.putAll(security.kafkaClientProperties(security.adminUser(), security.adminPassword()));
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    return Admin.create(props);
  }

  /** Whether clients must use SASL_SSL ({@link StackSecurity#kafkaClientProperties}). */
  public boolean secured() {
    return security != null;
  }

  /**
   * Creates or updates the SCRAM user and lets it do what a Customer Pulse job does and no more: read
   * {@code readTopics}, write {@code writeTopics}, commit offsets of groups starting with
   * {@code groupPrefix}, and run transactions whose ids start with {@code transactionalIdPrefix}.
   */
  public void allowJob(String user, String password, java.util.Collection<String> readTopics,
      java.util.Collection<String> writeTopics, String groupPrefix, String transactionalIdPrefix) {
    if (security == null) {
      throw new IllegalStateException("a plaintext broker has no users or ACLs");
    }
    try (Admin admin = admin()) {
      SecuredKafkaConfig.allowJob(admin, user, password, readTopics, writeTopics, groupPrefix, transactionalIdPrefix);
    }
    java.util.Set<String> topics = new java.util.HashSet<>(readTopics);
    topics.addAll(writeTopics);
    awaitVisibleTo(user, password, topics);
  }

  /**
   * The controller commits a new user and ACLs before the broker applies them; until then the user is
   * refused or sees fewer topics. Waits until the user itself lists every topic it was given.
   */
  private void awaitVisibleTo(String user, String password, java.util.Set<String> topics) {
    Properties props = new Properties();
    props.putAll(security.kafkaClientProperties(user, password));
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Admin asUser = Admin.create(props)) {
      while (true) {
        try {
          if (asUser.listTopics().names().get(10, TimeUnit.SECONDS).containsAll(topics)) {
            return;
          }
        } catch (ExecutionException notYet) {
          // The credentials may not be in force yet either: retry until the deadline.
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Kafka user " + user + " did not see its topics within 30 s");
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the ACLs of " + user, e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Kafka user " + user + " got no topic list within 10 s", e);
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Kafka broker exited during start:\n" + process.tail());
      }
      if (FreePorts.isOpen(port)) {
        try (Admin admin = admin()) {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (Exception notYet) {
          // Listener up, metadata not yet: try again.
        }
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException("the Kafka broker was not ready within " + timeout.toSeconds() + " s:\n" + process.tail());
  }

  @Override
  public void close() {
    process.close();
    LocalFiles.deleteRecursively(dir);
  }

  private static String serverProperties(Path data, int port, int controllerPort) {
    return String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + data,
        "num.partitions=4",
        // Topics are created on purpose (demo, tests, 'pulse topics'); a typo must not create one.
        "auto.create.topics.enable=false",
        // One node: internal topics cannot be replicated.
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=4",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=4",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "num.network.threads=2",
        "num.io.threads=4",
        "") ;
  }

  /** A random Kafka cluster id; never one starting with '-', which the storage tool would read as an option. */
  static String clusterId() {
    SecureRandom random = new SecureRandom();
    while (true) {
      byte[] uuid = new byte[16];
      random.nextBytes(uuid);
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(uuid);
      if (id.charAt(0) != '-') {
        return id;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
