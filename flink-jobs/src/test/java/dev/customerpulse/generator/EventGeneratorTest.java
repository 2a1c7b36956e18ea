package dev.customerpulse.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.avro.ServiceCallEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  private static GeneratorSettings settings(int customers, double anonymous, double drift, double bad) {
    return new GeneratorSettings(customers, 7, 1_000, 60, START, anonymous, drift, Duration.ofDays(2), bad);
  }

  private static List<GeneratedEvent> take(EventGenerator generator, int n) {
    List<GeneratedEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(generator.next());
    }
    return events;
  }

  @Test
  void theSameSeedGivesTheSameStream() {
    List<String> a = take(new EventGenerator(settings(500, 0.2, 0.2, 0.01)), 2_000).stream().map(Object::toString).toList();
    List<String> b = take(new EventGenerator(settings(500, 0.2, 0.2, 0.01)), 2_000).stream().map(Object::toString).toList();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void everyRecordIsValidForItsSchemaAndKeyedByItsCustomerOrDevice() {
    for (GeneratedEvent event : take(new EventGenerator(settings(300, 0.3, 0.2, 0)), 20_000)) {
      SpecificRecord record = event.record();
      assertThat(roundTrip(record)).as("encodes and decodes unchanged").isEqualTo(record);
      switch (event.input()) {
        case CLICKS -> {
          ClickEvent click = (ClickEvent) record;
          assertThat(event.key()).isEqualTo(click.getCustomerId() != null ? click.getCustomerId() : click.getAnonymousId());
        }
        case ORDERS -> assertThat(event.key()).isEqualTo(((OrderEvent) record).getCustomerId());
        case SERVICE_CALLS -> assertThat(event.key()).isEqualTo(((ServiceCallEvent) record).getCustomerId());
      }
    }
  }

  @Test
  void eventTimeAdvancesByTheConfiguredStep() {
    EventGenerator generator = new EventGenerator(settings(100, 0, 0, 0));
    take(generator, 1_000);
    // 60x time scale at 1,000 events/s: 60 ms of event time per event.
    assertThat(generator.eventTime()).isEqualTo(START.toEpochMilli() + 60_000);
  }

  @Test
  void driftersGoSilentAndStaySilent() {
    GeneratorSettings shape = new GeneratorSettings(200, 7, 1_000, 60, START, 0, 0.95, Duration.ofHours(1), 0);
    Map<String, Long> silentAfter = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      SyntheticCustomer customer = new SyntheticCustomer(i, shape.seed(), shape);
      silentAfter.put(customer.id, customer.silentAfter);
    }
    Set<String> seenLate = new HashSet<>();
    Set<String> loyal = new HashSet<>();
    silentAfter.forEach((id, silent) -> {
      if (silent == Long.MAX_VALUE) {
        loyal.add(id);
      }
    });
    EventGenerator generator = new EventGenerator(shape);
    // An hour of event time at 60 ms per event.
    for (GeneratedEvent event : take(generator, 60_000)) {
      long time = eventTime(event.record());
      String customer = customerOf(event);
      if (customer != null) {
        assertThat(time).as("event of %s after it went silent", customer).isLessThan(silentAfter.get(customer));
        if (time > START.toEpochMilli() + Duration.ofMinutes(30).toMillis()) {
          seenLate.add(customer);
        }
      }
    }
    assertThat(seenLate).as("drifters still active half-way").isNotEmpty().isNotEqualTo(loyal);
    assertThat(loyal.size()).as("about 5% stay").isBetween(2, 25);
  }

  @Test
  void sharesOfAnonymousBrowsingAndBadRecordsFollowTheSettings() {
    List<GeneratedEvent> none = take(new EventGenerator(settings(500, 0, 0, 0)), 10_000);
    assertThat(none).noneMatch(e -> e.record() instanceof ClickEvent c && c.getCustomerId() == null);
    assertThat(none).allMatch(e -> e.corruption() == GeneratedEvent.Corruption.NONE);

    List<GeneratedEvent> mixed = take(new EventGenerator(settings(500, 0.5, 0, 0.1)), 20_000);
    long anonymous = mixed.stream().filter(e -> e.record() instanceof ClickEvent c && c.getCustomerId() == null).count();
    long bad = mixed.stream().filter(e -> e.corruption() != GeneratedEvent.Corruption.NONE).count();
    assertThat(anonymous).isBetween(1_000L, 6_000L);
    assertThat(bad).isBetween(1_700L, 2_300L);
  }

  @Test
  void customersBuyAndSomeOrdersAreRefunded() {
    List<GeneratedEvent> events = take(new EventGenerator(settings(500, 0.2, 0, 0)), 50_000);
    long paid = events.stream().filter(e -> e.record() instanceof OrderEvent o && o.getStatus() == OrderStatus.PAID).count();
    long refunded = events.stream().filter(e -> e.record() instanceof OrderEvent o && o.getStatus() == OrderStatus.REFUNDED).count();
    long calls = events.stream().filter(e -> e.record() instanceof ServiceCallEvent).count();
    assertThat(paid).isGreaterThan(500);
    assertThat(refunded).isPositive().isLessThan(paid / 5);
    assertThat(calls).isPositive();
  }

  private static long eventTime(SpecificRecord record) {
    if (record instanceof ClickEvent c) {
      return c.getEventTime().toEpochMilli();
    }
    if (record instanceof OrderEvent o) {
      return o.getEventTime().toEpochMilli();
    }
    if (record instanceof dev.customerpulse.avro.IdentityEvent i) {
      return i.getEventTime().toEpochMilli();
    }
    return ((ServiceCallEvent) record).getEventTime().toEpochMilli();
  }

  @org.junit.jupiter.api.Test
  void everyCustomerSignsUpOnceWithContactDetailsTheJobAccepts() throws Exception {
    EventGenerator generator = new EventGenerator(new GeneratorSettings(200, 3, 1_000, 60,
        java.time.Instant.parse("2026-01-01T00:00:00Z"), 0.2, 0.0, java.time.Duration.ofDays(30), 0));
    var mapper = new dev.customerpulse.ingest.IdentityMapper(new dev.customerpulse.privacy.PrivacySettings(
        new dev.customerpulse.privacy.Pseudonymizer("customer-pulse-test-secret"), null));
    var validator = new dev.customerpulse.ingest.EventValidator(new dev.customerpulse.ingest.EventLimits(128, 10_000_000_000L,
        java.time.Duration.ofDays(3650), java.time.Instant.parse("1990-01-01T00:00:00Z"), 1_000));
    java.util.Set<String> identified = new java.util.HashSet<>();
    java.util.Set<String> emails = new java.util.HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      GeneratedEvent event = generator.next();
      if (event.input() == GeneratedEvent.Input.IDENTITIES) {
        var identity = (dev.customerpulse.avro.IdentityEvent) event.record();
        assertThat(identified.add(identity.getCustomerId())).as("one sign-up per customer").isTrue();
        validator.identity(identity, identity.getEventTime().toEpochMilli());
        var mapped = mapper.map(identity, 0);
        assertThat(mapped.emailPseudonym).startsWith("pii1:");
        assertThat(mapped.phonePseudonym).startsWith("pii1:");
        assertThat(mapped.signedUpAt).isLessThanOrEqualTo(identity.getEventTime().toEpochMilli());
        emails.add(mapped.emailPseudonym);
      }
    }
    assertThat(identified).hasSizeGreaterThan(150);
    assertThat(emails).as("distinct people, distinct pseudonyms").hasSameSizeAs(identified);
  }

  private static SpecificRecord roundTrip(SpecificRecord record) {
    try {
      var out = new java.io.ByteArrayOutputStream();
      var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
      new org.apache.avro.specific.SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      var decoder = org.apache.avro.io.DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
      return new org.apache.avro.specific.SpecificDatumReader<SpecificRecord>(record.getSchema()).read(null, decoder);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String customerOf(GeneratedEvent event) {
    return event.record() instanceof ClickEvent c ? c.getCustomerId() : event.key();
  }
}
