package dev.customerpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** The secured stack lets the job user do what it was granted and nothing else, and strangers nothing. */
class SecuredLocalStackTest {
  private static LocalStack stack;
  private static StackSecurity security;

  @BeforeAll
  static void start() {
    stack = LocalStack.startSecured(line -> { });
    security = stack.security().orElseThrow();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void kafkaTakesTheJobUserOnlyForItsOwnTopicsAndNobodyWithAWrongPassword() throws Exception {
    stack.createTopics(Map.of("granted-out", 1, "other", 1));
    stack.kafka().allowJob("job-a", "job-a-password", List.of(), List.of("granted-out"), "group-a", "tx-a");
    try (KafkaProducer<String, String> producer = producer("job-a", "job-a-password")) {
      assertThat(producer.send(new ProducerRecord<>("granted-out", "k", "v")).get(30, TimeUnit.SECONDS).offset()).isZero();
      ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> producer.send(new ProducerRecord<>("other", "k", "v")).get(30, TimeUnit.SECONDS));
      assertThat(refused.getCause()).isInstanceOf(TopicAuthorizationException.class);
    }
    Properties admin = clientProperties("job-a", "job-a-password");
    try (Admin jobAdmin = Admin.create(admin)) {
      // The job user sees only topics it may use; creating one is not among them.
      assertThat(jobAdmin.listTopics().names().get(30, TimeUnit.SECONDS)).containsExactly("granted-out");
    }
    try (Admin wrong = Admin.create(clientProperties("job-a", "not-the-password"))) {
      assertThatThrownBy(() -> wrong.listTopics().names().get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void redisSpeaksTlsOnlyAndLimitsTheJobUserToItsKeys() {
    stack.allowRedisUser("job-r", "job-r-password", "jr");
    int port = Integer.parseInt(stack.redisUrl().substring(stack.redisUrl().lastIndexOf(':') + 1));
    assertThat(stack.redisUrl()).isEqualTo("rediss://127.0.0.1:" + port);
    try (Jedis job = redis(port, "job-r", "job-r-password")) {
      assertThat(job.set("jr:profile:{1}", "x")).isEqualTo("OK");
      assertThatThrownBy(() -> job.set("cp:profile:{1}", "x")).isInstanceOf(JedisAccessControlException.class)
          .hasMessageContaining("NOPERM");
      assertThatThrownBy(() -> job.flushAll()).isInstanceOf(JedisAccessControlException.class);
    }
    assertThatThrownBy(() -> redis(port, "job-r", "wrong").ping()).isInstanceOf(JedisAccessControlException.class)
        .hasMessageContaining("WRONGPASS");
    assertThatThrownBy(() -> redis(port, "default", "").ping()).isInstanceOf(JedisAccessControlException.class);
    // Jedis talks on connecting (CLIENT SETINFO): a plaintext client fails right there.
    assertThatThrownBy(() -> new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder()
        .timeoutMillis(2_000).build()).ping()).isInstanceOf(JedisConnectionException.class);
  }

  @Test
  void theRegistryAnswersOverHttpsWithBasicAuthOnly() throws Exception {
    assertThat(stack.registryUrl()).startsWith("https://127.0.0.1:").endsWith("/apis/ccompat/v7");
    HttpClient https = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(5)).build();
    URI subjects = URI.create(stack.registryUrl() + "/subjects");
    assertThat(https.send(HttpRequest.newBuilder(subjects).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
    assertThat(https.send(HttpRequest.newBuilder(subjects).header("Authorization", basic(security.jobUser(), "wrong"))
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    HttpResponse<String> ok = https.send(HttpRequest.newBuilder(subjects)
        .header("Authorization", basic(security.jobUser(), security.jobPassword())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("[]");
    URI plaintext = URI.create(stack.registryUrl().replace("https://", "http://") + "/subjects");
    assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plaintext)
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
  }

  private static KafkaProducer<String, String> producer(String user, String password) {
    Properties props = clientProperties(user, password);
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", StringSerializer.class.getName());
    props.put("max.block.ms", "20000");
    return new KafkaProducer<>(props);
  }

  private static Properties clientProperties(String user, String password) {
    Properties props = new Properties();
    props.putAll(security.kafkaClientProperties(user, password));
    props.put("bootstrap.servers", stack.kafkaBootstrapServers());
    props.put("request.timeout.ms", "10000");
    props.put("default.api.timeout.ms", "20000");
    return props;
  }

  private static Jedis redis(int port, String user, String password) {
    StackCertificates certs = security.certificates();
    return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder()
        .sslOptions(SslOptions.builder().truststore(certs.trustStore().toFile(), certs.trustStorePassword().toCharArray())
            .trustStoreType("PKCS12").sslVerifyMode(SslVerifyMode.FULL).build())
        .user(user).password(password).timeoutMillis(5_000).build());
  }

  private static SSLContext trusting() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(security.certificates().trustStore())) {
      trust.load(in, security.certificates().trustStorePassword().toCharArray());
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
