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
      "a-secret-of-sixteen-bytes", "url-secret", "sasl-secret");

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
    return conf;
  }

  @Test
  void theSecretsAreListedHaveNoDefaultAndFlinkMasksThem() {
    assertThat(PulseOptions.SECRETS.stream().map(ConfigOption::key)).containsExactly("pulse.registry.password",
        "pulse.registry.truststore-password", "pulse.redis.password", "pulse.privacy.pseudonymisation-secret");
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
  void flinkMasksTheSecretSettingsWhenItPrintsAConfiguration() {
    Configuration conf = withEverySecret();
    conf.removeKey("pulse.redis.url"); // a password in the URL is not masked by Flink: give it as pulse.redis.password
    for (String secret : List.of("registry-secret", "truststore-secret", "redis-secret", "a-secret-of-sixteen-bytes",
        "sasl-secret")) {
      assertThat(conf.toString()).as(secret).doesNotContain(secret);
    }
  }

  @Test
  void errorMessagesHoldNoSecret() {
    Configuration badPort = withEverySecret();
    badPort.setString("pulse.redis.url", "redis://ops:url-secret@cache:99999");
    assertThatThrownBy(() -> PulseSettings.from(badPort)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.redis.url: Redis URL 'redis://ops:***@cache:99999' has port '99999'; it must be a number 1-65535");
    Configuration shortSecret = withEverySecret();
    shortSecret.setString("pulse.privacy.pseudonymisation-secret", "url-secret");
    assertThatThrownBy(() -> PulseSettings.from(shortSecret)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.privacy.pseudonymisation-secret: the pseudonymisation secret must be at least 16 bytes long (it is 10)");
  }
}
