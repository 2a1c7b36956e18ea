package dev.customerpulse.cli;

import dev.customerpulse.home.PulseHome;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.redis.RedisKeys;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.job.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/**
 * Where Kafka, the registry and Redis are, and any other setting. Layers, lowest first: a running
 * demo's services, PULSE_* environment variables, -D settings, then these flags. Every flag becomes a
 * setting of the {@link Configuration}, which is read by the job's own reader, {@link PulseSettings}.
 */
public final class ConnectionOptions {
  @Option(names = "--kafka-bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka bootstrap servers (env PULSE_KAFKA_BOOTSTRAP_SERVERS).")
  String kafka;

  @Option(names = "--registry-url", paramLabel = "URL",
      description = "Confluent-compatible schema registry URL (env PULSE_REGISTRY_URL).")
  String registry;

  @Option(names = "--redis-url", paramLabel = "URL",
      description = "Redis URL redis://[user:password@]host:port[/db], rediss:// for TLS; seed nodes host1:port1,host2:port2"
          + " with -Dpulse.redis.cluster=true (env PULSE_REDIS_URL).")
  String redis;

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
      description = "Kafka client property passed through, e.g. security.protocol=SASL_SSL (repeatable).")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Any pulse.* or Flink setting, see 'pulse options' (repeatable).")
  Map<String, String> settings = new LinkedHashMap<>();

  /** The configuration these options, the environment and a running demo add up to. */
  public Configuration configuration() {
    return configuration(System.getenv(), PulseHome.current());
  }

  Configuration configuration(Map<String, String> environment, PulseHome home) {
    Configuration conf = new Configuration();
    home.runningDemo().ifPresent(demo -> demo.forEach((k, v) -> conf.setString(k.toString(), v.toString())));
    return over(conf, environment);
  }

  /** The environment's PULSE_* settings, -D settings and these flags over {@code conf} (the lowest layer). */
  Configuration over(Configuration conf, Map<String, String> environment) {
    PulseOptions.applyEnvironment(environment, conf);
    settings.forEach(conf::setString);
    kafkaProperties.forEach((k, v) -> conf.setString(PulseOptions.KAFKA_CLIENT_PREFIX + k, v));
    setIfGiven(conf, PulseOptions.KAFKA_BOOTSTRAP_SERVERS, kafka);
    setIfGiven(conf, PulseOptions.REGISTRY_URL, registry);
    setIfGiven(conf, PulseOptions.REDIS_URL, redis);
    return conf;
  }

  /** Kafka from the configuration, read as the job reads it, or a one-line error saying how to give it. */
  static KafkaSettings kafka(Configuration conf) {
    requireGiven(conf, PulseOptions.KAFKA_BOOTSTRAP_SERVERS, "Kafka", "--kafka-bootstrap-servers");
    return PulseSettings.kafka(conf);
  }

  /** The schema registry from the configuration, read as the job reads it, or a one-line error saying how to give it. */
  static RegistrySettings registry(Configuration conf) {
    requireGiven(conf, PulseOptions.REGISTRY_URL, "schema registry", "--registry-url");
    return PulseSettings.registry(conf);
  }

  /** Redis from the configuration, read as the job reads it, or a one-line error saying how to give it. */
  static RedisSettings redis(Configuration conf) {
    requireGiven(conf, PulseOptions.REDIS_URL, "Redis", "--redis-url");
    return PulseSettings.redis(conf);
  }

  /** The Redis key names of the configured prefix, as the job names them. */
  static RedisKeys redisKeys(Configuration conf) {
    return PulseSettings.redisKeys(conf);
  }

  /** What a command reads from Redis, with the key names of the configured prefix. */
  @FunctionalInterface
  interface RedisRead<T> {
    T read(redis.clients.jedis.UnifiedJedis redis, RedisKeys keys);
  }

  /** Runs {@code read} on a connection to the configured Redis; a failure to connect or read is one line. */
  static <T> T readRedis(Configuration conf, RedisRead<T> read) {
    RedisSettings redis = redis(conf);
    RedisKeys keys = redisKeys(conf);
    try (var connection = redis.connect()) {
      return read.read(connection, keys);
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigException("cannot read Redis at " + redis.displayUrl() + ": "
          + dev.customerpulse.job.Preflight.rootMessage(e));
    }
  }

  /** The topic names from the configuration. */
  static Topics topics(Configuration conf) {
    return PulseSettings.topics(conf);
  }

  /** Only whether the setting is there at all: its value is checked by the job's reader. */
  private static void requireGiven(Configuration conf, ConfigOption<String> option, String what, String flag) {
    String value = conf.get(option);
    if (value == null || value.isBlank()) {
      throw new ConfigException("no " + what + " given: use " + flag + " or " + PulseOptions.environmentVariable(option)
          + " (or start 'pulse demo')");
    }
  }

  private static void setIfGiven(Configuration conf, ConfigOption<String> option, String value) {
    if (value != null) {
      conf.set(option, value);
    }
  }
}
