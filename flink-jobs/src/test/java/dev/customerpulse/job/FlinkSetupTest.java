package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the job's main layers its configuration, as the Helm chart relies on. */
class FlinkSetupTest {
  @TempDir Path dir;

  private Path configYaml(String name, String yaml) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.writeString(folder.resolve("config.yaml"), yaml);
    return folder;
  }

  @Test
  void clusterThenConfigDirThenEnvironmentThenArguments() throws Exception {
    Path cluster = configYaml("cluster", """
        pulse.topics.clicks: from-cluster
        pulse.topics.orders: from-cluster
        pulse.topics.service-calls: from-cluster
        pulse.topics.dead-letters: from-cluster
        """);
    Path mounted = configYaml("configmap", """
        pulse:
          topics:
            orders: from-configmap
            service-calls: from-configmap
            dead-letters: from-configmap
        """);
    Configuration conf = FlinkSetup.configurationFrom(
        new String[] {"--pulse.config-dir", mounted.toString(), "-Dpulse.topics.dead-letters=from-argument"},
        Map.of("FLINK_CONF_DIR", cluster.toString(), "PULSE_TOPICS_SERVICE_CALLS", "from-environment",
            "PULSE_TOPICS_DEAD_LETTERS", "from-environment", "PULSE_REDIS_PASSWORD", "s3cret"));

    assertThat(conf.get(PulseOptions.TOPIC_CLICKS)).isEqualTo("from-cluster");
    assertThat(conf.get(PulseOptions.TOPIC_ORDERS)).isEqualTo("from-configmap");
    assertThat(conf.get(PulseOptions.TOPIC_SERVICE_CALLS)).isEqualTo("from-environment");
    assertThat(conf.get(PulseOptions.TOPIC_DEAD_LETTERS)).isEqualTo("from-argument");
    assertThat(conf.get(PulseOptions.REDIS_PASSWORD)).isEqualTo("s3cret");
  }

  @Test
  void theConfigDirCanComeFromTheEnvironment() throws Exception {
    Path mounted = configYaml("configmap", "pulse.topics.orders: mounted\n");
    Configuration conf = FlinkSetup.configurationFrom(new String[0], Map.of("PULSE_CONFIG_DIR", mounted.toString()));
    assertThat(conf.get(PulseOptions.TOPIC_ORDERS)).isEqualTo("mounted");
  }

  @Test
  void aMissingConfigDirIsOneClearLine() {
    assertThatThrownBy(() -> FlinkSetup.configurationFrom(new String[] {"--pulse.config-dir", dir.resolve("nope").toString()}, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pulse.config-dir: no readable ")
        .hasMessageEndingWith("nope/config.yaml");
  }

  @Test
  void aStrayArgumentIsRejected() {
    assertThatThrownBy(() -> FlinkSetup.configurationFrom(new String[] {"orders"}, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unexpected argument 'orders'; pass settings as -Dkey=value or --key value");
  }

  @Test
  void redisCredentialsFromSettingsReplaceThoseInTheUrl() {
    Configuration conf = new Configuration();
    conf.set(PulseOptions.KAFKA_BOOTSTRAP_SERVERS, "localhost:9092");
    conf.set(PulseOptions.REGISTRY_URL, "http://localhost:8081");
    conf.set(PulseOptions.REDIS_URL, "redis://old:old-password@redis:6380/2");
    conf.set(PulseOptions.PSEUDONYMISATION_SECRET, "a-secret-of-sixteen-bytes");
    conf.set(PulseOptions.REDIS_USERNAME, "pulse");
    conf.set(PulseOptions.REDIS_PASSWORD, "from-secret");
    var redis = PulseSettings.from(conf).redis();
    assertThat(redis.username()).isEqualTo("pulse");
    assertThat(redis.password()).isEqualTo("from-secret");
    assertThat(redis.displayUrl()).isEqualTo("redis://pulse@redis:6380/2");
  }
}
