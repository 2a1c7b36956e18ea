package dev.customerpulse.job;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Kafka topics of the job. */
public record Topics(String clicks, String orders, String serviceCalls, String identities, String segmentChanges,
    String churnAlerts, String dateTriggers, String deadLetters, String lateEvents, String customerProfiles, String customerHandoffs, String segmentRules,
    String segmentRuleStatus, String clvQuantiles, String privacyRequests, String privacyReceipts) implements Serializable {

  public static Topics defaults() {
    return new Topics("clicks", "orders", "service-calls", "identities", "segment-changes", "churn-alerts", "date-triggers",
        "dead-letters",
        "late-events",
        "customer-profiles", "customer-handoffs", "segment-rules", "segment-rule-status", "clv-quantiles",
        "privacy-requests", "privacy-receipts");
  }

  /** Topics that keep only the latest record per key. */
  public java.util.Set<String> compacted() {
    return java.util.Set.of(customerProfiles, segmentRules, clvQuantiles);
  }

  /** Every topic with the partition count the demo and tests create it with. */
  public Map<String, Integer> withPartitions(int partitions) {
    Map<String, Integer> all = new LinkedHashMap<>();
    all.put(clicks, partitions);
    all.put(orders, partitions);
    all.put(serviceCalls, partitions);
    all.put(identities, partitions);
    all.put(segmentChanges, partitions);
    all.put(churnAlerts, partitions);
    all.put(dateTriggers, partitions);
    all.put(deadLetters, partitions);
    all.put(lateEvents, partitions);
    all.put(customerProfiles, partitions);
    all.put(customerHandoffs, partitions);
    // One partition: rules are few, and one partition keeps every change to them in order.
    all.put(segmentRules, 1);
    all.put(segmentRuleStatus, partitions);
    all.put(clvQuantiles, 1);
    all.put(privacyRequests, partitions);
    all.put(privacyReceipts, partitions);
    return all;
  }
}
