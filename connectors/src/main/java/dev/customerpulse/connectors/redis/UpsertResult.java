package dev.customerpulse.connectors.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One customer's write in a batch: the profile, the values sent, and what the upsert script answered. */
final class UpsertResult<T> {
  static final int REFUSED = 0;
  static final int APPLIED = 1;
  static final int BASE_MISMATCH = 2;
  /** Refused: the hash already holds this version (a replay of a write Redis took). */
  static final int SAME = 3;
  /** Refused by Redis for this key alone (WRONGTYPE); {@link #error} says why. */
  static final int FAILED = -1;

  final String customerId;
  final T profile;
  final boolean deleted;
  final boolean restricted;
  /** A refill: written in full, applied at the stored version too, the sets put in line in any case. */
  final boolean refill;
  FieldValues values;
  /** Redis' answer when {@link #status} is {@link #FAILED}. */
  String error;
  int status;
  /** The segments this write carried. */
  String sentSegments;
  String segments;
  String synced;
  /** The consented purposes this write carried, comma-separated. */
  String sentConsents = "";
  /** The consented purposes the hash holds after this write (or held, for a deletion), and those its consent sets match. */
  String consents;
  String consentsSynced;

  UpsertResult(String customerId, T profile, boolean deleted, boolean restricted, boolean refill) {
    this.customerId = customerId;
    this.profile = profile;
    this.deleted = deleted;
    this.restricted = restricted;
    this.refill = refill;
  }

  /** Redis refused the write for this key alone. */
  void failed(String reply) {
    status = FAILED;
    error = reply;
  }

  void read(Object reply) {
    if (reply instanceof Long) {
      // Applied, and the segment sets already match the segments this write carried.
      status = APPLIED;
      segments = sentSegments;
      synced = sentSegments;
      consents = sentConsents;
      consentsSynced = sentConsents;
      return;
    }
    List<?> values = (List<?>) reply;
    status = (int) ((Number) values.get(0)).longValue();
    segments = text(values.get(1));
    synced = text(values.get(2));
    consents = text(values.get(3));
    consentsSynced = text(values.get(4));
  }

  private static String text(Object value) {
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
  }
}
