package dev.customerpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class LocalStackTest {

  @Test
  void startsRealServicesAndLeavesNothingBehindWhenClosed() throws Exception {
    LocalStack stack = LocalStack.start(line -> { });
    List<Long> pids;
    int kafkaPort = stack.kafka().port();
    int redisPort = Integer.parseInt(stack.redisUrl().substring(stack.redisUrl().lastIndexOf(':') + 1));
    try {
      stack.createTopics(Map.of("probe", 3));
      try (Admin admin = stack.kafka().admin()) {
        assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("probe");
        assertThat(admin.describeTopics(Set.of("probe")).allTopicNames().get().get("probe").partitions()).hasSize(3);
      }

      HttpResponse<String> subjects = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(subjects.statusCode()).isEqualTo(200);
      assertThat(subjects.body()).isEqualTo("[]");

      assertThat(redisPing(redisPort)).isEqualTo("+PONG");
      pids = stack.pids();
    } finally {
      stack.close();
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d", pid).isFalse();
    }
    assertThat(FreePorts.isOpen(kafkaPort)).isFalse();
    assertThat(FreePorts.isOpen(redisPort)).isFalse();
  }

  private static String redisPing(int port) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[5];
      int read = in.readNBytes(reply, 0, 5);
      return new String(reply, 0, read, StandardCharsets.US_ASCII);
    }
  }

  @Test
  void clusterIdsNeverLookLikeCommandLineOptions() {
    for (int i = 0; i < 5_000; i++) {
      String id = KafkaBroker.clusterId();
      assertThat(id).hasSize(22).doesNotStartWith("-");
    }
  }
}
