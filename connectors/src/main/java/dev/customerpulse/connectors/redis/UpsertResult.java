package dev.customerpulse.connectors.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One customer's write in a batch: the profile, the values sent, and what the upsert script answered. */
final class UpsertResult<T> {
  static final int REFUSED = 0;
  static final int APPLIED = 1;
  static final int BASE_MISMATCH = 2;

  final String customerId;
  final T profile;
  final boolean deleted;
  final boolean restricted;
  FieldValues values;
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

  UpsertResult(String customerId, T profile, boolean deleted, boolean restricted) {
    this.customerId = customerId;
    this.profile = profile;
    this.deleted = deleted;
    this.restricted = restricted;
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
