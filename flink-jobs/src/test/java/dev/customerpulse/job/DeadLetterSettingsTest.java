package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.ingest.DeadLetterLimits;
import dev.customerpulse.ingest.DeadLetterSettings;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** pulse.dead-letters.* and the test fault hook, as the job reads and refuses them. */
class DeadLetterSettingsTest {
  private static Configuration minimal() {
    Configuration conf = new Configuration();
    conf.set(PulseOptions.KAFKA_BOOTSTRAP_SERVERS, "localhost:9092");
    conf.set(PulseOptions.REGISTRY_URL, "http://localhost:8081");
    conf.set(PulseOptions.REDIS_URL, "redis://localhost:6379");
    conf.set(PulseOptions.PSEUDONYMISATION_SECRET, "0123456789abcdef0123");
    return conf;
  }

  @Test
  void theDefaultsKeep64KiBOfAValueAndFitTheProducersDefaultRequestSizeWithRoomToSpare() {
    PulseSettings settings = PulseSettings.from(minimal());
    assertThat(settings.logic().deadLetters()).isEqualTo(new DeadLetterSettings(new DeadLetterLimits(65_536, 4_096, 64, 16_384), 100));
    assertThat(settings.logic().deadLetters()).isEqualTo(DeadLetterSettings.DEFAULTS);
    assertThat(settings.logic().injectExceptionEvery()).isZero();
    // 65,536 + 2 × 4,096 + 16,384 + 16 × 64 + 9 × 2,000 + 8,192
    assertThat(DeadLetterLimits.DEFAULTS.largestRecordBytes()).isEqualTo(117_328);
  }

  @Test
  void limitsUnderWhichALetterCouldExceedTheProducersMaxRequestSizeAreRefusedInOneLine() {
    Configuration conf = minimal();
    conf.set(PulseOptions.DEAD_LETTER_MAX_VALUE_BYTES, 1_048_576);
    assertThatThrownBy(() -> PulseSettings.from(conf)).isInstanceOf(ConfigException.class).hasMessage(
        "pulse.dead-letters.max-value-bytes, max-key-bytes and max-header-bytes allow dead letters of up to 1100368 bytes, more"
            + " than the producer's max.request.size (1048576); lower them or raise pulse.kafka.client.max.request.size (and"
            + " the topics' max.message.bytes)");

    conf.setString("pulse.kafka.client.max.request.size", "2097152");
    assertThat(PulseSettings.from(conf).logic().deadLetters().limits().maxValueBytes()).isEqualTo(1_048_576);
  }

  @Test
  void negativeLimitsAreRefused() {
    Configuration conf = minimal();
    conf.set(PulseOptions.DEAD_LETTER_MAX_PROCESSING_ERRORS, -1);
    assertThatThrownBy(() -> PulseSettings.from(conf)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.dead-letters: maxProcessingErrors must be 0 or more, not -1");
  }

  @Test
  void theTestFaultHookIsRefusedUnlessFaultsAreEnabledOnPurpose() {
    Configuration conf = minimal();
    conf.set(PulseOptions.TEST_INJECT_EXCEPTION_EVERY, 1_000L);
    assertThatThrownBy(() -> PulseSettings.from(conf)).isInstanceOf(ConfigException.class).hasMessage(
        "pulse.test.inject-exception-every is a test fault hook: refused unless pulse.test.faults-enabled=true (never in"
            + " production)");

    conf.set(PulseOptions.TEST_FAULTS_ENABLED, true);
    assertThat(PulseSettings.from(conf).logic().injectExceptionEvery()).isEqualTo(1_000L);
  }
}
