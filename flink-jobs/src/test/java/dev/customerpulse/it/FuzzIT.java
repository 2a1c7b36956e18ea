package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.call;
import static dev.customerpulse.it.ItEvents.click;
import static dev.customerpulse.it.ItEvents.identify;
import static dev.customerpulse.it.ItEvents.paid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.job.JobLauncher;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * 10,000 broken records (random bytes, truncated records, unknown and wrong schema ids, length
 * bombs, oversized and invalid fields) interleaved with good events and duplicates of them, thrown
 * at the running job with restarts disabled: every broken record is a dead letter with a reason,
 * the job is still running, and every good event counts exactly once.
 */
class FuzzIT extends OnTestStack {
  private static final int BAD = 10_000;
  private static final int CUSTOMERS = 50;
  private static final int VIEWS_EACH = 10;


  @Test
  void everyBrokenRecordIsADeadLetterAndEveryGoodEventCountsOnce() throws Exception {
    Random random = new Random(20261202);
    Function<ClickEvent, byte[]> clicks = it.serializer(it.topics.clicks(), ClickEvent.class);
    Function<OrderEvent, byte[]> orders = it.serializer(it.topics.orders(), OrderEvent.class);
    Function<ServiceCallEvent, byte[]> calls = it.serializer(it.topics.serviceCalls(), ServiceCallEvent.class);
    byte[] validClick = clicks.apply(click("template", "x", null, ClickType.PAGE_VIEW, 5_000));
    byte[] validCall = calls.apply(call("template", "x", 5_000));
    Function<IdentityEvent, byte[]> identities = it.serializer(it.topics.identities(), IdentityEvent.class);
    String[] topics = {it.topics.clicks(), it.topics.orders(), it.topics.serviceCalls(), it.topics.identities()};

    Configuration conf = it.jobConfiguration();
    // Any failure fails the job instead of restarting it, so "still running" means "never failed".
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    JobClient job = JobLauncher.start(conf, "customer-pulse-fuzz");
    try {
      Map<String, Integer> expectedKinds = new java.util.TreeMap<>();
      int good = 0;
      for (int i = 0; i < BAD; i++) {
        if (i % 20 == 0 && good < CUSTOMERS * VIEWS_EACH) {
          // A good event, and now and then the same event again (a producer retry).
          String customer = "c" + (good % CUSTOMERS);
          byte[] value = clicks.apply(click("v" + good, customer, null, ClickType.PAGE_VIEW, 10_000 + good));
          it.sendRawAsync(it.topics.clicks(), customer, value);
          if (good % 7 == 0) {
            it.sendRawAsync(it.topics.clicks(), customer, value);
          }
          good++;
        }
        String topic = topics[random.nextInt(topics.length)];
        int kind = random.nextInt(8);
        byte[] bad = switch (kind) {
          case 0 -> randomBytes(random, random.nextInt(200));
          case 1 -> Arrays.copyOf(validClick, 5 + random.nextInt(validClick.length - 5));
          case 2 -> withSchemaId(validClick, 100_000 + random.nextInt(3));
          case 3 -> topic.equals(it.topics.serviceCalls()) ? validClick : validCall;
          case 4 -> lengthBomb(validClick);
          case 5 -> clicks.apply(ClickEvent.newBuilder(click("big" + i, "x", null, ClickType.PAGE_VIEW, 5_000)).setCategory("k".repeat(20_000)).build());
          case 6 -> orders.apply(paid("neg" + i, "x", 5_000, -1 - random.nextInt(1000)));
          default -> identities.apply(badIdentity(random, i));
        };
        // Cases 5, 6 and 7 are ClickEvent, OrderEvent and IdentityEvent records: send them where they decode.
        String target = kind == 5 ? it.topics.clicks() : kind == 6 ? it.topics.orders() : kind == 7 ? it.topics.identities() : topic;
        expectedKinds.merge(target, 1, Integer::sum);
        it.sendRawAsync(target, "bad-" + i, bad);
      }
      for (int c = 0; c < CUSTOMERS; c++) {
        byte[] order = orders.apply(paid("o" + c, "c" + c, 20_000, 1_000 + c));
        it.sendRawAsync(it.topics.orders(), "c" + c, order);
        it.sendRawAsync(it.topics.orders(), "c" + c, order);
        it.sendRawAsync(it.topics.serviceCalls(), "c" + c, calls.apply(call("s" + c, "c" + c, 21_000)));
        it.sendRawAsync(it.topics.identities(), "c" + c,
            identities.apply(identify("i" + c, "c" + c, null, " Person" + c + "@Example.com", null, 22_000)));
      }
      it.flush();

      List<ConsumerRecord<byte[], DeadLetter>> dead = awaitDeadLetters(job, BAD);
      assertThat(dead).hasSize(BAD);
      Map<String, Long> byTopic = dead.stream().collect(Collectors.groupingBy(r -> r.value().getSourceTopic(), Collectors.counting()));
      expectedKinds.forEach((topic, count) -> assertThat(byTopic.get(topic)).as(topic).isEqualTo(count.longValue()));
      Set<String> reasons = Arrays.stream(DeadLetterReason.values()).map(Enum::name).collect(Collectors.toSet());
      Map<String, Long> byReason = dead.stream().collect(Collectors.groupingBy(r -> r.value().getReason(), Collectors.counting()));
      assertThat(reasons).containsAll(byReason.keySet());
      assertThat(byReason.keySet()).contains("UNDECODABLE_AVRO", "UNKNOWN_SCHEMA_ID", "INCOMPATIBLE_SCHEMA", "FIELD_TOO_LONG",
          "INVALID_AMOUNT", "NOT_CONFLUENT_FRAMED", "INVALID_CONTACT", "INVALID_TIMESTAMP", "INVALID_IDENTITY");
      // Dead letters of the identities topic never hold the raw contact details of the bad records.
      assertThat(dead).filteredOn(r -> r.value().getSourceTopic().equals(it.topics.identities()) && r.value().getValue() != null)
          .isNotEmpty()
          .allSatisfy(r -> assertThat(new String(r.value().getValue().array(), java.nio.charset.StandardCharsets.ISO_8859_1))
              .doesNotContain("fuzz-", "+49 30"));
      assertThat(dead).allSatisfy(r -> {
        assertThat(r.value().getDetail()).isNotBlank();
        assertThat(new String(r.key())).startsWith("bad-");
      });

      for (int c = 0; c < CUSTOMERS; c++) {
        awaitField("c" + c, "service_calls", "1");
        Map<String, String> profile = it.redis().hgetAll(it.key("profile:{c" + c + "}"));
        awaitField("c" + c, "email_pseudonym",
            new dev.customerpulse.privacy.Pseudonymizer(PulseTestStack.PSEUDONYMISATION_SECRET)
                .pseudonym(dev.customerpulse.privacy.Pseudonymizer.Kind.EMAIL, "person" + c + "@example.com"));
        assertThat(profile).as("c" + c).containsEntry("page_views", String.valueOf(VIEWS_EACH))
            .containsEntry("orders", "1").containsEntry("spend_minor", String.valueOf(1_000 + c));
      }
      assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  private List<ConsumerRecord<byte[], DeadLetter>> awaitDeadLetters(JobClient job, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 180_000;
    List<ConsumerRecord<byte[], DeadLetter>> dead = it.readCommitted(it.topics.deadLetters(), DeadLetter.class);
    while (dead.size() < count && System.currentTimeMillis() < deadline) {
      if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
        // Surfaces the exception that ended the job.
        job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
        throw new AssertionError("the job ended after " + dead.size() + " dead letters");
      }
      Thread.sleep(1_000);
      dead = it.readCommitted(it.topics.deadLetters(), DeadLetter.class);
    }
    return dead;
  }

  private void awaitField(String customer, String field, String value) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!value.equals(it.redis().hget(it.key("profile:{" + customer + "}"), field))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(customer + " never had " + field + "=" + value + ": " + it.redis().hgetAll(it.key("profile:{" + customer + "}")));
      }
      Thread.sleep(100);
    }
  }

  /** An identity event that decodes but is wrong in one of the ways the job checks, with raw contact details. */
  private static IdentityEvent badIdentity(Random random, int i) {
    IdentityEvent event = identify("bad-id" + i, "x" + i, null, "fuzz-" + i + "@example.com", "+49 30 " + (1_000_000 + i), 5_000);
    switch (random.nextInt(4)) {
      case 0 -> event.setEmail("fuzz-" + i + " at example.com");
      case 1 -> event.setPhone("+49 30 12");
      case 2 -> event.setSignedUpAt("12/" + (1 + i % 12) + "/2020");
      default -> {
        event.setType(dev.customerpulse.avro.IdentityEventType.MERGE);
        event.setMergedCustomerId(null);
      }
    }
    return event;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    if (length > 0 && bytes[0] == 0) {
      // Keep random bytes from posing as a framed record with a random schema id: that kind is case 2.
      bytes[0] = 1;
    }
    return bytes;
  }

  private static byte[] withSchemaId(byte[] framed, int id) {
    byte[] copy = framed.clone();
    ByteBuffer.wrap(copy, 1, 4).putInt(id);
    return copy;
  }

  /** A valid header, then an Avro string whose length prefix claims about a gigabyte. */
  private static byte[] lengthBomb(byte[] framed) {
    byte[] bomb = Arrays.copyOf(framed, 5 + 5);
    byte[] zigzagGigabyte = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
    System.arraycopy(zigzagGigabyte, 0, bomb, 5, 5);
    return bomb;
  }
}
