package dev.customerpulse.ingest;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One input event in the job's own compact form, whatever topic it came from. It crosses the keyBy
 * shuffle, so it carries only what the keyed operators use, with its own serializer.
 */
@TypeInfo(CustomerEventTypeInfoFactory.class)
public class CustomerEvent {
  /** Customer id, or {@code anon:<anonymous id>} for visitors who have not identified yet. */
  public String customerKey;
  public String eventId;
  public EventKind kind;
  /** Event time, epoch milliseconds. */
  public long eventTime;
  /** Kafka timestamp of the input record (when it was produced), for end-to-end latency. */
  public long sourceTimestamp;
  /** Order amount for orders, shown unit price for clicks; minor units; 0 when there is none. */
  public long amountMinor;
  /** ISO 4217 code of amountMinor, or null. */
  public String currency;
  /** Product category of a click, or of an order's first line; null when unknown. */
  public String category;
  /** Service calls: a complaint, and whether it was resolved. */
  public boolean complaint;
  public boolean resolved;
  /** Service calls: satisfaction 1-5, 0 when not answered. */
  public int satisfaction;
  /** Service calls: NPS 0-10, -1 when not answered. */
  public int nps = -1;

  /**
   * Identity events: the other key involved (LINK: the customer; MERGE: the survivor; ABSORB: the
   * key whose state this is; a LOGIN or IDENTIFY: the anonymous key to link). Null otherwise.
   */
  public String otherKey;
  /** IDENTIFY: pseudonyms of the email and phone number, or null. */
  public String emailPseudonym;
  public String phonePseudonym;
  /** IDENTIFY: sign-up time, epoch milliseconds, or {@link Long#MIN_VALUE} when not given. */
  public long signedUpAt = Long.MIN_VALUE;
  /** IDENTIFY: birthday as month × 100 + day (517 for 17 May), 0 when not given; the year is never kept. */
  public int birthMonthDay;
  /** How many times the event was forwarded from a merged or linked key to its successor. */
  public int hops;
  /** ABSORB: the handed-over state and remembered event ids (see {@code profile.Handoff}). */
  public byte[] payload;
  /** CONSENT: the purpose decided on. */
  public String purpose;
  /** CONSENT: granted (true) or withdrawn (false). */
  public boolean granted;
  /** CONSENT: where it was decided; ERASE, EXPORT: who filed the request. Null when not given. */
  public String source;
  /** ERASE, EXPORT, and the ERASE_ALIAS they cause: the data subject's request id. */
  public String requestId;

  public CustomerEvent() {}

  public CustomerEvent(String customerKey, String eventId, EventKind kind, long eventTime, long sourceTimestamp,
      long amountMinor, String currency) {
    this.customerKey = customerKey;
    this.eventId = eventId;
    this.kind = kind;
    this.eventTime = eventTime;
    this.sourceTimestamp = sourceTimestamp;
    this.amountMinor = amountMinor;
    this.currency = currency;
  }

  /** The same event with a category. */
  public CustomerEvent withCategory(String category) {
    this.category = category;
    return this;
  }

  /** The same event with a service call's outcome. */
  public CustomerEvent withServiceOutcome(boolean complaint, boolean resolved, int satisfaction, int nps) {
    this.complaint = complaint;
    this.resolved = resolved;
    this.satisfaction = satisfaction;
    this.nps = nps;
    return this;
  }

  /** The same event with identity facts. */
  /** A consent decision's details (CONSENT). */
  public CustomerEvent withConsent(String purpose, boolean granted, String source) {
    this.purpose = purpose;
    this.granted = granted;
    this.source = source;
    return this;
  }

  /** A privacy request's details (ERASE, EXPORT, ERASE_ALIAS). */
  public CustomerEvent withRequest(String requestId, String requestedBy) {
    this.requestId = requestId;
    this.source = requestedBy;
    return this;
  }

  public CustomerEvent withIdentity(String otherKey, String emailPseudonym, String phonePseudonym, long signedUpAt) {
    this.otherKey = otherKey;
    this.emailPseudonym = emailPseudonym;
    this.phonePseudonym = phonePseudonym;
    this.signedUpAt = signedUpAt;
    return this;
  }

  /** Whether this event carries any of the identity fields (they are serialized only then). */
  public boolean hasIdentity() {
    return otherKey != null || emailPseudonym != null || phonePseudonym != null || signedUpAt != Long.MIN_VALUE || hops != 0
        || payload != null || birthMonthDay != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CustomerEvent e && eventTime == e.eventTime && sourceTimestamp == e.sourceTimestamp
        && amountMinor == e.amountMinor && Objects.equals(customerKey, e.customerKey)
        && Objects.equals(eventId, e.eventId) && kind == e.kind && Objects.equals(currency, e.currency)
        && Objects.equals(category, e.category) && complaint == e.complaint && resolved == e.resolved
        && satisfaction == e.satisfaction && nps == e.nps && Objects.equals(otherKey, e.otherKey)
        && Objects.equals(emailPseudonym, e.emailPseudonym) && Objects.equals(phonePseudonym, e.phonePseudonym)
        && signedUpAt == e.signedUpAt && hops == e.hops && birthMonthDay == e.birthMonthDay && java.util.Arrays.equals(payload, e.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(customerKey, eventId, kind, eventTime);
  }

  @Override
  public String toString() {
    return kind + "[" + customerKey + " " + eventId + " @" + eventTime + (amountMinor != 0 ? " " + amountMinor + " " + currency : "")
        + (category != null ? " " + category : "") + (otherKey != null ? " other=" + otherKey : "")
        + (hops != 0 ? " hops=" + hops : "") + "]";
  }
}
