package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed Kafka security settings become the client properties every Kafka client of the job and the CLI gets. */
class KafkaSecurityTest {

  private static Configuration kafka() {
    Configuration conf = new Configuration();
    conf.setString("pulse.kafka.bootstrap-servers", "k1:9093");
    return conf;
  }

  @Test
  void aUserAndPasswordOverTlsWithAPrivateAuthorityNeedNoPropertiesFile() {
    Configuration conf = kafka();
    conf.setString("pulse.kafka.security-protocol", "sasl_ssl");
    conf.setString("pulse.kafka.sasl-username", "pulse");
    conf.setString("pulse.kafka.sasl-password", "pa\"ss\\word");
    conf.setString("pulse.kafka.truststore", "/etc/pulse/ca.p12");
    conf.setString("pulse.kafka.truststore-password", "store");
    assertThat(PulseSettings.kafka(conf).clientProperties()).isEqualTo(Map.of(
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512",
        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"pulse\""
            + " password=\"pa\\\"ss\\\\word\";",
        "ssl.truststore.location", "/etc/pulse/ca.p12",
        "ssl.truststore.type", "PKCS12",
        "ssl.truststore.password", "store"));
  }

  @Test
  void plainAndJksWork() {
    Configuration conf = kafka();
    conf.setString("pulse.kafka.sasl-mechanism", "PLAIN");
    conf.setString("pulse.kafka.sasl-username", "pulse");
    conf.setString("pulse.kafka.sasl-password", "pw");
    conf.setString("pulse.kafka.truststore", "/etc/pulse/ca.jks");
    assertThat(PulseSettings.kafka(conf).clientProperties()).isEqualTo(Map.of(
        "sasl.mechanism", "PLAIN",
        "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"pulse\" password=\"pw\";",
        "ssl.truststore.location", "/etc/pulse/ca.jks",
        "ssl.truststore.type", "JKS"));
  }

  @Test
  void theTypedSettingsOverrideTheFileAndSingleKeysOverrideBoth(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "security.protocol=SSL\nsasl.mechanism=PLAIN\nclient.rack=a\n");
    Configuration conf = kafka();
    conf.setString("pulse.kafka.client-properties-file", file.toString());
    conf.setString("pulse.kafka.security-protocol", "SASL_SSL");
    conf.setString("pulse.kafka.sasl-username", "pulse");
    conf.setString("pulse.kafka.sasl-password", "pw");
    conf.setString("pulse.kafka.client.sasl.mechanism", "SCRAM-SHA-256");
    Map<String, String> props = PulseSettings.kafka(conf).clientProperties();
    assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("client.rack", "a")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256");
  }

  @Test
  void incompleteOrUnknownSettingsAreOneLineWithoutTheSecret() {
    Configuration noPassword = kafka();
    noPassword.setString("pulse.kafka.sasl-username", "pulse");
    assertThatThrownBy(() -> PulseSettings.kafka(noPassword)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.kafka.sasl-username is set but pulse.kafka.sasl-password is not (give it as PULSE_KAFKA_SASL_PASSWORD)");
    Configuration noUser = kafka();
    noUser.setString("pulse.kafka.sasl-password", "hidden-value");
    assertThatThrownBy(() -> PulseSettings.kafka(noUser)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.kafka.sasl-password is set but pulse.kafka.sasl-username is not");
    Configuration protocol = kafka();
    protocol.setString("pulse.kafka.security-protocol", "TLS");
    assertThatThrownBy(() -> PulseSettings.kafka(protocol)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.kafka.security-protocol: 'TLS' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
    Configuration mechanism = kafka();
    mechanism.setString("pulse.kafka.sasl-mechanism", "GSSAPI");
    mechanism.setString("pulse.kafka.sasl-username", "pulse");
    mechanism.setString("pulse.kafka.sasl-password", "hidden-value");
    assertThatThrownBy(() -> PulseSettings.kafka(mechanism)).isInstanceOf(ConfigException.class)
        .hasMessage("pulse.kafka.sasl-mechanism: 'GSSAPI' needs its own sasl.jaas.config; with a user and password use"
            + " SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN");
  }

  @Test
  void nothingSetAddsNothing() {
    assertThat(PulseSettings.kafka(kafka()).clientProperties()).isEmpty();
  }
}
