package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

/** Secrets never show: not in the table, not in printed settings, not in Flink's logs, not in error messages. */
class SecretsTest {
  private static final List<String> SECRET_VALUES = List.of("registry-secret", "truststore-secret", "redis-secret",
      "a-secret-of-sixteen-bytes", "url-secret", "sasl-secret", "scram-secret", "kafka-store-secret", "redis-store-secret");

  private static Configuration withEverySecret() {
    Configuration conf = new Configuration();
    conf.setString("pulse.kafka.bootstrap-servers", "k1:9092");
    conf.setString("pulse.kafka.client.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"pulse\" password=\"sasl-secret\";");
    conf.setString("pulse.registry.url", "https://registry:8443");
    conf.setString("pulse.registry.username", "pulse");
    conf.setString("pulse.registry.password", "registry-secret");
    conf.setString("pulse.registry.truststore", "/etc/pulse/truststore.p12");
    conf.setString("pulse.registry.truststore-password", "truststore-secret");
    conf.setString("pulse.redis.url", "redis://ops:url-secret@cache:6379");
    conf.setString("pulse.redis.password", "redis-secret");
    conf.setString("pulse.privacy.pseudonymisation-secret", "a-secret-of-sixteen-bytes");
    conf.setString("pulse.kafka.sasl-username", "pulse");
    conf.setString("pulse.kafka.sasl-password", "scram-secret");
    conf.setString("pulse.kafka.truststore", "/etc/pulse/kafka.p12");
    conf.setString("pulse.kafka.truststore-password", "kafka-store-secret");
    conf.setString("pulse.redis.truststore", "/etc/pulse/redis.p12");
    conf.setString("pulse.redis.truststore-password", "redis-store-secret");
    return conf;
  }

  @Test
  void theSecretsAreListedHaveNoDefaultAndFlinkMasksThem() {
    assertThat(PulseOptions.SECRETS.stream().map(ConfigOption::key)).containsExactly("pulse.kafka.sasl-password",
        "pulse.kafka.truststore-password", "pulse.registry.password", "pulse.registry.truststore-password",
        "pulse.redis.password", "pulse.redis.truststore-password", "pulse.privacy.pseudonymisation-secret");
    for (ConfigOption<String> secret : PulseOptions.SECRETS) {
      assertThat(secret.hasDefaultValue()).as(secret.key()).isFalse();
      assertThat(GlobalConfiguration.isSensitive(secret.key())).as(secret.key()).isTrue();
    }
    assertThat(PulseOptions.all()).containsAll(PulseOptions.SECRETS);
    // Any other option whose key Flink would mask must be listed as a secret.
    assertThat(PulseOptions.all().stream().filter(option -> GlobalConfiguration.isSensitive(option.key())))
        .containsExactlyInAnyOrderElementsOf(PulseOptions.SECRETS);
  }

  @Test
  void printedSettingsHoldNoSecret() {
    PulseSettings settings = PulseSettings.from(withEverySecret());
    assertThat(settings.redis().password()).isEqualTo("redis-secret");
    assertThat(settings.registry().password()).isEqualTo("registry-secret");
    String printed = settings + " " + settings.kafka() + " " + settings.registry() + " " + settings.redis() + " "
        + settings.redis().displayUrl() + " " + OptionsTable.markdown();
    for (String secret : SECRET_VALUES) {
      assertThat(printed).as(secret).doesNotContain(secret);
    }
  }

  @Test
  void flinkMasksEverySecretOfTheConfigurationItIsGiven() {
    // FlinkSetup moves the password out of pulse.redis.url, a key Flink would show as it is.
    Configuration flink = FlinkSetup.withDefaults(withEverySecret());
    String shown = flink.toString() + " " + org.apache.flink.configuration.ConfigurationUtils.hideSensitiveValues(flink.toMap());
    for (String secret : SECRET_VALUES) {
      assertThat(shown).as(secret).doesNotContain(secret);
    }
    assertThat(flink.get(PulseOptions.REDIS_URL)).isEqualTo("redis://cache:6379");
    assertThat(flink.get(PulseOptions.REDIS_USERNAME)).isEqualTo("ops");
    // pulse.redis.password was given too, and wins over the URL's, as it does when the settings are read.
    assertThat(PulseSettings.redis(flink).password()).isEqualTo("redis-secret");
    assertThat(PulseSettings.redis(flink).username()).isEqualTo("ops");
  }

  @Test
  void aPasswordOnlyInTheRedisUrlMovesToItsMaskedSetting() {
    Configuration conf = new Configuration();
    conf.setString("pulse.redis.url", "rediss://:p%40ss-url-secret@cache:6380/2");
    Configuration flink = FlinkSetup.withDefaults(conf);
    assertThat(flink.toMap()).containsEntry("pulse.redis.url", "rediss://cache:6380/2")
        .containsEntry("pulse.redis.password", "p@ss-url-secret").doesNotContainKey("pulse.redis.username");
    assertThat(flink.toString()).doesNotContain("url-secret");
    assertThat(PulseSettings.redis(flink)).isEqualTo(PulseSettings.redis(conf));
  }

  @Test
  void errorMessagesHoldNoSecret() {
    Configuration badPort = withEverySecret();
    badPort.setString("pulse.redis.url", "redis://ops:url-secret@cache:99999");
    assertThatThrownBy(() -> PulseSettings.from(badPort)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.redis.url: Redis URL 'redis://ops:***@cache:99999' has port '99999'; it must be a number 1-65535");
    Configuration registryUser = withEverySecret();
    registryUser.setString("pulse.registry.url", "https://pulse:url-secret@registry:8443");
    assertThatThrownBy(() -> PulseSettings.from(registryUser)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.registry.url: schema registry URL must not hold a user or password ('...@registry:8443');"
            + " give them as pulse.registry.username and pulse.registry.password");
    Configuration slashInPassword = withEverySecret();
    slashInPassword.setString("pulse.redis.url", "redis://ops:6379/url-secret@cache");
    assertThatThrownBy(() -> PulseSettings.from(slashInPassword)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pulse.redis.url: Redis URL 'redis://ops:***@cache' must look like redis://");
    Configuration shortSecret = withEverySecret();
    shortSecret.setString("pulse.privacy.pseudonymisation-secret", "url-secret");
    assertThatThrownBy(() -> PulseSettings.from(shortSecret)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.privacy.pseudonymisation-secret: the pseudonymisation secret must be at least 16 bytes long (it is 10)");
  }
}
