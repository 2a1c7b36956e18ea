package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.PulseOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * The job with Flink's Prometheus reporter, fed by {@code pulse generate}: every metric the Grafana
 * dashboard in docker/ queries is really exported, with the labels the dashboard groups by.
 */
class MetricsIT extends OnTestStack {
  static final Path DASHBOARD = Path.of("../docker/grafana/dashboards/customer-pulse.json");
  private static final Pattern METRIC = Pattern.compile("\\b(flink_[A-Za-z0-9_]+)");


  @Test
  void everyMetricOnTheDashboardIsExportedByTheRunningJob() throws Exception {
    int port = freePort();
    Configuration conf = it.jobConfiguration();
    conf.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    conf.setString("metrics.reporter.prom.port", String.valueOf(port));
    JobClient job = JobLauncher.start(conf, "customer-pulse");
    try {
      PulseCli.Result generated = PulseCli.run("generate", "--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers(),
          "--registry-url", it.stack.registryUrl(), "--rate", "2000", "--duration", "3s", "--customers", "300",
          "--bad-records", "0.02", "--progress-every", "1s",
          "-D", PulseOptions.TOPIC_CLICKS.key() + "=" + it.topics.clicks(),
          "-D", PulseOptions.TOPIC_ORDERS.key() + "=" + it.topics.orders(),
          "-D", PulseOptions.TOPIC_SERVICE_CALLS.key() + "=" + it.topics.serviceCalls(),
          "-D", PulseOptions.TOPIC_IDENTITIES.key() + "=" + it.topics.identities());
      assertThat(generated.exitCode()).as(generated.err()).isZero();
      Matcher sent = Pattern.compile("sent (\\d+) events\\s*$").matcher(generated.out());
      assertThat(sent.find()).as(generated.out()).isTrue();
      long produced = it.readRaw(it.topics.clicks(), "read_uncommitted").size()
          + it.readRaw(it.topics.orders(), "read_uncommitted").size()
          + it.readRaw(it.topics.serviceCalls(), "read_uncommitted").size()
          + it.readRaw(it.topics.identities(), "read_uncommitted").size();
      assertThat(produced).isEqualTo(Long.parseLong(sent.group(1))).isPositive();

      String scrape = awaitScrape(port, text -> sample(text, "flink_taskmanager_job_task_operator_pulse_redis_profilesWritten") > 0
          && text.contains("reason=\"") && sample(text, "flink_jobmanager_job_numberOfCompletedCheckpoints") > 0);
      Files.writeString(Path.of("target/prometheus-scrape.txt"), scrape);

      Set<String> exported = new TreeSet<>();
      Matcher names = Pattern.compile("(?m)^(flink_[A-Za-z0-9_]+)").matcher(scrape);
      while (names.find()) {
        exported.add(names.group(1));
      }
      Set<String> queried = new TreeSet<>();
      Matcher used = METRIC.matcher(Files.readString(DASHBOARD));
      while (used.find()) {
        queried.add(used.group(1));
      }
      assertThat(sample(scrape, "flink_taskmanager_job_task_operator_pulse_stateCacheMisses")).as("customer states read from RocksDB")
          .isPositive();
      assertThat(queried).hasSizeGreaterThan(15);
      assertThat(exported).containsAll(queried);
      // The reporter turns label characters outside [a-zA-Z0-9:_] into '_'.
      for (String input : new String[] {"clicks", "orders", "service_calls"}) {
        assertThat(scrape).containsPattern("flink_taskmanager_job_task_operator_deserializer_pulse_input_eventsIn\\{[^}]*input=\"" + input + "\"");
      }
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  private static double sample(String scrape, String name) {
    double sum = 0;
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  private static String awaitScrape(int port, java.util.function.Predicate<String> ready) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.currentTimeMillis() + 90_000;
    String last = "";
    while (System.currentTimeMillis() < deadline) {
      try {
        last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (ready.test(last)) {
          return last;
        }
      } catch (IOException notUpYet) {
        // The reporter starts with the cluster; keep asking.
      }
      Thread.sleep(500);
    }
    Files.writeString(Path.of("target/prometheus-scrape.txt"), last);
    throw new AssertionError("the job's metrics never showed profiles written, dead letters and a checkpoint;"
        + " last scrape in target/prometheus-scrape.txt");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
