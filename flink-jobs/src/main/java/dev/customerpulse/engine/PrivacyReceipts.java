package dev.customerpulse.engine;

import dev.customerpulse.avro.PrivacyOutcome;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.state.CustomerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The receipts the job writes to privacy-receipts, one kind per outcome (see the PrivacyReceipt schema). */
final class PrivacyReceipts {
  private PrivacyReceipts() {}

  static PrivacyReceipt erased(CustomerEvent request, String customer, List<String> keys, List<String> redis, long now,
      Duration copiesGoneWithin) {
    return base(request, customer, PrivacyOutcome.ERASED, now).setRemovedKeys(keys).setRemovedRedis(redis)
        .setRemovedRecords(List.of("customer-profiles:" + customer))
        .setCopiesGoneBy(Instant.ofEpochMilli(now + copiesGoneWithin.toMillis())).build();
  }

  static PrivacyReceipt exported(CustomerEvent request, String customer, String json, long now) {
    return base(request, customer, PrivacyOutcome.EXPORTED, now).setExportJson(json).build();
  }

  static PrivacyReceipt notFound(CustomerEvent request, String subject, long now) {
    return base(request, subject, PrivacyOutcome.NOT_FOUND, now).build();
  }

  static PrivacyReceipt resolved(CustomerEvent request, String pseudonym, List<String> customers, long now) {
    return base(request, pseudonym, PrivacyOutcome.RESOLVED, now).setForwardedTo(new ArrayList<>(customers)).build();
  }

  /**
   * The Redis keys an erasure removes the customer from, relative to {@code pulse.redis.key-prefix}:
   * the profile hash, each segment and consent set they are in, the churn-risk ranking, and (when
   * they ever had an alert) the alert stream with its id set and the customer's entry index.
   */
  static List<String> redisCopies(String customer, CustomerState state) {
    List<String> keys = new ArrayList<>();
    keys.add("profile:{" + customer + "}");
    for (String segment : ProfileSegments.all(state)) {
      keys.add("segment:" + segment);
    }
    for (String purpose : state.consents.grantedPurposes()) {
      keys.add("consent:" + purpose);
    }
    keys.add("rank:churn-risk");
    if (state.lastChurnAlertAt != CustomerState.NONE) {
      keys.add("{alerts}:churn");
      keys.add("{alerts}:churn-ids");
      keys.add("{alerts}:churn:by:" + customer);
    }
    return keys;
  }

  private static PrivacyReceipt.Builder base(CustomerEvent request, String subject, PrivacyOutcome outcome, long now) {
    return PrivacyReceipt.newBuilder().setRequestId(request.requestId).setType(request.kind.name()).setSubject(subject)
        .setOutcome(outcome).setRemovedKeys(List.of()).setRemovedRedis(List.of()).setRemovedRecords(List.of())
        .setForwardedTo(List.of()).setProcessedAt(Instant.ofEpochMilli(now)).setCopiesGoneBy(null)
        .setRequestedBy(request.source).setExportJson(null);
  }
}
