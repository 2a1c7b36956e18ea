package dev.customerpulse.it;

import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.connectors.registry.RegistryRetries;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.Topics;
import dev.customerpulse.localstack.LocalStack;
import dev.customerpulse.localstack.StackSecurity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * A test slice of a secured stack: the test itself (producing inputs, reading outputs, inspecting
 * Redis) works as the stack's admin; the job signs in as the job user, with only the rights a job
 * needs on the slice's topics, group, transactional ids and Redis keys.
 */
final class SecuredSlice {
  private SecuredSlice() {}

  /** Kafka client properties of the stack's admin. */
  static Map<String, String> adminKafka(StackSecurity security) {
    return security.kafkaClientProperties(security.adminUser(), security.adminPassword());
  }

  static RegistrySettings adminRegistry(String url, StackSecurity security) {
    return new RegistrySettings(url, security.adminUser(), security.adminPassword(),
        security.certificates().trustStore().toString(), security.certificates().trustStorePassword(), true,
        Duration.ofSeconds(10), RegistryRetries.defaults());
  }

  static RedisSettings adminRedis(String url, StackSecurity security) {
    return RedisSettings.parse(url).withCredentials(security.adminUser(), security.adminPassword())
        .withTrustStore(security.certificates().trustStore().toString(), security.certificates().trustStorePassword());
  }

  /**
   * Lets the job user read and write the slice's own topics (every topic of {@code topics}: a topic a
   * later release adds is covered without a change here), use the consumer group and transactional ids
   * starting with {@code prefix}, and (as Redis user {@code redisUser}) the keys under {@code redisPrefix}.
   * Nothing else: no other topic, no creating or deleting, no cluster operation.
   */
  static void grantJob(LocalStack stack, Topics topics, String prefix, String redisUser, String redisPrefix) {
    StackSecurity security = stack.security().orElseThrow();
    List<String> own = List.copyOf(topics.withPartitions(1).keySet());
    stack.kafka().allowJob(security.jobUser(), security.jobPassword(), own, own, prefix, prefix);
    stack.allowRedisUser(redisUser, security.jobPassword(), redisPrefix);
  }

  /** The settings with which the job signs in as the job user everywhere. */
  static void jobSettings(Configuration conf, StackSecurity security, String redisUser) {
    String trustStore = security.certificates().trustStore().toString();
    String trustStorePassword = security.certificates().trustStorePassword();
    conf.set(PulseOptions.KAFKA_SECURITY_PROTOCOL, "SASL_SSL");
    conf.set(PulseOptions.KAFKA_SASL_MECHANISM, StackSecurity.KAFKA_SASL_MECHANISM);
    conf.set(PulseOptions.KAFKA_SASL_USERNAME, security.jobUser());
    conf.set(PulseOptions.KAFKA_SASL_PASSWORD, security.jobPassword());
    conf.set(PulseOptions.KAFKA_TRUSTSTORE, trustStore);
    conf.set(PulseOptions.KAFKA_TRUSTSTORE_PASSWORD, trustStorePassword);
    conf.set(PulseOptions.REGISTRY_USERNAME, security.jobUser());
    conf.set(PulseOptions.REGISTRY_PASSWORD, security.jobPassword());
    conf.set(PulseOptions.REGISTRY_TRUSTSTORE, trustStore);
    conf.set(PulseOptions.REGISTRY_TRUSTSTORE_PASSWORD, trustStorePassword);
    conf.set(PulseOptions.REDIS_USERNAME, redisUser);
    conf.set(PulseOptions.REDIS_PASSWORD, security.jobPassword());
    conf.set(PulseOptions.REDIS_TRUSTSTORE, trustStore);
    conf.set(PulseOptions.REDIS_TRUSTSTORE_PASSWORD, trustStorePassword);
  }
}
