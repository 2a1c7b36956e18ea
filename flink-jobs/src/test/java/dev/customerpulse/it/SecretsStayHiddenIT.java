package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.localstack.LocalStack;
import dev.customerpulse.localstack.StackSecurity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * The job runs on the secured stack with every kind of secret set (the Redis password inside
 * pulse.redis.url, too); no log line at INFO or above and no configuration Flink's REST API shows holds one.
 */
class SecretsStayHiddenIT {

  @Test
  void noLogLineAndNoRestConfigurationHoldsASecret() throws Exception {
    try (PulseTestStack it = new PulseTestStack(LocalStack.sharedSecured())) {
      StackSecurity security = it.stack.security().orElseThrow();
      List<String> secrets = List.of(security.jobPassword(), security.adminPassword(),
          security.certificates().trustStorePassword(), PulseTestStack.PSEUDONYMISATION_SECRET);
      Configuration conf = it.jobConfiguration();
      // The one place where Flink would show a password as it is, unless pulse moves it out first.
      conf.removeKey(PulseOptions.REDIS_USERNAME.key());
      conf.removeKey(PulseOptions.REDIS_PASSWORD.key());
      conf.set(PulseOptions.REDIS_URL, it.stack.redisUrl().replace("rediss://",
          "rediss://" + it.redisUser + ":" + security.jobPassword() + "@"));
      int restPort = freePort();
      conf.set(RestOptions.BIND_PORT, Integer.toString(restPort));
      conf.set(RestOptions.ADDRESS, "127.0.0.1");

      List<String> shown = new ArrayList<>();
      List<String> logs;
      try (CapturedLogs captured = new CapturedLogs()) {
        JobClient job = JobLauncher.start(conf, "customer-pulse-secrets-it");
        it.send(it.topics.orders(), "erin", paid("o1", "erin", 3_000, 5_000));
        it.awaitVersion("erin", "1");
        String rest = "http://127.0.0.1:" + restPort;
        String jobId = job.getJobID().toHexString();
        for (String path : List.of("/jobmanager/config", "/jobs/" + jobId + "/config", "/jobs/" + jobId + "/jobmanager/config",
            "/jobs/" + jobId + "/checkpoints/config", "/jobs/" + jobId + "/exceptions", "/jobs/" + jobId)) {
          shown.add(get(rest + path));
        }
        it.stopWithSavepoint(job);
        logs = captured.lines();
      }

      // The places looked at are the right ones: the settings are there, their values masked.
      String jobManagerConfig = shown.get(0);
      assertThat(jobManagerConfig).contains("{\"key\":\"pulse.redis.url\",\"value\":\"" + it.stack.redisUrl() + "\"}")
          .contains("{\"key\":\"pulse.redis.password\",\"value\":\"******\"}")
          .contains("{\"key\":\"pulse.kafka.sasl-password\",\"value\":\"******\"}")
          .contains("{\"key\":\"pulse.registry.password\",\"value\":\"******\"}")
          .contains("{\"key\":\"pulse.privacy.pseudonymisation-secret\",\"value\":\"******\"}");
      assertThat(logs).anyMatch(line -> line.contains("sasl.jaas.config = [hidden]"))
          .anyMatch(line -> line.contains("ssl.truststore.password = [hidden]"));
      for (String secret : secrets) {
        assertThat(shown).as("REST").noneMatch(body -> body.contains(secret));
        assertThat(logs).as("logs").noneMatch(line -> line.contains(secret));
      }
    }
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
