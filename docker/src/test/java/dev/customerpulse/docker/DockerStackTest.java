package dev.customerpulse.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.customerpulse.cli.Pulse;
import dev.customerpulse.job.PulseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Dockerfile and the compose stack, checked without a Docker engine: real linters, and checks
 * that they agree with the build, the job, its settings and its CLI.
 */
class DockerStackTest {
  private static final Path DOCKER = LintTools.DOCKER;
  private static final Path ROOT = DOCKER.getParent();
  private static final String JOB_IMAGE = "customer-pulse:0.1.0";

  private static List<String> dockerfile;
  private static Map<String, Object> compose;
  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws Exception {
    dockerfile = Files.readAllLines(DOCKER.resolve("Dockerfile"));
    compose = (Map<String, Object>) yaml(DOCKER.resolve("docker-compose.yml"));
    services = new LinkedHashMap<>();
    ((Map<String, Object>) compose.get("services")).forEach((name, service) ->
        services.put(name, merged((Map<String, Object>) service)));
  }

  private static Object yaml(Path file) throws Exception {
    return new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
  }

  /** Applies YAML merge keys ({@code <<: *anchor}), which YAML 1.2 parsers leave to the reader. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> merged(Map<String, Object> map) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (map.get("<<") instanceof Map<?, ?> base) {
      result.putAll(merged((Map<String, Object>) base));
    }
    map.forEach((key, value) -> {
      if (!key.equals("<<")) {
        result.put(key, value instanceof Map<?, ?> nested ? merged((Map<String, Object>) nested) : value);
      }
    });
    return result;
  }

  @SuppressWarnings("unchecked")
  private static List<String> command(String service) {
    return (List<String>) services.get(service).get("command");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(String service) {
    return (Map<String, Object>) services.get(service).getOrDefault("environment", Map.of());
  }

  @Test
  void theDockerfilePassesDockerfileUtilsLint() throws Exception {
    LintTools.Result lint = LintTools.run(DOCKER, List.of(LintTools.bin("dockerfile-utils").toString(), "lint", "Dockerfile"));
    assertThat(lint.exitCode()).as(lint.output()).isZero();
    assertThat(lint.output()).as("dockerfile-utils findings").isBlank();
  }

  @Test
  void theComposeFilePassesDclintWithoutWarnings() throws Exception {
    LintTools.Result lint = LintTools.run(DOCKER, List.of(LintTools.bin("dclint").toString(), "-c", ".dclintrc",
        "--max-warnings", "0", "docker-compose.yml"));
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  @Test
  void theImageIsTheOfficialFlinkImageOfTheBuildsFlinkVersionOnJava17() {
    List<String> from = dockerfile.stream().filter(line -> line.startsWith("FROM ")).toList();
    assertThat(from).containsExactly("FROM flink:" + System.getProperty("flink.version") + "-java17");
  }

  @Test
  void everyFileTheDockerfileCopiesIsInTheRepositoryAfterTheBuild() {
    List<String> sources = new ArrayList<>();
    for (String line : dockerfile) {
      if (line.startsWith("COPY ")) {
        List<String> words = Arrays.stream(line.split("\\s+")).filter(word -> !word.startsWith("--")).toList();
        sources.addAll(words.subList(1, words.size() - 1));
      }
    }
    assertThat(sources).containsExactly("flink-jobs/target/customer-pulse-job.jar", "docker/pulse-in-image.sh");
    for (String source : sources) {
      assertThat(ROOT.resolve(source)).isRegularFile();
    }
  }

  @Test
  void theJobJarRunsTheJobAndTheCliAndLeavesFlinkToTheImage() throws Exception {
    try (JarFile jar = new JarFile(ROOT.resolve("flink-jobs/target/customer-pulse-job.jar").toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("dev.customerpulse.job.CustomerPulseJob");
      Set<String> entries = jar.stream().map(entry -> entry.getName()).collect(Collectors.toSet());
      assertThat(entries).contains("dev/customerpulse/job/CustomerPulseJob.class", "dev/customerpulse/cli/Pulse.class",
          "org/apache/flink/connector/kafka/source/KafkaSource.class", "org/apache/flink/formats/avro/AvroDeserializationSchema.class",
          "redis/clients/jedis/Jedis.class", "org/apache/kafka/clients/consumer/KafkaConsumer.class", "picocli/CommandLine.class");
      for (String providedByFlink : List.of("org/apache/flink/runtime/", "org/apache/flink/streaming/api/environment/",
          "org/apache/flink/state/rocksdb/", "org/rocksdb/", "org/apache/logging/log4j/", "org/slf4j/")) {
        assertThat(entries).as("the image's Flink provides " + providedByFlink).noneMatch(name -> name.startsWith(providedByFlink));
      }
    }
  }

  @Test
  void imagesArePinnedAndTheJobImageIsBuiltFromThisRepository() {
    services.forEach((name, service) -> {
      String image = (String) service.get("image");
      assertThat(image).as(name).matches("[a-z0-9./_-]+:v?[0-9][A-Za-z0-9._-]*");
      if (image.equals(JOB_IMAGE)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> build = (Map<String, Object>) service.get("build");
        assertThat(DOCKER.resolve((String) build.get("context")).normalize()).isEqualTo(ROOT);
        assertThat(build.get("dockerfile")).isEqualTo("docker/Dockerfile");
      }
    });
    assertThat(services.keySet()).containsExactly("kafka", "registry", "redis", "init", "jobmanager", "taskmanager",
        "generator", "prometheus", "grafana");
  }

  @Test
  void theJobManagerRunsTheJobsMainClass() throws Exception {
    List<String> command = command("jobmanager");
    assertThat(command.subList(0, 2)).containsExactly("standalone-job", "--job-classname");
    Class<?> job = Class.forName(command.get(2));
    assertThat(job.getMethod("main", String[].class)).isNotNull();
    assertThat(command("taskmanager")).containsExactly("taskmanager");
  }

  @Test
  void theInitAndGeneratorCommandsAreValidPulseCommandLines() {
    List<String> init = command("init");
    assertThat(init.subList(0, 2)).containsExactly("bash", "-c");
    List<List<String>> pulseCommands = new ArrayList<>();
    for (String part : init.get(2).split("&&")) {
      pulseCommands.add(List.of(part.trim().split("\\s+")));
    }
    pulseCommands.add(command("generator"));
    assertThat(pulseCommands).hasSize(3);
    for (List<String> command : pulseCommands) {
      assertThat(command.get(0)).isEqualTo("pulse");
      String[] args = command.subList(1, command.size()).toArray(String[]::new);
      assertThatCode(() -> Pulse.commandLine().parseArgs(args)).as(String.join(" ", command)).doesNotThrowAnyException();
    }
    assertThat(pulseCommands.get(2).get(1)).isEqualTo("generate");
  }

  @Test
  void everyPulseVariableInTheStackIsARealSetting() {
    Set<String> known = PulseOptions.all().stream().map(PulseOptions::environmentVariable).collect(Collectors.toSet());
    for (String service : services.keySet()) {
      for (String variable : environment(service).keySet()) {
        if (variable.startsWith("PULSE_")) {
          assertThat(known).as(service + " sets " + variable).contains(variable);
        }
      }
    }
    assertThat(environment("jobmanager")).containsKeys("PULSE_KAFKA_BOOTSTRAP_SERVERS", "PULSE_REGISTRY_URL", "PULSE_REDIS_URL");
  }

  @Test
  @SuppressWarnings("unchecked")
  void prometheusScrapesTheReporterPortOfBothFlinkProcesses() throws Exception {
    Map<String, String> flink = new LinkedHashMap<>();
    for (String line : ((String) environment("jobmanager").get("FLINK_PROPERTIES")).split("\n")) {
      String[] kv = line.split(":\\s+", 2);
      flink.put(kv[0].trim(), kv[1].trim());
    }
    assertThat(environment("taskmanager").get("FLINK_PROPERTIES")).isEqualTo(environment("jobmanager").get("FLINK_PROPERTIES"));
    assertThat(flink).containsEntry("metrics.reporter.prom.factory.class",
        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory").containsEntry("state.backend.type", "rocksdb")
        .containsEntry("env.java.opts.all", dev.customerpulse.connectors.kafka.AvroLimits.JVM_OPTIONS)
        .containsEntry("env.java.opts.taskmanager", "-XX:+UseParallelGC");
    String port = flink.get("metrics.reporter.prom.port");

    Map<String, Object> prometheus = (Map<String, Object>) yaml(DOCKER.resolve("prometheus/prometheus.yml"));
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
    List<String> targets = (List<String>) ((List<Map<String, Object>>) jobs.get(0).get("static_configs")).get(0).get("targets");
    assertThat(targets).containsExactly("jobmanager:" + port, "taskmanager:" + port);
  }

  @Test
  @SuppressWarnings("unchecked")
  void grafanaProvisionsPrometheusAndTheDashboardFromTheMountedFolders() throws Exception {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (String volume : (List<String>) services.get("grafana").get("volumes")) {
      String[] parts = volume.split(":");
      mounts.put(parts[1], parts[0]);
    }
    Path provisioning = DOCKER.resolve(mounts.get("/etc/grafana/provisioning"));
    Map<String, Object> provider = (Map<String, Object>) yaml(provisioning.resolve("dashboards/customer-pulse.yml"));
    String dashboards = (String) ((Map<String, Object>) ((List<Map<String, Object>>) provider.get("providers")).get(0)
        .get("options")).get("path");
    assertThat(DOCKER.resolve(mounts.get(dashboards)).resolve("customer-pulse.json")).isRegularFile();
    String home = (String) environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
    assertThat(home).isEqualTo(dashboards + "/customer-pulse.json");

    Map<String, Object> datasources = (Map<String, Object>) yaml(provisioning.resolve("datasources/prometheus.yml"));
    Map<String, Object> prometheus = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
    assertThat(prometheus).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
  }
}
