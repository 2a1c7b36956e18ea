package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.PrivacyOutcome;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.avro.PrivacyRequest;
import dev.customerpulse.avro.PrivacyRequestType;
import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'pulse forget' and 'pulse export' against the real broker and registry, with this test in the
 * job's place: it reads the request the command published and answers with receipts.
 */
class PrivacyCommandsIT extends OnTestStack {
  private static final Instant PROCESSED = Instant.parse("2026-12-07T19:30:00Z");
  private static final Instant GONE_BY = Instant.parse("2026-12-21T19:30:00Z");
  private static final String PSEUDONYM = "pii1:q1w2e3r4t5y6u7i8o9p0aA";

  @TempDir Path dir;
  private KafkaConsumer<byte[], byte[]> requests;

  @BeforeEach
  void readRequestsFromTheStart() throws Exception {
    // A created topic reaches the broker's metadata a moment after the controller has acknowledged it.
    try (var admin = it.stack.kafka().admin()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(
          List.of(it.topics.privacyRequests(), it.topics.privacyReceipts())) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    Properties props = new Properties();
    props.put("bootstrap.servers", it.stack.kafkaBootstrapServers());
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    props.put("isolation.level", "read_committed");
    requests = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = requests.partitionsFor(it.topics.privacyRequests()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    requests.assign(partitions);
    requests.seekToBeginning(partitions);
  }

  @AfterEach
  void closeRequests() {
    requests.close();
  }

  private CompletableFuture<PulseCli.Result> start(String... args) {
    return CompletableFuture.supplyAsync(() -> run(args));
  }

  private PulseCli.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers(), "--registry-url", it.stack.registryUrl(),
        "-D", "pulse.topics.privacy-requests=" + it.topics.privacyRequests(),
        "-D", "pulse.topics.privacy-receipts=" + it.topics.privacyReceipts()));
    return PulseCli.run(all.toArray(String[]::new));
  }

  /** The next request the command published, checked to be keyed by its id. */
  private PrivacyRequest nextRequest() throws Exception {
    ConfluentAvroDecoder<PrivacyRequest> decoder = new ConfluentAvroDecoder<>(PrivacyRequest.class, it.registry);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : requests.poll(Duration.ofMillis(100))) {
        PrivacyRequest request = decoder.decode(record.value());
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(request.getRequestId());
        return request;
      }
    }
    throw new AssertionError("no request on " + it.topics.privacyRequests());
  }

  private void answer(PrivacyReceipt receipt) {
    it.send(it.topics.privacyReceipts(), receipt.getRequestId(), receipt);
  }

  private static PrivacyReceipt receipt(String requestId, String type, String subject, PrivacyOutcome outcome,
      List<String> removedKeys, List<String> removedRedis, List<String> removedRecords, List<String> forwardedTo,
      Instant goneBy, String exportJson) {
    return new PrivacyReceipt(requestId, type, subject, outcome, removedKeys, removedRedis, removedRecords, forwardedTo,
        PROCESSED, goneBy, "ticket-7", exportJson);
  }

  private static PrivacyReceipt erased(String requestId, String customer, int keys, int redisKeys, int records, Instant goneBy) {
    List<String> removedKeys = new ArrayList<>();
    List<String> removedRedis = new ArrayList<>();
    List<String> removedRecords = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      removedKeys.add(i == 0 ? customer : "anon:" + customer + "-" + i);
    }
    for (int i = 0; i < redisKeys; i++) {
      removedRedis.add("cp:set-" + i);
    }
    for (int i = 0; i < records; i++) {
      removedRecords.add("customer-profiles:" + customer);
    }
    return receipt(requestId, "ERASE", customer, PrivacyOutcome.ERASED, removedKeys, removedRedis, removedRecords, List.of(),
        goneBy, null);
  }

  private static PrivacyReceipt notFound(String requestId, String type, String customer) {
    return receipt(requestId, type, customer, PrivacyOutcome.NOT_FOUND, List.of(), List.of(), List.of(), List.of(), null, null);
  }

  @Test
  void forgetPublishesTheErasureIgnoresEarlierReceiptsAndSumsUpTheOneForIt() throws Exception {
    // An answer to an earlier request with the same id, on the topic before the command starts.
    answer(notFound("req-1", "ERASE", "cust-42"));
    Instant before = Instant.now();

    CompletableFuture<PulseCli.Result> forget = start("forget", "cust-42", "--request-id", "req-1", "--by", "ticket-7",
        "--timeout", "30s");
    PrivacyRequest request = nextRequest();
    assertThat(request.getType()).isEqualTo(PrivacyRequestType.ERASE);
    assertThat(request.getRequestId()).isEqualTo("req-1");
    assertThat(request.getCustomerId()).isEqualTo("cust-42");
    assertThat(request.getEmail()).isNull();
    assertThat(request.getPhone()).isNull();
    assertThat(request.getCountry()).isNull();
    assertThat(request.getRequestedBy()).isEqualTo("ticket-7");
    assertThat(request.getRequestedAt()).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), Instant.now());
    answer(erased("req-1", "cust-42", 3, 7, 1, GONE_BY));
    PulseCli.Result result = forget.get(30, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("erased cust-42: 3 keys, 7 Redis keys, 1 record; every copy gone by 2026-12-21T19:30Z\n");
    assertThat(result.err()).isEqualTo("request req-1 for cust-42 is on " + it.topics.privacyRequests()
        + "; waiting for the job…\n");
  }

  @Test
  void aCustomerOfTheAddressWhoDoesNotAnswerInTimeIsNamed() throws Exception {
    CompletableFuture<PulseCli.Result> forget = start("forget", "--email", "ann@example.com", "--request-id", "req-7",
        "--timeout", "3s");
    nextRequest();
    answer(receipt("req-7", "ERASE", PSEUDONYM, PrivacyOutcome.RESOLVED, List.of(), List.of(), List.of(),
        List.of("cust-a", "cust-b", "cust-c"), null, null));
    answer(erased("req-7", "cust-b", 1, 1, 1, GONE_BY));
    PulseCli.Result result = forget.get(30, TimeUnit.SECONDS);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines().toList()).last().isEqualTo("pulse: request req-7: 2 customers seen with the given email"
        + " not answered within 3 s (cust-a, cust-c)");
  }

  @Test
  void forgetByEmailWaitsForEveryCustomerTheAddressWasSeenWithAndNeverPrintsIt() throws Exception {
    CompletableFuture<PulseCli.Result> forget = start("forget", "--email", "Ann.Lee@Example.com", "--request-id", "req-2",
        "--timeout", "30s");
    PrivacyRequest request = nextRequest();
    assertThat(request.getType()).isEqualTo(PrivacyRequestType.ERASE);
    assertThat(request.getCustomerId()).isNull();
    assertThat(request.getEmail()).isEqualTo("Ann.Lee@Example.com");
    assertThat(request.getPhone()).isNull();
    assertThat(request.getRequestedBy()).isEqualTo(System.getProperty("user.name"));

    answer(receipt("req-2", "ERASE", PSEUDONYM, PrivacyOutcome.RESOLVED, List.of(), List.of(), List.of(),
        List.of("cust-a", "cust-b"), null, null));
    answer(erased("req-2", "cust-a", 1, 2, 0, GONE_BY.plusMillis(1)));
    Thread.sleep(1_000);
    assertThat(forget).as("waits for cust-b").isNotDone();
    answer(notFound("req-2", "ERASE", "cust-b"));
    PulseCli.Result result = forget.get(30, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("the given email (" + PSEUDONYM + ") was seen with 2 customers: erased cust-a: 1 key,"
        + " 2 Redis keys, 0 records; nothing held about cust-b; every copy gone by 2026-12-21T19:31Z\n");
    assertThat(result.err()).isEqualTo("request req-2 for the given email is on " + it.topics.privacyRequests()
        + "; waiting for the job…\nthe given email is " + PSEUDONYM + ", seen with 2 customers; waiting for their receipts…\n");
    assertThat(result.out() + result.err()).doesNotContainIgnoringCase("ann.lee");
  }

  @Test
  void forgetByPhoneSeenWithNobodySaysSo() throws Exception {
    CompletableFuture<PulseCli.Result> forget = start("forget", "--phone", "030 1234567", "--country", "de", "--request-id",
        "req-3", "--timeout", "30s");
    PrivacyRequest request = nextRequest();
    assertThat(request.getPhone()).isEqualTo("030 1234567");
    assertThat(request.getCountry()).isEqualTo("DE");
    answer(receipt("req-3", "ERASE", PSEUDONYM, PrivacyOutcome.RESOLVED, List.of(), List.of(), List.of(), List.of(), null, null));
    PulseCli.Result result = forget.get(30, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("nothing held about the given phone number (" + PSEUDONYM + ")\n");
    assertThat(result.out() + result.err()).doesNotContain("1234567");
  }

  @Test
  void noReceiptWithinTheTimeoutIsOneLineAndExitCodeOneAfterProgressEveryFiveSeconds() throws Exception {
    PulseCli.Result result = run("forget", "cust-9", "--request-id", "req-4", "--timeout", "6s");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("request req-4 for cust-9 is on " + it.topics.privacyRequests()
        + "; waiting for the job…\nwaiting for the job… 5 s\npulse: no receipt for request req-4 within 6 s; is the job"
        + " running? It answers the request when it reads it\n");
    assertThat(nextRequest().getCustomerId()).isEqualTo("cust-9");
  }

  @Test
  void exportWritesTheDocumentOfTheReceiptToTheFile() throws Exception {
    Path file = dir.resolve("cust-42.json");
    CompletableFuture<PulseCli.Result> export = start("export", "cust-42", "--out", file.toString(), "--request-id", "req-5",
        "--by", "ticket-7", "--timeout", "30s");
    PrivacyRequest request = nextRequest();
    assertThat(request.getType()).isEqualTo(PrivacyRequestType.EXPORT);
    assertThat(request.getCustomerId()).isEqualTo("cust-42");
    assertThat(request.getRequestedBy()).isEqualTo("ticket-7");
    answer(receipt("req-5", "EXPORT", "cust-42", PrivacyOutcome.EXPORTED, List.of(), List.of(), List.of(), List.of(), null,
        "{\"customer_id\":\"cust-42\",\"segments\":[\"tier:vip\"],\"orders\":3}"));
    PulseCli.Result result = export.get(30, TimeUnit.SECONDS);

    String expected = "{\n  \"customer_id\" : \"cust-42\",\n  \"segments\" : [ \"tier:vip\" ],\n  \"orders\" : 3\n}\n";
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readString(file)).isEqualTo(expected);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines().toList()).last().isEqualTo("exported cust-42 to " + file + ": 79 bytes of JSON");
  }

  @Test
  void exportOfACustomerNobodyHoldsWritesNothing() throws Exception {
    CompletableFuture<PulseCli.Result> export = start("export", "cust-0", "--request-id", "req-6", "--timeout", "30s");
    nextRequest();
    answer(notFound("req-6", "EXPORT", "cust-0"));
    PulseCli.Result result = export.get(30, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines().toList()).last().isEqualTo("nothing held about cust-0");
  }

  @Test
  void aMissingTopicIsNamedAndNotCreated() throws Exception {
    PulseCli.Result result = PulseCli.run("forget", "cust-1", "--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers(),
        "--registry-url", it.stack.registryUrl(), "-D", "pulse.topics.privacy-requests=" + it.topics.privacyRequests(),
        "-D", "pulse.topics.privacy-receipts=no-receipts-" + it.id);

    assertThat(result).isEqualTo(new PulseCli.Result(2, "", "pulse: topic 'no-receipts-" + it.id + "' does not exist; create it"
        + " with 'pulse topics create'\n"));
    try (var admin = it.stack.kafka().admin()) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("no-receipts-" + it.id);
    }
  }

  @Test
  void badArgumentsAreOneLineBeforeAnythingIsPublished() {
    assertThat(PulseCli.run("forget")).isEqualTo(new PulseCli.Result(2, "", "pulse: give exactly one of ID, --email and --phone\n"));
    assertThat(PulseCli.run("forget", "cust-1", "--email", "a@b.example")).isEqualTo(
        new PulseCli.Result(2, "", "pulse: give exactly one of ID, --email and --phone\n"));
    assertThat(PulseCli.run("forget", "cust-1", "--country", "DE")).isEqualTo(
        new PulseCli.Result(2, "", "pulse: --country reads a --phone number; there is none\n"));
    assertThat(PulseCli.run("forget", "--email", "ann at example.com")).isEqualTo(new PulseCli.Result(2, "",
        "pulse: --email: not an email address (needs exactly one '@' with text on both sides)\n"));
    assertThat(PulseCli.run("forget", "--phone", "12", "--country", "DE")).isEqualTo(new PulseCli.Result(2, "",
        "pulse: --phone: not a valid phone number (wrong length or prefix for country code +49)\n"));
    assertThat(PulseCli.run("forget", "--phone", "030 1234567", "--country", "Germany")).isEqualTo(new PulseCli.Result(2, "",
        "pulse: --country: 'Germany' is not an ISO 3166-1 country code such as DE\n"));
    assertThat(PulseCli.run("forget", "cust-1", "--timeout", "soon")).isEqualTo(new PulseCli.Result(2, "",
        "pulse: Invalid value for option '--timeout': 'soon' is not a duration; write e.g. 500ms, 30s, 2m, 1h or 7d"
            + " (see 'pulse forget --help')\n"));
    assertThat(PulseCli.run("export", "cust-1", "--out", dir.resolve("no-such-folder/x.json").toString())).isEqualTo(
        new PulseCli.Result(2, "", "pulse: --out: " + dir.resolve("no-such-folder/x.json") + " is not a file in an existing"
            + " folder\n"));
    assertThat(requests.poll(Duration.ofMillis(500)).isEmpty()).isTrue();
  }
}
