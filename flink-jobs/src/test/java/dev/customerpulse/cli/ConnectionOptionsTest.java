package dev.customerpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.connectors.redis.RedisKeys;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.connectors.registry.RegistryRetries;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.FlinkSetup;
import dev.customerpulse.job.PulseSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import redis.clients.jedis.HostAndPort;

/** The CLI's connection flags become settings, which the job's own reader reads. */
class ConnectionOptionsTest {
  private static final Map<String, String> ENVIRONMENT = Map.of("PULSE_REDIS_PASSWORD", "redis-secret",
      "PULSE_REGISTRY_PASSWORD", "registry-secret", "PULSE_PRIVACY_PSEUDONYMISATION_SECRET", "a-secret-of-sixteen-bytes");

  private Configuration cli(String... args) {
    ConnectionOptions options = new ConnectionOptions();
    new CommandLine(options).parseArgs(args);
    return options.over(new Configuration(), ENVIRONMENT);
  }

  @Test
  void theCliAndTheJobReadTheSameSettingsFromTheSameInputs() {
    Configuration cli = cli("--kafka-bootstrap-servers", "k1:9092,k2:9092", "--kafka-property", "security.protocol=SSL",
        "--registry-url", "https://registry:8443/", "--redis-url", "redis://pulse:old@r1:7000,r2:7001",
        "-D", "pulse.redis.cluster=true", "-D", "pulse.redis.key-prefix=shop", "-D", "pulse.registry.username=pulse",
        "-D", "pulse.registry.auto-register=false", "-D", "pulse.topics.dead-letters=dlq");
    PulseSettings job = PulseSettings.from(FlinkSetup.configurationFrom(new String[] {
        "-Dpulse.kafka.bootstrap-servers=k1:9092,k2:9092", "-Dpulse.kafka.client.security.protocol=SSL",
        "-Dpulse.registry.url=https://registry:8443/", "-Dpulse.redis.url=redis://pulse:old@r1:7000,r2:7001",
        "-Dpulse.redis.cluster=true", "-Dpulse.redis.key-prefix=shop", "-Dpulse.registry.username=pulse",
        "-Dpulse.registry.auto-register=false", "-Dpulse.topics.dead-letters=dlq"}, ENVIRONMENT));

    assertThat(ConnectionOptions.redis(cli)).isEqualTo(job.redis())
        .isEqualTo(new RedisSettings(java.util.List.of(new HostAndPort("r1", 7000), new HostAndPort("r2", 7001)), "pulse",
            "redis-secret", false, 0, 5_000, true));
    assertThat(ConnectionOptions.registry(cli)).isEqualTo(job.registry())
        .isEqualTo(new RegistrySettings("https://registry:8443", "pulse", "registry-secret", null, null, false,
            Duration.ofSeconds(10), RegistryRetries.defaults()));
    assertThat(ConnectionOptions.kafka(cli)).isEqualTo(job.kafka());
    assertThat(ConnectionOptions.kafka(cli).clientProperties()).isEqualTo(Map.of("security.protocol", "SSL"));
    assertThat(ConnectionOptions.redisKeys(cli)).isEqualTo(job.redisKeys()).isEqualTo(new RedisKeys("shop"));
    assertThat(ConnectionOptions.topics(cli)).isEqualTo(job.topics());
    assertThat(ConnectionOptions.topics(cli).deadLetters()).isEqualTo("dlq");
  }

  @Test
  void aBadValueIsTheJobsOneLineMessage() {
    assertThatThrownBy(() -> ConnectionOptions.registry(cli("--registry-url", "registry:8081")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("pulse.registry.url: schema registry URL must start with http:// or https://, got 'registry:8081'");
    assertThatThrownBy(() -> ConnectionOptions.redis(cli("--redis-url", "redis://a:7000,b:7001")))
        .isInstanceOf(ConfigException.class).hasMessage("pulse.redis.url: several Redis hosts are seed nodes of a Redis"
            + " Cluster; set pulse.redis.cluster=true or give one host");
    assertThatThrownBy(() -> ConnectionOptions.redisKeys(cli("-D", "pulse.redis.key-prefix=a b")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("pulse.redis.key-prefix: Redis key prefix must be a non-empty word, got 'a b'");
  }

  @Test
  void aMissingConnectionNamesItsFlag() {
    assertThatThrownBy(() -> ConnectionOptions.redis(cli())).isInstanceOf(ConfigException.class)
        .hasMessage("no Redis given: use --redis-url or PULSE_REDIS_URL (or start 'pulse demo')");
    assertThatThrownBy(() -> ConnectionOptions.registry(cli("-D", "pulse.registry.url= "))).isInstanceOf(ConfigException.class)
        .hasMessage("no schema registry given: use --registry-url or PULSE_REGISTRY_URL (or start 'pulse demo')");
    assertThatThrownBy(() -> ConnectionOptions.kafka(cli())).isInstanceOf(ConfigException.class)
        .hasMessage("no Kafka given: use --kafka-bootstrap-servers or PULSE_KAFKA_BOOTSTRAP_SERVERS (or start 'pulse demo')");
  }
}
