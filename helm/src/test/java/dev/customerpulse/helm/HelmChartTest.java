package dev.customerpulse.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.customerpulse.job.FlinkSetup;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.PulseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** helm lint and helm template of helm/customer-pulse, with assertions on what it renders. */
class HelmChartTest {
  private static final List<String> VALUE_SETS = List.of("minimal", "production", "minio-without-ha", "secured", "without-pseudonymisation-secret");
  private static FlinkDeploymentCrd crd;

  @TempDir Path dir;

  @BeforeAll
  static void loadCrd() throws Exception {
    crd = new FlinkDeploymentCrd();
  }

  private static Chart.Rendered render(String values) {
    return Chart.template(values, Map.of());
  }

  private static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode variable : container.path("env")) {
      JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
      env.put(variable.path("name").asText(),
          secret.isMissingNode() ? variable.path("value").asText() : "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText());
    }
    return env;
  }

  private static Map<String, String> flinkConfiguration(JsonNode deployment) {
    Map<String, String> conf = new LinkedHashMap<>();
    deployment.path("spec").path("flinkConfiguration").fields().forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
    return conf;
  }

  /**
   * What the job's main would read: the ConfigMap's config.yaml (mounted where PULSE_CONFIG_DIR
   * points) and the variables the Secrets provide.
   */
  private Configuration jobConfiguration(Chart.Rendered rendered, Map<String, String> secretValues) throws Exception {
    String mountPath = StreamSupport.stream(rendered.mainContainer().path("volumeMounts").spliterator(), false)
        .filter(m -> m.path("name").asText().equals("pulse-config")).findFirst().orElseThrow().path("mountPath").asText();
    assertThat(env(rendered.mainContainer())).containsEntry("PULSE_CONFIG_DIR", mountPath);
    Path mounted = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(mounted.resolve("config.yaml"), rendered.one("ConfigMap").path("data").path("config.yaml").asText());
    Map<String, String> environment = new HashMap<>(secretValues);
    environment.put("PULSE_CONFIG_DIR", mounted.toString());
    return FlinkSetup.configurationFrom(new String[0], environment);
  }

  @Test
  void lintIsCleanWithTheRequiredValuesSet() throws Exception {
    for (String values : VALUE_SETS) {
      Path chart = Chart.copyWithValues(Files.createDirectories(dir.resolve(values)), values);
      LintResult lint = new Helm(chart).lint().strict().call();
      assertThat(lint.isFailed()).as(values + ": " + lint.getMessages()).isFalse();
      assertThat(lint.getMessages()).as(values).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }
  }

  @Test
  void lintOfTheChartAsShippedFailsOnWhatAUserMustSet() {
    LintResult lint = new Helm(Chart.DIR).lint().call();
    assertThat(lint.isFailed()).isTrue();
    String messages = String.join("\n", lint.getMessages());
    assertThat(messages).contains("values don't meet the specifications of the schema")
        .contains("/image/repository").contains("/connections/kafkaBootstrapServers").contains("/connections/registryUrl")
        .contains("/connections/redisUrl").contains("/storage/checkpoints").contains("/storage/savepoints")
        .doesNotContain("/privacy");
  }

  @Test
  void anOrderOnlyDeploymentNeedsNoPseudonymisationSecret() throws Exception {
    Chart.Rendered rendered = render("without-pseudonymisation-secret");
    assertThat(env(rendered.mainContainer())).containsExactly(
        Map.entry("PULSE_CONFIG_DIR", "/opt/customer-pulse/conf"),
        Map.entry("ENABLE_BUILT_IN_PLUGINS", "flink-s3-fs-presto-2.2.1.jar"));
    assertThat(crd.problems(rendered.deployment())).isEmpty();
    PulseSettings settings = PulseSettings.from(jobConfiguration(rendered, Map.of()));
    assertThat(settings.kafka().bootstrapServers()).isEqualTo("kafka-0.kafka:9092,kafka-1.kafka:9092");
  }

  @Test
  void everyRenderedFlinkDeploymentIsValidAgainstTheOperatorsCrd() {
    for (String values : VALUE_SETS) {
      assertThat(crd.problems(render(values).deployment())).as(values).isEmpty();
    }
  }

  @Test
  void theCrdCheckCatchesAnInvalidDeployment() {
    ObjectNode broken = render("minimal").deployment().deepCopy();
    ((ObjectNode) broken.path("spec").path("job")).put("upgradeMode", "whenever");
    ((ObjectNode) broken.path("spec").path("flinkConfiguration")).put("parallelism.default", 4);
    assertThat(crd.problems(broken)).hasSize(2).anyMatch(p -> p.contains("upgradeMode")).anyMatch(p -> p.contains("parallelism.default"));
  }

  @Test
  void theJobRunsInApplicationModeWithSavepointUpgradesHaAndIncrementalRocksDbCheckpoints() {
    Chart.Rendered rendered = render("minimal");
    assertThat(rendered.documents()).extracting(d -> d.path("kind").asText()).containsExactlyInAnyOrder("ConfigMap", "FlinkDeployment", "PodMonitor");
    JsonNode spec = rendered.deployment().path("spec");
    assertThat(rendered.deployment().path("metadata").path("name").asText()).isEqualTo("pulse-customer-pulse");
    assertThat(spec.path("image").asText()).isEqualTo("registry.example.com/customer-pulse:0.1.0");
    assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
    assertThat(spec.path("mode").asText()).isEqualTo("native");
    JsonNode job = spec.path("job");
    assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/customer-pulse.jar");
    assertThat(job.path("entryClass").asText()).isEqualTo("dev.customerpulse.job.CustomerPulseJob");
    assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
    assertThat(job.path("parallelism").asInt()).isEqualTo(2);
    assertThat(job.has("initialSavepointPath")).isFalse();
    assertThat(flinkConfiguration(rendered.deployment())).containsAllEntriesOf(Map.of(
        "state.backend.type", "rocksdb",
        "execution.checkpointing.incremental", "true",
        "execution.checkpointing.dir", "s3://pulse-state/checkpoints",
        "execution.checkpointing.savepoint-dir", "s3://pulse-state/savepoints",
        "high-availability.type", "kubernetes",
        "high-availability.storageDir", "s3://pulse-state/ha",
        "metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
        "metrics.reporter.prom.port", "9249",
        "taskmanager.numberOfTaskSlots", "2"))
        .containsEntry("pipeline.max-parallelism", "256")
        .containsEntry("env.java.opts.all", dev.customerpulse.connectors.kafka.AvroLimits.JVM_OPTIONS)
        .containsEntry("env.java.opts.taskmanager", "-XX:+UseParallelGC");
    assertThat(env(rendered.mainContainer())).containsExactly(
        Map.entry("PULSE_CONFIG_DIR", "/opt/customer-pulse/conf"),
        Map.entry("ENABLE_BUILT_IN_PLUGINS", "flink-s3-fs-presto-2.2.1.jar"),
        Map.entry("PULSE_PRIVACY_PSEUDONYMISATION_SECRET", "secret:pulse-privacy/secret"));
    assertThat(rendered.mainContainer().path("ports").get(0).path("containerPort").asInt()).isEqualTo(9249);
  }

  @Test
  void theJobAcceptsTheConfigurationTheChartMountsForIt() throws Exception {
    Configuration minimal = jobConfiguration(render("minimal"), Map.of("PULSE_PRIVACY_PSEUDONYMISATION_SECRET", "a secret of 16+ bytes"));
    PulseSettings settings = PulseSettings.from(minimal);
    assertThat(settings.kafka().bootstrapServers()).isEqualTo("kafka-0.kafka:9092,kafka-1.kafka:9092");
    assertThat(settings.registry().url()).isEqualTo("http://schema-registry:8081");
    assertThat(settings.redis().displayUrl()).isEqualTo("redis://redis-master:6379");

    Chart.Rendered production = render("production");
    Map<String, String> secrets = new HashMap<>();
    env(production.mainContainer()).forEach((name, value) -> {
      if (value.startsWith("secret:")) {
        secrets.put(name, "value of " + value);
      }
    });
    // The Kafka Secret's file, where the test can put it (the mount path itself is checked below).
    Path properties = Files.createDirectories(dir.resolve("kafka")).resolve("client.properties");
    Files.writeString(properties, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
    secrets.put("PULSE_KAFKA_CLIENT_PROPERTIES_FILE", properties.toString());
    PulseSettings secured = PulseSettings.from(jobConfiguration(production, secrets));
    assertThat(secured.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(secured.redis().password()).isEqualTo("value of secret:pulse-redis/password");
    assertThat(secured.redis().username()).isEqualTo("pulse");
    assertThat(secured.redis().tls()).isTrue();
    assertThat(secured.registry().password()).isEqualTo("value of secret:pulse-registry/password");
    assertThat(secured.redisSink().maxBatch()).isEqualTo(4000);
  }

  @Test
  void secretsReachTheJobAsItsOwnVariablesAndTheKafkaPropertiesAsAMountedFile() {
    Chart.Rendered rendered = render("production");
    Map<String, String> env = env(rendered.mainContainer());
    assertThat(env).containsEntry("PULSE_REDIS_PASSWORD", "secret:pulse-redis/password")
        .containsEntry("PULSE_REGISTRY_PASSWORD", "secret:pulse-registry/password");
    Set<String> settings = PulseOptions.all().stream().map(PulseOptions::environmentVariable).collect(Collectors.toSet());
    env.keySet().stream().filter(name -> name.startsWith("PULSE_")).forEach(name -> assertThat(settings).contains(name));

    String propertiesFile = rendered.jobConfig().path("pulse.kafka.client-properties-file").asText();
    JsonNode mount = StreamSupport.stream(rendered.mainContainer().path("volumeMounts").spliterator(), false)
        .filter(m -> m.path("name").asText().equals("kafka-client-properties")).findFirst().orElseThrow();
    assertThat(propertiesFile).isEqualTo(mount.path("mountPath").asText() + "/client.properties");
    JsonNode volume = StreamSupport.stream(rendered.deployment().path("spec").path("podTemplate").path("spec").path("volumes").spliterator(), false)
        .filter(v -> v.path("name").asText().equals("kafka-client-properties")).findFirst().orElseThrow();
    assertThat(volume.path("secret").path("secretName").asText()).isEqualTo("pulse-kafka-sasl");
    assertThat(rendered.one("ConfigMap").toString()).doesNotContain("secret:");
  }

  @Test
  void aSecuredInstallTakesEveryPasswordAndTheTrustStoreFromSecrets() throws Exception {
    Chart.Rendered rendered = render("secured");
    Map<String, String> env = env(rendered.mainContainer());
    assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of(
        "PULSE_CONFIG_DIR", "/opt/customer-pulse/conf",
        "ENABLE_BUILT_IN_PLUGINS", "flink-s3-fs-presto-2.2.1.jar",
        "PULSE_PRIVACY_PSEUDONYMISATION_SECRET", "secret:pulse-privacy/secret",
        "PULSE_KAFKA_SASL_PASSWORD", "secret:pulse-kafka/password",
        "PULSE_REGISTRY_PASSWORD", "secret:pulse-registry/password",
        "PULSE_REDIS_PASSWORD", "secret:pulse-redis/password",
        "PULSE_KAFKA_TRUSTSTORE_PASSWORD", "secret:pulse-ca/password",
        "PULSE_REGISTRY_TRUSTSTORE_PASSWORD", "secret:pulse-ca/password",
        "PULSE_REDIS_TRUSTSTORE_PASSWORD", "secret:pulse-ca/password"));
    JsonNode mount = StreamSupport.stream(rendered.mainContainer().path("volumeMounts").spliterator(), false)
        .filter(m -> m.path("name").asText().equals("truststore")).findFirst().orElseThrow();
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    JsonNode volume = StreamSupport.stream(rendered.deployment().path("spec").path("podTemplate").path("spec").path("volumes")
        .spliterator(), false).filter(v -> v.path("name").asText().equals("truststore")).findFirst().orElseThrow();
    assertThat(volume.path("secret").path("secretName").asText()).isEqualTo("pulse-ca");
    String trustStore = mount.path("mountPath").asText() + "/truststore.p12";
    for (String part : List.of("kafka", "registry", "redis")) {
      assertThat(rendered.jobConfig().path("pulse." + part + ".truststore").asText()).as(part).isEqualTo(trustStore);
    }

    Map<String, String> secretValues = new HashMap<>();
    env.forEach((name, value) -> {
      if (value.startsWith("secret:")) {
        secretValues.put(name, "value-of-" + value.substring("secret:".length()));
      }
    });
    PulseSettings settings = PulseSettings.from(jobConfiguration(rendered, secretValues));
    assertThat(settings.kafka().clientProperties()).isEqualTo(Map.of(
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512",
        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"pulse\""
            + " password=\"value-of-pulse-kafka/password\";",
        "ssl.truststore.location", trustStore,
        "ssl.truststore.type", "PKCS12",
        "ssl.truststore.password", "value-of-pulse-ca/password"));
    assertThat(settings.registry().trustStore()).isEqualTo(trustStore);
    assertThat(settings.registry().trustStorePassword()).isEqualTo("value-of-pulse-ca/password");
    assertThat(settings.registry().password()).isEqualTo("value-of-pulse-registry/password");
    assertThat(settings.redis().trustStore()).isEqualTo(trustStore);
    assertThat(settings.redis().trustStorePassword()).isEqualTo("value-of-pulse-ca/password");
    assertThat(settings.redis().password()).isEqualTo("value-of-pulse-redis/password");
    assertThat(settings.redis().tls()).isTrue();
    // No password is in the ConfigMap or the FlinkDeployment; the Secrets are only named.
    assertThat(rendered.one("ConfigMap").toString() + rendered.deployment().toString()).doesNotContain("value-of-");
  }

  @Test
  void theJobRestartsWithExponentialDelayThatResets() {
    assertThat(flinkConfiguration(render("minimal").deployment()))
        .containsEntry("restart-strategy.type", "exponential-delay")
        .containsEntry("restart-strategy.exponential-delay.initial-backoff", "1s")
        .containsEntry("restart-strategy.exponential-delay.max-backoff", "1min")
        .containsEntry("restart-strategy.exponential-delay.backoff-multiplier", "2.0")
        .containsEntry("restart-strategy.exponential-delay.reset-backoff-threshold", "10min")
        .containsEntry("restart-strategy.exponential-delay.jitter-factor", "0.1");
  }

  @Test
  void valuesShapeTheDeployment() {
    Chart.Rendered production = render("production");
    JsonNode spec = production.deployment().path("spec");
    assertThat(spec.path("image").asText()).isEqualTo("registry.example.com/customer-pulse:0.1.0-rc1");
    assertThat(spec.path("imagePullPolicy").asText()).isEqualTo("Always");
    assertThat(spec.path("job").path("parallelism").asInt()).isEqualTo(8);
    assertThat(spec.path("taskManager").path("resource").path("memory").asText()).isEqualTo("8192m");
    assertThat(flinkConfiguration(production.deployment())).containsEntry("taskmanager.numberOfTaskSlots", "4")
        .containsEntry("execution.checkpointing.interval", "1min")
        .containsEntry("kubernetes.operator.savepoint.history.max.count", "5");
    assertThat(production.one("PodMonitor").path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus-stack");
    assertThat(production.one("PodMonitor").path("spec").path("selector").path("matchLabels"))
        .isEqualTo(production.deployment().path("spec").path("podTemplate").path("metadata").path("labels"));
    assertThat(production.jobConfig().path("pulse.churn.weights").asText()).isEqualTo("quiet:4.0,inactivity:1.0,complaints:1.5");

    Chart.Rendered minio = render("minio-without-ha");
    assertThat(minio.ofKind("PodMonitor")).isEmpty();
    assertThat(flinkConfiguration(minio.deployment())).doesNotContainKeys("high-availability.type", "high-availability.storageDir")
        .containsEntry("s3.endpoint", "http://minio:9000").containsEntry("s3.path.style.access", "true");
    assertThat(env(minio.mainContainer())).containsEntry("AWS_ACCESS_KEY_ID", "secret:minio-credentials/AWS_ACCESS_KEY_ID")
        .containsEntry("AWS_SECRET_ACCESS_KEY", "secret:minio-credentials/AWS_SECRET_ACCESS_KEY");

    Chart.Rendered withOwnOptions = Chart.template("minimal", Map.of("flinkConfiguration.env\\.java\\.opts\\.all", "-XX:+UseZGC"));
    assertThat(flinkConfiguration(withOwnOptions.deployment())).containsEntry("env.java.opts.all",
        dev.customerpulse.connectors.kafka.AvroLimits.JVM_OPTIONS + " -XX:+UseZGC");
    Chart.Rendered withOwnCollector = Chart.template("minimal",
        Map.of("flinkConfiguration.env\\.java\\.opts\\.taskmanager", "-XX:+UseG1GC -XX:MaxGCPauseMillis=50"));
    assertThat(flinkConfiguration(withOwnCollector.deployment()))
        .containsEntry("env.java.opts.taskmanager", "-XX:+UseG1GC -XX:MaxGCPauseMillis=50");

    Chart.Rendered restored = Chart.template("minimal", Map.of("job.initialSavepointPath", "s3://pulse-state/savepoints/savepoint-1"));
    assertThat(restored.deployment().path("spec").path("job").path("initialSavepointPath").asText())
        .isEqualTo("s3://pulse-state/savepoints/savepoint-1");
  }

  @Test
  void aChangedJobSettingChangesTheRestartNonceAndNothingElseDoes() {
    long base = render("minimal").deployment().path("spec").path("restartNonce").asLong();
    assertThat(base).isPositive();
    assertThat(Chart.template("minimal", Map.of("job.parallelism", 4)).deployment().path("spec").path("restartNonce").asLong())
        .isEqualTo(base);
    assertThat(Chart.template("minimal", Map.of("settings.pulse\\.redis\\.batch-size", 500)).deployment()
        .path("spec").path("restartNonce").asLong()).isNotEqualTo(base);
  }

  @Test
  void theSchemaRejectsWhatTheJobCouldNotRunWith() {
    assertThatThrownBy(() -> Chart.template("minimal", Map.of("connections.redisUrl", "redis-master:6379")))
        .hasMessageContaining("/connections/redisUrl");
    assertThatThrownBy(() -> Chart.template("minimal", Map.of("job.upgradeMode", "whenever")))
        .hasMessageContaining("/job/upgradeMode");
    assertThatThrownBy(() -> Chart.template("minimal", Map.of("storage.highAvailability", "")))
        .hasMessageContaining("/storage/highAvailability");
    assertThatThrownBy(() -> Chart.template("minimal", Map.of("settings.redis\\.url", "redis://elsewhere:6379")))
        .hasMessageContaining("invalid propertyName 'redis.url'");
    assertThatThrownBy(() -> Chart.template("minimal", Map.of("secrets.settings[0].setting", "pulse.redis.password")))
        .hasMessageContaining("/secrets/settings/0");
  }
}
