package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.localstack.LocalStack;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * A wrong password or a missing trust store stops the job before it is submitted, with one line that
 * names the component and the settings to check, and never the password.
 */
class WrongCredentialsIT extends OnSecuredStack {

  @Test
  void aWrongKafkaPasswordIsOneLine() {
    Configuration conf = it.jobConfiguration();
    conf.set(PulseOptions.KAFKA_SASL_PASSWORD, "wrong-kafka-password");
    assertThatThrownBy(() -> JobLauncher.start(conf, "wrong")).isInstanceOf(ConfigException.class)
        .hasMessage("Kafka at " + it.stack.kafkaBootstrapServers() + " refused the credentials (Authentication failed during"
            + " authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512); check"
            + " pulse.kafka.sasl-username and pulse.kafka.sasl-password");
  }

  @Test
  void anUntrustedKafkaCertificateIsOneLine() {
    Configuration conf = it.jobConfiguration();
    conf.removeKey(PulseOptions.KAFKA_TRUSTSTORE.key());
    conf.removeKey(PulseOptions.KAFKA_TRUSTSTORE_PASSWORD.key());
    assertThatThrownBy(() -> JobLauncher.start(conf, "wrong")).isInstanceOf(ConfigException.class)
        .hasMessage("Kafka at " + it.stack.kafkaBootstrapServers() + ": the TLS handshake failed (unable to find valid"
            + " certification path to requested target); check pulse.kafka.truststore and pulse.kafka.security-protocol");
  }

  @Test
  void aWrongRegistryPasswordIsOneLine() {
    Configuration conf = it.jobConfiguration();
    conf.set(PulseOptions.REGISTRY_PASSWORD, "wrong-registry-password");
    assertThatThrownBy(() -> JobLauncher.start(conf, "wrong")).isInstanceOf(ConfigException.class)
        .hasMessage("schema registry at " + it.stack.registryUrl() + " refused the credentials (HTTP 401) when trying to"
            + " list subjects; check the registry user and password");
  }

  @Test
  void anUntrustedRegistryCertificateIsOneLine() {
    Configuration conf = it.jobConfiguration();
    conf.removeKey(PulseOptions.REGISTRY_TRUSTSTORE.key());
    assertThatThrownBy(() -> JobLauncher.start(conf, "wrong")).isInstanceOf(ConfigException.class)
        .hasMessage("schema registry at " + it.stack.registryUrl() + ": the TLS handshake failed (SSLHandshakeException:"
            + " PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid"
            + " certification path to requested target); check the registry trust store");
  }

  @Test
  void aWrongRedisPasswordIsOneLine() {
    Configuration conf = it.jobConfiguration();
    conf.set(PulseOptions.REDIS_PASSWORD, "wrong-redis-password");
    assertThatThrownBy(() -> JobLauncher.start(conf, "wrong")).isInstanceOf(ConfigException.class)
        .hasMessage("Redis at " + it.stack.redisUrl().replace("rediss://", "rediss://" + it.redisUser + "@")
            + " refused the credentials (WRONGPASS invalid username-password pair or user is disabled.); check"
            + " pulse.redis.username and pulse.redis.password");
  }

  @Test
  void aRedisUserWithoutTheRightsTheJobNeedsIsOneLine() {
    it.redis().sendCommand(redis.clients.jedis.Protocol.Command.ACL, "SETUSER", it.redisUser, "-info");
    assertThatThrownBy(() -> JobLauncher.start(it.jobConfiguration(), "wrong")).isInstanceOf(ConfigException.class)
        .hasMessage("Redis at " + it.stack.redisUrl().replace("rediss://", "rediss://" + it.redisUser + "@")
            + " took the credentials, but the user's ACL does not allow what the job needs (NOPERM this user has no"
            + " permissions to run the 'info' command or its subcommand); see docs/security.md");
  }

  @Test
  void pulseRunPrintsTheSameOneLineAndStops() {
    Configuration conf = it.jobConfiguration();
    conf.set(PulseOptions.REDIS_PASSWORD, "wrong-redis-password");
    List<String> args = new ArrayList<>(List.of("run"));
    conf.toMap().forEach((key, value) -> args.add("-D" + key + "=" + value));
    PulseCli.Result result = PulseCli.run(args.toArray(String[]::new));
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("pulse: Redis at " + it.stack.redisUrl().replace("rediss://", "rediss://"
        + it.redisUser + "@") + " refused the credentials (WRONGPASS invalid username-password pair or user is disabled.);"
        + " check pulse.redis.username and pulse.redis.password" + System.lineSeparator());
  }
}
