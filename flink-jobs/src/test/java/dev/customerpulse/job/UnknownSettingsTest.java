package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class UnknownSettingsTest {
  @Test
  void aTypoIsRefusedWithTheSettingItWasMeantToBe() {
    Configuration conf = new Configuration();
    conf.setString("pulse.redis.outage-tolerence", "1 min");
    assertThatThrownBy(() -> UnknownSettings.check(conf)).isInstanceOf(ConfigException.class)
        .hasMessage("unknown setting pulse.redis.outage-tolerence: did you mean pulse.redis.outage-tolerance?");
  }

  @Test
  void aRemovedSettingNamesWhatReplacedIt() {
    Configuration conf = new Configuration();
    conf.setString("pulse.redis.max-attempts", "5");
    assertThatThrownBy(() -> PulseSettings.from(conf)).isInstanceOf(ConfigException.class)
        .hasMessage("unknown setting pulse.redis.max-attempts: it was replaced by pulse.redis.outage-tolerance (how long the"
            + " Redis writers ride out an outage)");
  }

  @Test
  void somethingFarFromEverySettingPointsAtTheReference() {
    Configuration conf = new Configuration();
    conf.setString("pulse.frobnicate", "yes");
    assertThatThrownBy(() -> UnknownSettings.check(conf))
        .hasMessage("unknown setting pulse.frobnicate: see docs/configuration.md for the settings");
  }

  @Test
  void knownSettingsKafkaClientKeysAndFlinkSettingsPass() {
    Configuration conf = new Configuration();
    conf.setString("pulse.redis.outage-tolerance", "1 min");
    conf.setString("pulse.kafka.client.max.request.size", "2097152");
    conf.setString("execution.checkpointing.interval", "10 s");
    assertThatCode(() -> UnknownSettings.check(conf)).doesNotThrowAnyException();
  }
}
