package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.connectors.registry.ConfluentWireFormat;
import dev.customerpulse.connectors.registry.SchemaRegistryClient;
import dev.customerpulse.job.PulseSettings;
import dev.customerpulse.job.TopicSchemas;
import dev.customerpulse.job.Topics;
import dev.customerpulse.localstack.StackSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The pulse commands reach the secured parts through the same settings as the job: an operator with
 * the admin's credentials creates topics and registers schemas, and `pulse profile` reads Redis over
 * TLS as the job's ACL user.
 */
class SecuredCommandsIT extends OnSecuredStack {

  private StackSecurity security() {
    return it.stack.security().orElseThrow();
  }

  /** Kafka and registry settings of the stack's admin, as -D arguments, and this slice's topics renamed. */
  private List<String> adminArgs(String topicSuffix) {
    StackSecurity security = security();
    String trustStore = security.certificates().trustStore().toString();
    String trustStorePassword = security.certificates().trustStorePassword();
    Map<String, String> settings = new TreeMap<>(Map.of(
        "pulse.kafka.security-protocol", "SASL_SSL",
        "pulse.kafka.sasl-username", security.adminUser(),
        "pulse.kafka.sasl-password", security.adminPassword(),
        "pulse.kafka.truststore", trustStore,
        "pulse.kafka.truststore-password", trustStorePassword,
        "pulse.registry.username", security.adminUser(),
        "pulse.registry.password", security.adminPassword(),
        "pulse.registry.truststore", trustStore,
        "pulse.registry.truststore-password", trustStorePassword));
    it.jobConfiguration().toMap().forEach((key, value) -> {
      if (key.startsWith("pulse.topics.")) {
        settings.put(key, value + topicSuffix);
      }
    });
    List<String> args = new ArrayList<>();
    settings.forEach((key, value) -> args.addAll(List.of("-D", key + "=" + value)));
    return args;
  }

  @Test
  void topicsCreateAndSchemasRegisterWorkWithTheAdminsCredentials() throws Exception {
    List<String> create = new ArrayList<>(List.of("topics", "create", "--partitions", "2",
        "--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers()));
    create.addAll(adminArgs("-cli"));
    PulseCli.Result created = PulseCli.run(create.toArray(String[]::new));
    assertThat(created.exitCode()).as(created.err()).isZero();
    Configuration names = new Configuration();
    adminArgs("-cli").stream().filter(arg -> arg.startsWith("pulse.topics.")).forEach(arg ->
        names.setString(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1)));
    Topics topics = PulseSettings.topics(names);
    Set<String> wanted = topics.withPartitions(2).keySet();
    try (Admin admin = it.stack.kafka().admin()) {
      assertThat(admin.describeTopics(wanted).allTopicNames().get(30, TimeUnit.SECONDS)).hasSize(wanted.size());
    }

    List<String> register = new ArrayList<>(List.of("schemas", "register", "--registry-url", it.stack.registryUrl()));
    register.addAll(adminArgs("-cli"));
    PulseCli.Result registered = PulseCli.run(register.toArray(String[]::new));
    assertThat(registered.exitCode()).as(registered.err()).isZero();
    SchemaRegistryClient registry = new SchemaRegistryClient(it.registry);
    for (String topic : TopicSchemas.of(topics).keySet()) {
      assertThat(registry.latestId(ConfluentWireFormat.valueSubject(topic))).as(topic).isPresent();
    }
  }

  @Test
  void profileReadsRedisOverTlsAsTheJobUser() {
    it.redis().hset(it.key("profile:{ann}"), Map.of("v", "4", "churn_risk", "0.7311", "segments", "tier:vip"));
    it.redis().zadd(it.key("rank:churn-risk"), 0.7311, "ann");
    StackSecurity security = security();
    PulseCli.Result ann = PulseCli.run("profile", "ann", "--redis-url", it.stack.redisUrl(),
        "-D", "pulse.redis.key-prefix=" + it.redisPrefix,
        "-D", "pulse.redis.username=" + it.redisUser,
        "-D", "pulse.redis.password=" + security.jobPassword(),
        "-D", "pulse.redis.truststore=" + security.certificates().trustStore(),
        "-D", "pulse.redis.truststore-password=" + security.certificates().trustStorePassword());
    assertThat(ann.exitCode()).as(ann.err()).isZero();
    assertThat(ann.out()).isEqualTo(it.key("profile:{ann}") + "  (HASH, contract v1)\n"
        + "  churn_risk                 0.7311\n"
        + "  segments                   tier:vip\n"
        + "  v                          4\n"
        + "member of:\n"
        + "  " + it.key("segment:tier:vip") + "\n"
        + "churn risk 0.7311, rank 1 of 1 customers by churn risk\n"
        + "  no feature raises it above the model's intercept\n");
  }
}
