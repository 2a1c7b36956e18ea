package dev.customerpulse.ingest;

import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.connectors.kafka.DeadLetterReason;
import dev.customerpulse.connectors.kafka.DecodeException;
import dev.customerpulse.privacy.EmailAddresses;
import dev.customerpulse.privacy.PhoneNumbers;
import dev.customerpulse.privacy.PrivacySettings;
import dev.customerpulse.privacy.Pseudonymizer;
import dev.customerpulse.privacy.Pseudonymizer.Kind;
import java.io.Serializable;

/**
 * Turns identity events into {@link CustomerEvent}s, normalising and pseudonymising contact
 * details on the way: the raw email and phone number go no further than this class.
 */
public final class IdentityMapper implements EventMapper.Mapping<IdentityEvent>, Serializable {
  /** Longest phone number text accepted before parsing (libphonenumber itself stops at 250). */
  static final int MAX_PHONE_LENGTH = 64;

  private final PrivacySettings privacy;

  public IdentityMapper(PrivacySettings privacy) {
    this.privacy = privacy;
  }

  /** @return the event, or null for a type this job does not know (OTHER), which is ignored */
  @Override
  public CustomerEvent map(IdentityEvent identity, long sourceTimestamp) throws DecodeException {
    long time = identity.getEventTime().toEpochMilli();
    return switch (identity.getType()) {
      case MERGE -> new CustomerEvent(identity.getMergedCustomerId(), identity.getEventId(), EventKind.MERGE, time,
          sourceTimestamp, 0, null).withIdentity(identity.getCustomerId(), null, null, Long.MIN_VALUE);
      case IDENTIFY -> {
        CustomerEvent event = new CustomerEvent(identity.getCustomerId(), identity.getEventId(), EventKind.IDENTIFY, time,
            sourceTimestamp, 0, null).withIdentity(
                CustomerKeys.present(identity.getAnonymousId()) ? CustomerKeys.anonymous(identity.getAnonymousId()) : null,
                email(identity.getEmail()), phone(identity.getPhone(), identity.getCountry()), signedUp(identity.getSignedUpAt()));
        event.birthMonthDay = birthMonthDay(identity.getBirthDate());
        yield event;
      }
      case CONSENT -> consent(identity, time, sourceTimestamp);
      case OTHER -> null;
    };
  }

  /** A consent decision: purpose and granted are required, and the purpose must be a configured one. */
  private CustomerEvent consent(IdentityEvent identity, long time, long sourceTimestamp) throws DecodeException {
    String purpose = identity.getPurpose() == null ? null : identity.getPurpose().strip();
    if (purpose == null || purpose.isEmpty() || identity.getGranted() == null) {
      throw new DecodeException(DeadLetterReason.INVALID_VALUE, "CONSENT needs purpose and granted", null);
    }
    if (!privacy.consentPurposes().contains(purpose)) {
      throw new DecodeException(DeadLetterReason.INVALID_VALUE,
          "purpose '" + purpose + "' is not one of pulse.consent.purposes " + privacy.consentPurposes(), null);
    }
    return new CustomerEvent(identity.getCustomerId(), identity.getEventId(), EventKind.CONSENT, time, sourceTimestamp, 0, null)
        .withConsent(purpose, identity.getGranted(), identity.getConsentSource());
  }

  String email(String raw) throws DecodeException {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (Pseudonymizer.isPseudonym(raw.strip())) {
      return raw.strip();
    }
    requireSecret("email");
    try {
      return privacy.pseudonymizer().pseudonym(Kind.EMAIL, EmailAddresses.normalise(raw));
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DeadLetterReason.INVALID_CONTACT, "email: " + e.getMessage(), null);
    }
  }

  String phone(String raw, String country) throws DecodeException {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (Pseudonymizer.isPseudonym(raw.strip())) {
      return raw.strip();
    }
    requireSecret("phone");
    if (raw.length() > MAX_PHONE_LENGTH) {
      throw new DecodeException(DeadLetterReason.INVALID_CONTACT, "phone: longer than " + MAX_PHONE_LENGTH + " characters", null);
    }
    String region = PhoneNumbers.knownRegion(country) ? country : privacy.defaultPhoneRegion();
    try {
      return privacy.pseudonymizer().pseudonym(Kind.PHONE, PhoneNumbers.toE164(raw, region));
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DeadLetterReason.INVALID_CONTACT, "phone: " + e.getMessage(), null);
    }
  }

  /** Contact details are read only with a pseudonymisation secret: without one, the event is refused, saying so. */
  private void requireSecret(String field) throws DecodeException {
    if (privacy.pseudonymizer() == null) {
      throw new DecodeException(DeadLetterReason.INVALID_CONTACT, field + " given, but pulse.privacy.pseudonymisation-secret"
          + " is not set: contact details are refused until it is (the dead letter keeps the event without them)", null);
    }
  }

  /** Month and day of a birth date (the year is dropped here, as it is read); 0 when not given. */
  static int birthMonthDay(String text) throws DecodeException {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      return dev.customerpulse.state.CustomerDates.monthDay(
          java.time.LocalDate.ofInstant(Timestamps.parse(text), java.time.ZoneOffset.UTC));
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      throw new DecodeException(DeadLetterReason.INVALID_TIMESTAMP, "birth_date: " + e.getMessage(), null);
    }
  }

  static long signedUp(String text) throws DecodeException {
    if (text == null || text.isBlank()) {
      return Long.MIN_VALUE;
    }
    try {
      return Timestamps.parse(text).toEpochMilli();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new DecodeException(DeadLetterReason.INVALID_TIMESTAMP, "signed_up_at: " + e.getMessage(), null);
    }
  }

  /**
   * The record as it may be kept in a dead letter: email and phone replaced by pseudonyms (of the
   * normal form where there is one, else of the trimmed text). Re-published after a fix, it reads
   * as the same person, and nothing raw is left in the dead-letter topic.
   */
  public IdentityEvent scrubbed(IdentityEvent identity) {
    IdentityEvent copy = IdentityEvent.newBuilder(identity).build();
    copy.setEmail(scrub(identity.getEmail(), Kind.EMAIL, identity.getCountry()));
    copy.setPhone(scrub(identity.getPhone(), Kind.PHONE, identity.getCountry()));
    copy.setBirthDate(scrubBirthDate(identity.getBirthDate()));
    return copy;
  }

  /** A birth date without its year (0000-MM-DD, which reads back to the same birthday), or null if it does not parse. */
  private static String scrubBirthDate(String raw) {
    if (raw == null || raw.isBlank()) {
      return raw;
    }
    try {
      int monthDay = birthMonthDay(raw);
      return String.format(java.util.Locale.ROOT, "0000-%02d-%02d", monthDay / 100, monthDay % 100);
    } catch (DecodeException e) {
      return null;
    }
  }

  /** A contact detail as a dead letter may keep it: its pseudonym (of the normal form where there is one). */
  public String scrub(String raw, Kind kind, String country) {
    if (raw == null || raw.isBlank() || Pseudonymizer.isPseudonym(raw.strip())) {
      return raw;
    }
    if (privacy.pseudonymizer() == null) {
      // Nothing to hash with, and nothing raw may be kept.
      return null;
    }
    try {
      return kind == Kind.EMAIL ? email(raw) : phone(raw, country);
    } catch (DecodeException e) {
      return privacy.pseudonymizer().pseudonym(kind, raw.strip());
    }
  }
}
