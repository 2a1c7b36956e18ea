package dev.customerpulse.job;

import dev.customerpulse.connectors.kafka.ClientTimeouts;
import dev.customerpulse.connectors.registry.SchemaRegistryClient;
import dev.customerpulse.connectors.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import redis.clients.jedis.UnifiedJedis;

/**
 * Checks before a run that Kafka, the registry and Redis answer and that the topics exist, so a
 * wrong address is one clear line instead of a job that restarts forever.
 */
public final class Preflight {
  /** A wrong address should be reported within seconds, unless the user's client properties ask for longer. */
  private static final ClientTimeouts KAFKA_TIMEOUTS = new ClientTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

  private Preflight() {}

  public static void check(PulseSettings settings) {
    checkKafka(settings);
    checkRegistry(settings);
    checkRedis(settings);
  }

  static void checkKafka(PulseSettings settings) {
    List<String> topics = new ArrayList<>(TopicSchemas.of(settings.topics()).keySet());
    topics.add(settings.topics().customerHandoffs());
    checkTopics(settings.kafka(), topics);
  }

  /** Kafka answers and has these topics; else a one-line {@link ConfigException}. */
  public static void checkTopics(dev.customerpulse.connectors.kafka.KafkaSettings kafka, java.util.Collection<String> topics) {
    String servers = kafka.bootstrapServers();
    Duration wait = kafka.timeouts(KAFKA_TIMEOUTS).call();
    try (Admin admin = Admin.create(kafka.clientProperties(Map.of(), KAFKA_TIMEOUTS))) {
      Set<String> existing;
      try {
        existing = admin.listTopics().names().get(wait.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new ConfigException("cannot reach Kafka at " + servers + " (no answer within " + wait.toSeconds() + " s); check "
            + PulseOptions.KAFKA_BOOTSTRAP_SERVERS.key() + " and the Kafka security settings");
      } catch (Exception e) {
        throw kafkaFailure(servers, e);
      }
      List<String> missing = new ArrayList<>();
      for (String topic : topics) {
        if (!existing.contains(topic)) {
          missing.add(topic);
        }
      }
      if (!missing.isEmpty()) {
        // With ACLs, a topic the user may not use is not listed to it either.
        String hidden = kafka.clientProperties().containsKey("sasl.jaas.config")
            ? " or not allowed to this user (Kafka ACLs: it needs READ or WRITE on them)" : "";
        throw new ConfigException("topics missing on Kafka at " + servers + hidden + ": " + String.join(", ", missing)
            + "; create them with 'pulse topics create'");
      }
    }
  }

  /** One line for a Kafka client that failed: credentials refused, a TLS handshake that failed, or no answer. */
  static ConfigException kafkaFailure(String servers, Exception e) {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof org.apache.kafka.common.errors.SaslAuthenticationException) {
        return new ConfigException("Kafka at " + servers + " refused the credentials (" + cause.getMessage() + "); check "
            + PulseOptions.KAFKA_SASL_USERNAME.key() + " and " + PulseOptions.KAFKA_SASL_PASSWORD.key());
      }
      if (cause instanceof org.apache.kafka.common.errors.SslAuthenticationException) {
        return new ConfigException("Kafka at " + servers + ": the TLS handshake failed (" + rootMessage(cause) + "); check "
            + PulseOptions.KAFKA_TRUSTSTORE.key() + " and " + PulseOptions.KAFKA_SECURITY_PROTOCOL.key());
      }
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    return new ConfigException("cannot reach Kafka at " + servers + " (" + rootMessage(e)
        + "); check " + PulseOptions.KAFKA_BOOTSTRAP_SERVERS.key() + " and the Kafka security settings");
  }

  static void checkRegistry(PulseSettings settings) {
    try {
      new SchemaRegistryClient(settings.registry().withOutageTolerance(Duration.ofSeconds(3))).subjects();
    } catch (SchemaRegistryException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  static void checkRedis(PulseSettings settings) {
    checkRedis(settings.redis());
  }

  /** Redis answers, and is a cluster exactly when the settings say so; else a one-line {@link ConfigException}. */
  public static void checkRedis(dev.customerpulse.connectors.redis.RedisSettings redisSettings) {
    boolean clusterNode;
    try (UnifiedJedis redis = redisSettings.connect()) {
      redis.ping();
      clusterNode = redis.info("cluster").contains("cluster_enabled:1");
    } catch (redis.clients.jedis.exceptions.JedisAccessControlException e) {
      if (String.valueOf(e.getMessage()).startsWith("NOPERM")) {
        throw new ConfigException("Redis at " + redisSettings.displayUrl() + " took the credentials, but the user's ACL"
            + " does not allow what the job needs (" + rootMessage(e) + "); see docs/security.md");
      }
      throw new ConfigException("Redis at " + redisSettings.displayUrl() + " refused the credentials (" + rootMessage(e)
          + "); check " + PulseOptions.REDIS_USERNAME.key() + " and " + PulseOptions.REDIS_PASSWORD.key());
    } catch (RuntimeException e) {
      if (hasCause(e, javax.net.ssl.SSLException.class)) {
        throw new ConfigException("Redis at " + redisSettings.displayUrl() + ": the TLS handshake failed (" + rootMessage(e)
            + "); check " + PulseOptions.REDIS_TRUSTSTORE.key());
      }
      throw new ConfigException("cannot reach Redis at " + redisSettings.displayUrl() + " (" + rootMessage(e)
          + "); check " + PulseOptions.REDIS_URL.key() + (redisSettings.cluster() ? " and " + PulseOptions.REDIS_CLUSTER.key() : ""));
    }
    if (clusterNode && !redisSettings.cluster()) {
      // Standalone writes to a cluster node would fail with MOVED for every key of another slot.
      throw new ConfigException("Redis at " + redisSettings.displayUrl() + " is a Redis Cluster node; set "
          + PulseOptions.REDIS_CLUSTER.key() + "=true");
    }
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  /** The message of the innermost cause: what actually went wrong. */
  public static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
