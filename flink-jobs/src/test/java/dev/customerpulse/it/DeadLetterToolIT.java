package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.cli.PulseCli;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.PulseOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * pulse dlq on a real broker: a job with too tight a limit dead-letters an order; pulse dlq shows it
 * by reason; after the fix (a job with the default limit) the re-published order is counted once.
 */
class DeadLetterToolIT extends OnTestStack {

  private static OrderEvent order(String id, String customer, long amount, String currency) {
    return OrderEvent.newBuilder(ItEvents.paid(id, customer, 10_000, amount)).setCurrency(currency).build();
  }

  private String[] dlq(String... args) {
    List<String> all = new ArrayList<>(List.of("dlq", "--kafka-bootstrap-servers", it.stack.kafkaBootstrapServers(),
        "--registry-url", it.stack.registryUrl(), "-D", PulseOptions.TOPIC_DEAD_LETTERS.key() + "=" + it.topics.deadLetters()));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private void awaitDeadLetters(int count) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (it.readCommitted(it.topics.deadLetters(), DeadLetter.class).size() < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("fewer than " + count + " dead letters committed");
      }
      Thread.sleep(200);
    }
  }

  @Test
  void deadLettersAreGroupedByReasonAndOnlyTheSelectedOnesGoBackAfterAFix() throws Exception {
    Configuration tight = it.jobConfiguration();
    tight.set(PulseOptions.VALIDATION_MAX_AMOUNT, 1_000L);
    JobClient first = JobLauncher.start(tight, "customer-pulse-dlq-1");
    it.send(it.topics.orders(), "erin", order("big-1", "erin", 5_000, "EUR"));
    it.send(it.topics.orders(), "erin", order("big-2", "erin", 7_000, "EUR"));
    it.send(it.topics.orders(), "fred", order("odd-1", "fred", 500, "EURO"));
    it.sendRaw(it.topics.clicks(), "junk", "not avro".getBytes(StandardCharsets.UTF_8));
    awaitDeadLetters(4);
    first.cancel().get(30, TimeUnit.SECONDS);

    PulseCli.Result shown = PulseCli.run(dlq("--samples", "1"));
    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out().lines().toList()).containsExactly(
        "4 dead letters in " + it.topics.deadLetters(),
        String.format("%-22s %8d  (%s 2)", "INVALID_AMOUNT", 2, it.topics.orders()),
        "    " + it.topics.orders() + "/0@0 key=erin: amount_minor 5000 is outside 0..1000",
        String.format("%-22s %8d  (%s 1)", "INVALID_CURRENCY", 1, it.topics.orders()),
        "    " + it.topics.orders() + "/0@2 key=fred: currency 'EURO' is not an ISO 4217 code",
        String.format("%-22s %8d  (%s 1)", "NOT_CONFLUENT_FRAMED", 1, it.topics.clicks()),
        "    " + it.topics.clicks() + "/0@0 key=junk: first byte is 0x6e, not the Confluent magic byte 0x00");

    PulseCli.Result refused = PulseCli.run(dlq("--republish"));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("--republish needs --reason");

    PulseCli.Result republished = PulseCli.run(dlq("--reason", "INVALID_AMOUNT", "--republish", "--samples", "0"));
    assertThat(republished.exitCode()).as(republished.err()).isZero();
    assertThat(republished.out()).contains("2 dead letters in " + it.topics.deadLetters() + " selected of 4")
        .contains("republished 2 records to their source topics");
    List<ConsumerRecord<byte[], byte[]>> orders = it.readRaw(it.topics.orders(), "read_uncommitted");
    assertThat(orders).hasSize(5);
    assertThat(new String(orders.get(4).headers().lastHeader("dlq.republished-from").value(), StandardCharsets.UTF_8))
        .startsWith(it.topics.deadLetters() + "/");

    // The fix: the default limit. The job resumes from the group's offsets or the earliest; either way
    // erin's two orders count once each (a re-read original and its re-published copy share an id).
    JobClient fixed = JobLauncher.start(it.jobConfiguration(), "customer-pulse-dlq-2");
    try {
      long deadline = System.currentTimeMillis() + 60_000;
      while (!"12000".equals(it.redis().hget(it.key("profile:{erin}"), "spend_minor"))) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("erin's re-published orders never reached Redis: " + it.redis().hgetAll(it.key("profile:{erin}")));
        }
        Thread.sleep(200);
      }
      Thread.sleep(2_000);
      assertThat(it.redis().hget(it.key("profile:{erin}"), "spend_minor")).isEqualTo("12000");
      assertThat(it.redis().hget(it.key("profile:{erin}"), "orders")).isEqualTo("2");
      assertThat(it.redis().exists(it.key("profile:{fred}"))).isFalse();
    } finally {
      fixed.cancel().get(30, TimeUnit.SECONDS);
    }
  }
}
