package dev.customerpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.avro.ClickChannel;
import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.DeviceType;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.IdentityEventType;
import dev.customerpulse.connectors.kafka.DecodeException;
import dev.customerpulse.privacy.PrivacySettings;
import dev.customerpulse.privacy.Pseudonymizer;
import dev.customerpulse.privacy.Pseudonymizer.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityMapperTest {
  private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer("customer-pulse-test-secret");
  private final IdentityMapper mapper = new IdentityMapper(new PrivacySettings(PSEUDONYMS, "DE"));
  private final EventValidator validator = new EventValidator(new EventLimits(128, 10_000_000_000L, Duration.ofDays(1),
      Instant.parse("1990-01-01T00:00:00Z"), 1_000));

  private static IdentityEvent.Builder identify() {
    return IdentityEvent.newBuilder().setEventId("i-1").setEventTime(Instant.parse("2026-12-02T06:30:00Z"))
        .setType(IdentityEventType.IDENTIFY).setCustomerId("c-1");
  }

  private static String reason(ThrowingRunnable check) {
    try {
      check.run();
    } catch (DecodeException e) {
      return e.reason().name() + ": " + e.getMessage();
    }
    throw new AssertionError("accepted");
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws DecodeException;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "' Ann.Lee@Example.COM '|null|ann.lee@example.com|null",
      "ann.lee@example.com|030 1234567|ann.lee@example.com|+49301234567",
      "null|+44 20 7946 0018|null|+442079460018",
      "null|(650) 253-0000|null|+16502530000",
  })
  void contactDetailsArePseudonymsOfTheirNormalForms(String email, String phone, String normalEmail, String normalPhone)
      throws Exception {
    String country = phone != null && phone.startsWith("(") ? "US" : null;
    CustomerEvent event = mapper.map(identify().setEmail(email).setPhone(phone).setCountry(country).build(), 5);
    assertThat(event.emailPseudonym).isEqualTo(normalEmail == null ? null : PSEUDONYMS.pseudonym(Kind.EMAIL, normalEmail));
    assertThat(event.phonePseudonym).isEqualTo(normalPhone == null ? null : PSEUDONYMS.pseudonym(Kind.PHONE, normalPhone));
    assertThat(event.toString()).doesNotContain("example", "1234567", "7946");
  }

  @Test
  void theSamePersonGetsOnePseudonymWhicheverWayTheyWroteIt() throws Exception {
    String a = mapper.map(identify().setEmail("ANN@example.com").setPhone("+49 (30) 123-4567").build(), 0).emailPseudonym;
    String b = mapper.map(identify().setEmail(" ann@EXAMPLE.com").setPhone("030/1234567").build(), 0).emailPseudonym;
    assertThat(a).isEqualTo(b).isEqualTo("pii1:" + PSEUDONYMS.pseudonym(Kind.EMAIL, "ann@example.com").substring(5));
    assertThat(mapper.map(identify().setPhone("+49 (30) 123-4567").build(), 0).phonePseudonym)
        .isEqualTo(mapper.map(identify().setPhone("030/1234567").build(), 0).phonePseudonym);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2026-01-15T10:00:00Z|2026-01-15T10:00:00Z",
      "2026-01-15 11:00:00+01:00|2026-01-15T10:00:00Z",
      "Thu, 15 Jan 2026 10:00:00 GMT|2026-01-15T10:00:00Z",
      "1768471200|2026-01-15T10:00:00Z",
      "1768471200000|2026-01-15T10:00:00Z",
      "2026-01-15|2026-01-15T00:00:00Z",
  })
  void signUpTimesInTheCommonFormatsBecomeUtcInstants(String text, String instant) throws Exception {
    assertThat(mapper.map(identify().setSignedUpAt(text).build(), 0).signedUpAt).isEqualTo(Instant.parse(instant).toEpochMilli());
  }

  @Test
  void onlyTheMonthAndDayOfABirthDateAreKept() throws Exception {
    assertThat(mapper.map(identify().setBirthDate("1990-05-17").build(), 0).birthMonthDay).isEqualTo(517);
    assertThat(mapper.map(identify().setBirthDate("1988-02-29").build(), 0).birthMonthDay).isEqualTo(229);
    assertThat(mapper.map(identify().build(), 0).birthMonthDay).isZero();
    assertThat(reason(() -> mapper.map(identify().setBirthDate("17/05/1990").build(), 0))).startsWith("INVALID_TIMESTAMP: birth_date:");
    assertThat(mapper.scrubbed(identify().setBirthDate("1990-05-17").build()).getBirthDate()).isEqualTo("0000-05-17");
    assertThat(mapper.map(mapper.scrubbed(identify().setBirthDate("1988-02-29").build()), 0).birthMonthDay)
        .as("a scrubbed dead letter re-published keeps the birthday").isEqualTo(229);
  }

  @Test
  void badContactDetailsAndTimesAreDeadLettersThatDoNotRepeatThem() {
    assertThat(reason(() -> mapper.map(identify().setEmail("ann.example.com").build(), 0)))
        .isEqualTo("INVALID_CONTACT: email: not an email address (needs exactly one '@' with text on both sides)");
    assertThat(reason(() -> mapper.map(identify().setPhone("12").build(), 0)))
        .isEqualTo("INVALID_CONTACT: phone: not a valid phone number (wrong length or prefix for country code +49)");
    assertThat(reason(() -> mapper.map(identify().setPhone("1".repeat(65)).build(), 0)))
        .isEqualTo("INVALID_CONTACT: phone: longer than 64 characters");
    IdentityMapper international = new IdentityMapper(new PrivacySettings(PSEUDONYMS, null));
    assertThat(reason(() -> international.map(identify().setPhone("030 1234567").build(), 0)))
        .isEqualTo("INVALID_CONTACT: phone: not a phone number (INVALID_COUNTRY_CODE)");
    assertThat(reason(() -> mapper.map(identify().setSignedUpAt("03/04/2026").build(), 0))).isEqualTo(
        "INVALID_TIMESTAMP: signed_up_at: '03/04/2026' is a slashed date, which reads differently by country; use ISO-8601"
            + " (2026-12-02T06:30:00Z)");
  }

  @Test
  void aMergeIsAddressedToTheMergedIdAndOtherTypesAreIgnored() throws Exception {
    CustomerEvent merge = mapper.map(identify().setType(IdentityEventType.MERGE).setMergedCustomerId("c-2").build(), 5);
    assertThat(merge.customerKey).isEqualTo("c-2");
    assertThat(merge.otherKey).isEqualTo("c-1");
    assertThat(merge.kind).isEqualTo(EventKind.MERGE);
    assertThat(EventMapper.linkOf(merge)).isNull();
    assertThat(mapper.map(identify().setType(IdentityEventType.OTHER).build(), 5)).isNull();
  }

  @Test
  void anIdentifyWithAnAnonymousIdAndALoginBothLinkTheVisitor() throws Exception {
    CustomerEvent identify = mapper.map(identify().setAnonymousId("d-9").build(), 5);
    assertThat(EventMapper.linkOf(identify)).satisfies(link -> {
      assertThat(link.customerKey).isEqualTo("anon:d-9");
      assertThat(link.otherKey).isEqualTo("c-1");
      assertThat(link.kind).isEqualTo(EventKind.LINK);
      assertThat(link.eventId).isEqualTo("i-1/link");
    });
    ClickEvent login = new ClickEvent("k-1", "c-1", "d-9", null, Instant.parse("2026-12-02T06:30:00Z"), ClickType.LOGIN,
        null, null, null, null, ClickChannel.WEB, DeviceType.DESKTOP);
    CustomerEvent click = EventMapper.fromClick(login, 1);
    assertThat(click.customerKey).isEqualTo("c-1");
    assertThat(EventMapper.linkOf(click).customerKey).isEqualTo("anon:d-9");
    login.setType(ClickType.PAGE_VIEW);
    assertThat(EventMapper.linkOf(EventMapper.fromClick(login, 1))).as("only a login links").isNull();
  }

  @Test
  void inconsistentIdentityEventsAreRefused() {
    long now = Instant.parse("2026-12-02T06:30:00Z").toEpochMilli();
    assertThat(reason(() -> validator.identity(identify().setType(IdentityEventType.MERGE).build(), now)))
        .isEqualTo("INVALID_IDENTITY: MERGE without merged_customer_id");
    assertThat(reason(() -> validator.identity(identify().setType(IdentityEventType.MERGE).setMergedCustomerId("c-1").build(), now)))
        .isEqualTo("INVALID_IDENTITY: MERGE of customer c-1 into itself");
    assertThat(reason(() -> validator.identity(
        identify().setType(IdentityEventType.MERGE).setMergedCustomerId("c-2").setAnonymousId("d").build(), now)))
        .isEqualTo("INVALID_IDENTITY: MERGE with an anonymous_id (link visitors with IDENTIFY)");
    assertThat(reason(() -> validator.identity(identify().setCustomerId(" ").build(), now)))
        .isEqualTo("MISSING_CUSTOMER_KEY: identity event i-1 has an empty customer_id");
  }

  @Test
  void withoutASecretContactDetailsAreRefusedSayingSoAndTheDeadLetterKeepsTheEventWithoutThem() throws Exception {
    IdentityMapper noSecret = new IdentityMapper(new PrivacySettings(null, "DE"));
    String because = " given, but pulse.privacy.pseudonymisation-secret is not set: contact details are refused until it is"
        + " (the dead letter keeps the event without them)";
    assertThat(reason(() -> noSecret.map(identify().setEmail("ann@example.com").build(), 0)))
        .isEqualTo("INVALID_CONTACT: email" + because);
    assertThat(reason(() -> noSecret.map(identify().setPhone("030 1234567").build(), 0)))
        .isEqualTo("INVALID_CONTACT: phone" + because);
    IdentityEvent scrubbed = noSecret.scrubbed(identify().setEmail("ann@example.com").setPhone("030 1234567").build());
    assertThat(scrubbed.getEmail()).isNull();
    assertThat(scrubbed.getPhone()).isNull();
    assertThat(scrubbed.getCustomerId()).isEqualTo("c-1");
    String pseudonym = PSEUDONYMS.pseudonym(Kind.EMAIL, "ann@example.com");
    assertThat(noSecret.map(identify().setEmail(pseudonym).build(), 0).emailPseudonym)
        .as("pseudonyms made upstream need no secret").isEqualTo(pseudonym);
    assertThat(noSecret.map(identify().build(), 0).customerKey).as("identity without contact details").isEqualTo("c-1");
  }

  @Test
  void aScrubbedRecordKeepsEverythingButTheRawContactDetails() {
    IdentityEvent raw = identify().setEmail(" Ann@Example.com").setPhone("030 1234567").setCountry("DE")
        .setSignedUpAt("yesterday").build();
    IdentityEvent scrubbed = mapper.scrubbed(raw);
    assertThat(scrubbed.getEmail()).isEqualTo(PSEUDONYMS.pseudonym(Kind.EMAIL, "ann@example.com"));
    assertThat(scrubbed.getPhone()).isEqualTo(PSEUDONYMS.pseudonym(Kind.PHONE, "+49301234567"));
    assertThat(scrubbed.getSignedUpAt()).isEqualTo("yesterday");
    assertThat(raw.getEmail()).as("the original is left alone").isEqualTo(" Ann@Example.com");
    IdentityEvent unparseable = mapper.scrubbed(identify().setEmail("not an email").setPhone("n/a").setSignedUpAt("yesterday").build());
    assertThat(unparseable.getEmail()).isEqualTo(PSEUDONYMS.pseudonym(Kind.EMAIL, "not an email"));
    assertThat(unparseable.getPhone()).isEqualTo(PSEUDONYMS.pseudonym(Kind.PHONE, "n/a"));
    assertThatThrownBy(() -> mapper.map(unparseable, 0)).as("a pseudonym passes, but the timestamp still fails")
        .isInstanceOf(DecodeException.class);
  }
}
