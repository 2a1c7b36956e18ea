package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.click;
import static dev.customerpulse.it.ItEvents.identify;
import static dev.customerpulse.it.ItEvents.merge;
import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.privacy.Pseudonymizer;
import dev.customerpulse.privacy.Pseudonymizer.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Identity stitching and customer merges through the real loop (the customer-handoffs topic, exactly
 * once), across a stop and restore; and raw contact details nowhere in the job's outputs.
 */
class IdentityIT extends OnTestStack {
  private static final String EMAIL = " Ann.Lee@Example.COM";
  private static final String PHONE = "030 9876543";
  private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(PulseTestStack.PSEUDONYMISATION_SECRET);

  private JobClient start(String savepoint) throws Exception {
    Configuration conf = it.jobConfiguration();
    // Inputs without new events stop holding event time back soon, so timers (a birthday) fire in the test.
    conf.set(dev.customerpulse.job.PulseOptions.SOURCE_IDLENESS, java.time.Duration.ofSeconds(1));
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    return JobLauncher.start(conf, "customer-pulse-identity-it");
  }


  private Map<String, String> profile(String customer) {
    return it.redis().hgetAll(it.key("profile:{" + customer + "}"));
  }

  private void await(String what, Predicate<Map<String, String>> condition, String customer) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.test(profile(customer))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(what + "; Redis has " + profile(customer));
      }
      Thread.sleep(50);
    }
  }

  @Test
  void visitorsAndMergedCustomersEndUpInOneProfileAcrossARestore() throws Exception {
    var topics = it.topics;
    JobClient first = start(null);
    it.send(topics.clicks(), "d-1", click("v1", null, "d-1", ClickType.PAGE_VIEW, 1_000));
    it.send(topics.clicks(), "d-1", click("v2", null, "d-1", ClickType.ADD_TO_CART, 2_000));
    it.send(topics.orders(), "ann", paid("o-ann", "ann", 3_000, 500));
    it.send(topics.orders(), "bob", paid("o-bob-1", "bob", 3_000, 1_000));
    it.send(topics.orders(), "bob", paid("o-bob-2", "bob", 90_000_000, 1_000));
    await("ann's and bob's orders", p -> "1".equals(p.get("orders")), "ann");
    await("bob's orders", p -> "2".equals(p.get("orders")), "bob");

    // The login ties the visitor to ann: the two clicks before it become hers.
    it.send(topics.clicks(), "ann", click("login", "ann", "d-1", ClickType.LOGIN, 4_000));
    IdentityEvent annSignsUp = identify("id-1", "ann", null, EMAIL, PHONE, 4_500);
    annSignsUp.setBirthDate("1990-01-02");
    it.send(topics.identities(), "ann", annSignsUp);
    await("the visitor's clicks handed to ann",
        p -> "1".equals(p.get("page_views")) && "1".equals(p.get("cart_adds")) && p.get("email_pseudonym") != null
            && !p.get("email_pseudonym").isEmpty(), "ann");

    // bob turns out to be ann; the job is stopped right after, the handoff possibly still in flight.
    it.send(topics.identities(), "ann", merge("m-1", "bob", "ann", 5_000));
    await("bob's profile deleted", Map::isEmpty, "bob");
    String savepoint = it.stopWithSavepoint(first);

    JobClient second = start(savepoint);
    await("bob's orders in ann's profile", p -> "3".equals(p.get("orders")), "ann");
    // What still arrives for bob's id or the visitor counts for ann; a replay of bob's order does not.
    it.send(topics.orders(), "bob", paid("o-bob-3", "bob", 100_000_000, 700));
    it.send(topics.orders(), "bob", paid("o-bob-2", "bob", 90_000_000, 1_000));
    it.send(topics.clicks(), "d-1", click("v3", null, "d-1", ClickType.PAGE_VIEW, 100_000_500));
    await("later events of bob and the visitor forwarded",
        p -> "4".equals(p.get("orders")) && "2".equals(p.get("page_views")), "ann");
    long deadline = System.currentTimeMillis() + 60_000;
    while (it.readCommitted(topics.dateTriggers(), dev.customerpulse.avro.DateTrigger.class).isEmpty()
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    it.stopWithSavepoint(second);

    Map<String, String> ann = profile("ann");
    assertThat(ann).containsEntry("orders", "4").containsEntry("spend_minor", "3200").containsEntry("page_views", "2")
        .containsEntry("cart_adds", "1").containsEntry("first_seen", "1000").containsEntry("frequency", "2")
        .containsEntry("email_pseudonym", PSEUDONYMS.pseudonym(Kind.EMAIL, "ann.lee@example.com"))
        .containsEntry("phone_pseudonym", PSEUDONYMS.pseudonym(Kind.PHONE, "+49309876543"));
    assertThat(it.redis().keys(it.key("profile:*"))).containsExactly(it.key("profile:{ann}"));
    assertThat(it.redis().smembers(it.key("segment:tier:new"))).doesNotContain("bob");

    List<ConsumerRecord<byte[], byte[]>> snapshots = it.readRaw(topics.customerProfiles(), "read_committed");
    ConsumerRecord<byte[], byte[]> lastOfBob = snapshots.stream()
        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("bob")).reduce((a, b) -> b).orElseThrow();
    assertThat(lastOfBob.value()).as("bob's compacted profile ends in a tombstone").isNull();
    assertThat(snapshots).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).doesNotContain("anon:d-1");
    assertThat(it.readRaw(topics.deadLetters(), "read_committed")).isEmpty();
    assertNoRawContactDetails(EMAIL.strip(), PHONE);
    // Her birthday (2 January) came round once in event time, across the restore.
    assertThat(it.readCommitted(topics.dateTriggers(), dev.customerpulse.avro.DateTrigger.class))
        .extracting(r -> r.value().getTriggerId()).containsExactly("ann/birthday/1970-01-02");
  }

  @Test
  void deadLettersOfIdentitiesKeepContactDetailsOnlyAsPseudonyms() throws Exception {
    JobClient job = start(null);
    IdentityEvent badTime = identify("bad-1", "cid", null, "Carl@Example.com", "+49 30 1234567", 1_000);
    badTime.setSignedUpAt("03/04/2021");
    it.send(it.topics.identities(), "cid", badTime);
    it.send(it.topics.identities(), "dan", identify("bad-2", "dan", null, "dan at example.com", null, 1_000));
    byte[] truncated = it.serializer(it.topics.identities(), IdentityEvent.class)
        .apply(identify("bad-3", "eve", null, "eve@example.com", null, 1_000));
    it.sendRaw(it.topics.identities(), "eve", java.util.Arrays.copyOf(truncated, truncated.length - 12));

    List<ConsumerRecord<byte[], DeadLetter>> letters = List.of();
    long deadline = System.currentTimeMillis() + 60_000;
    while (letters.size() < 3 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      letters = it.readCommitted(it.topics.deadLetters(), DeadLetter.class);
    }
    job.cancel().get(30, TimeUnit.SECONDS);

    assertThat(letters).extracting(r -> r.value().getReason())
        .containsExactlyInAnyOrder("INVALID_TIMESTAMP", "INVALID_CONTACT", "UNDECODABLE_AVRO");
    ConfluentAvroDecoder<IdentityEvent> decoder = new ConfluentAvroDecoder<>(IdentityEvent.class, it.registry);
    for (var record : letters) {
      DeadLetter letter = record.value();
      switch (letter.getReason()) {
        case "INVALID_TIMESTAMP" -> {
          IdentityEvent kept = decoder.decode(bytes(letter.getValue()));
          assertThat(kept.getEmail()).isEqualTo(PSEUDONYMS.pseudonym(Kind.EMAIL, "carl@example.com"));
          assertThat(kept.getPhone()).isEqualTo(PSEUDONYMS.pseudonym(Kind.PHONE, "+49301234567"));
          assertThat(kept.getSignedUpAt()).isEqualTo("03/04/2021");
          assertThat(kept.getEventId()).isEqualTo("bad-1");
        }
        case "INVALID_CONTACT" -> {
          assertThat(letter.getDetail()).isEqualTo("email: not an email address (needs exactly one '@' with text on both sides)");
          assertThat(decoder.decode(bytes(letter.getValue())).getEmail())
              .isEqualTo(PSEUDONYMS.pseudonym(Kind.EMAIL, "dan at example.com"));
        }
        default -> {
          assertThat(letter.getValue()).as("undecodable: withheld, it stays at its source offset").isNull();
          assertThat(letter.getDetail()).endsWith("(value withheld: identities carries personal data; the record stays at"
              + " its source offset)");
          assertThat(letter.getSourceTopic()).isEqualTo(it.topics.identities());
        }
      }
    }
    assertNoRawContactDetails("Carl@Example.com", "1234567");
    assertNoRawContactDetails("dan at example.com", "dan at");
    assertNoRawContactDetails("eve@example.com", "eve@");
  }

  /** No output topic and no Redis value holds the raw text (case-insensitive). */
  private void assertNoRawContactDetails(String email, String phone) {
    var topics = it.topics;
    for (String topic : List.of(topics.deadLetters(), topics.lateEvents(), topics.customerProfiles(), topics.segmentChanges(),
        topics.customerHandoffs())) {
      for (ConsumerRecord<byte[], byte[]> record : it.readRaw(topic, "read_uncommitted")) {
        String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.ISO_8859_1).toLowerCase();
        assertThat(text).as(topic).doesNotContain(email.toLowerCase(), phone.toLowerCase());
      }
    }
    for (String key : it.redis().keys(it.redisPrefix + ":*")) {
      String type = it.redis().type(key);
      String text = switch (type) {
        case "hash" -> it.redis().hgetAll(key).toString();
        case "set" -> it.redis().smembers(key).toString();
        case "string" -> it.redis().get(key);
        default -> "";
      };
      assertThat(text.toLowerCase()).as(key).doesNotContain(email.toLowerCase(), phone.toLowerCase());
    }
  }

  private static byte[] bytes(java.nio.ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
