package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.connectors.registry.RegistryRetries;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The registry's retry settings as the job reads them from pulse.registry.*. */
class RegistrySettingsReaderTest {
  private static Configuration minimal() {
    Configuration conf = new Configuration();
    conf.setString("pulse.kafka.bootstrap-servers", "k1:9092");
    conf.setString("pulse.registry.url", "http://registry:8081");
    conf.setString("pulse.redis.url", "redis://cache:6380");
    conf.setString("pulse.privacy.pseudonymisation-secret", "a-secret-of-sixteen-bytes");
    return conf;
  }

  @Test
  void defaultsRetryAnUnknownIdFiveTimesAndRideOutFiveMinutesOfOutage() {
    assertThat(PulseSettings.from(minimal()).registry().retries()).isEqualTo(new RegistryRetries(5, Duration.ofMillis(100),
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(5)));
    assertThat(PulseSettings.from(minimal()).registry().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void everyRetrySettingIsRead() {
    Configuration conf = minimal();
    conf.setString("pulse.registry.unknown-id-retries", "0");
    conf.setString("pulse.registry.unknown-id-backoff", "250 ms");
    conf.setString("pulse.registry.unknown-id-memory", "0 s");
    conf.setString("pulse.registry.outage-tolerance", "2 min");
    conf.setString("pulse.registry.outage-backoff-max", "1 s");

    assertThat(PulseSettings.from(conf).registry().retries()).isEqualTo(new RegistryRetries(0, Duration.ofMillis(250),
        Duration.ZERO, Duration.ofMinutes(2), Duration.ofSeconds(1)));
  }

  @Test
  void badValuesAreOneLineErrors() {
    Configuration negative = minimal();
    negative.setString("pulse.registry.unknown-id-retries", "-1");
    assertThatThrownBy(() -> PulseSettings.from(negative)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.registry.unknown-id-retries must be 0 or more, got -1");

    Configuration noBackoff = minimal();
    noBackoff.setString("pulse.registry.outage-backoff-max", "0 s");
    assertThatThrownBy(() -> PulseSettings.from(noBackoff)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.registry.outage-backoff-max must be more than zero, got PT0S");
  }

  @Test
  void theOutageToleranceMustEndBeforeTheKafkaTransactionsTimeOut() {
    Configuration conf = minimal();
    conf.setString("pulse.registry.outage-tolerance", "10 min");

    assertThatThrownBy(() -> PulseSettings.from(conf)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.registry.outage-tolerance is 600 s, not below pulse.kafka.transaction-timeout (600 s): a source"
            + " waiting out a registry outage holds back the checkpoint that commits the Kafka transactions; lower it"
            + " below that");
    conf.setString("pulse.kafka.transaction-timeout", "12 min");
    assertThat(PulseSettings.from(conf).registry().retries().outageTolerance()).isEqualTo(Duration.ofMinutes(10));
  }
}
