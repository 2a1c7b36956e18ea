package dev.customerpulse.cli;

import dev.customerpulse.home.PulseHome;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.job.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/**
 * Where Kafka, the registry and Redis are, and any other setting. Layers, lowest first: a running
 * demo's services, PULSE_* environment variables, -D settings, then these flags.
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
    PulseOptions.applyEnvironment(environment, conf);
    settings.forEach(conf::setString);
    kafkaProperties.forEach((k, v) -> conf.setString(PulseOptions.KAFKA_CLIENT_PREFIX + k, v));
    setIfGiven(conf, PulseOptions.KAFKA_BOOTSTRAP_SERVERS, kafka);
    setIfGiven(conf, PulseOptions.REGISTRY_URL, registry);
    setIfGiven(conf, PulseOptions.REDIS_URL, redis);
    return conf;
  }

  /** Kafka from the configuration, or a one-line error saying how to give it. */
  static KafkaSettings kafka(Configuration conf) {
    String servers = conf.get(PulseOptions.KAFKA_BOOTSTRAP_SERVERS);
    if (servers == null) {
      throw missing("Kafka", "--kafka-bootstrap-servers", PulseOptions.KAFKA_BOOTSTRAP_SERVERS);
    }
    return new KafkaSettings(servers, PulseSettings.kafkaClientPropertiesOf(conf));
  }

  /** The schema registry from the configuration, or a one-line error saying how to give it. */
  static RegistrySettings registry(Configuration conf) {
    String url = conf.get(PulseOptions.REGISTRY_URL);
    if (url == null) {
      throw missing("schema registry", "--registry-url", PulseOptions.REGISTRY_URL);
    }
    return new RegistrySettings(url, conf.get(PulseOptions.REGISTRY_USERNAME), conf.get(PulseOptions.REGISTRY_PASSWORD),
        conf.get(PulseOptions.REGISTRY_TRUSTSTORE), conf.get(PulseOptions.REGISTRY_TRUSTSTORE_PASSWORD), true,
        Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  /** Redis from the configuration, or a one-line error saying how to give it. */
  static RedisSettings redis(Configuration conf) {
    if (conf.get(PulseOptions.REDIS_URL) == null) {
      throw missing("Redis", "--redis-url", PulseOptions.REDIS_URL);
    }
    return PulseSettings.redis(conf);
  }

  /** What a command reads from Redis, with the key names of the configured prefix. */
  @FunctionalInterface
  interface RedisRead<T> {
    T read(redis.clients.jedis.UnifiedJedis redis, dev.customerpulse.connectors.redis.RedisKeys keys);
  }

  /** Runs {@code read} on a connection to the configured Redis; a failure to connect or read is one line. */
  static <T> T readRedis(Configuration conf, RedisRead<T> read) {
    RedisSettings redis = redis(conf);
    var keys = new dev.customerpulse.connectors.redis.RedisKeys(conf.get(PulseOptions.REDIS_KEY_PREFIX));
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

  private static ConfigException missing(String what, String flag, ConfigOption<String> option) {
    return new ConfigException("no " + what + " given: use " + flag + " or " + PulseOptions.environmentVariable(option)
        + " (or start 'pulse demo')");
  }

  private static void setIfGiven(Configuration conf, ConfigOption<String> option, String value) {
    if (value != null) {
      conf.set(option, value);
    }
  }
}
