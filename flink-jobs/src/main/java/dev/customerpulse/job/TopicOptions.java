package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** The names of the Kafka topics the job reads and writes. A section of {@link PulseOptions}. */
public interface TopicOptions {
  ConfigOption<String> TOPIC_CLICKS = key("pulse.topics.clicks")
      .stringType().defaultValue("clicks").withDescription("Input topic of ClickEvent records.");

  ConfigOption<String> TOPIC_ORDERS = key("pulse.topics.orders")
      .stringType().defaultValue("orders").withDescription("Input topic of OrderEvent records.");

  ConfigOption<String> TOPIC_SERVICE_CALLS = key("pulse.topics.service-calls")
      .stringType().defaultValue("service-calls").withDescription("Input topic of ServiceCallEvent records.");

  ConfigOption<String> TOPIC_IDENTITIES = key("pulse.topics.identities")
      .stringType().defaultValue("identities")
      .withDescription("Input topic of IdentityEvent records (sign-ups and profile updates, logins that tie a device to a"
          + " customer, customer merges).");

  ConfigOption<String> TOPIC_HANDOFFS = key("pulse.topics.customer-handoffs")
      .stringType().defaultValue("customer-handoffs")
      .withDescription("Internal topic the job writes and reads itself (exactly once): state of merged customers and linked"
          + " visitors on its way to the surviving customer, and events sent to a merged id. Keep it as long as the"
          + " input topics.");

  ConfigOption<String> TOPIC_SEGMENT_RULES = key("pulse.topics.segment-rules")
      .stringType().defaultValue("segment-rules")
      .withDescription("Compacted control topic of SegmentRule records keyed by rule name ('pulse rules' writes it); read"
          + " from the beginning by every job, so rules survive restarts of both.");

  ConfigOption<String> TOPIC_SEGMENT_RULE_STATUS = key("pulse.topics.segment-rule-status")
      .stringType().defaultValue("segment-rule-status")
      .withDescription("Output topic of SegmentRuleStatus records: each rule accepted, shadowed, rejected or removed, with"
          + " counts (exactly once).");

  ConfigOption<String> TOPIC_CLV_QUANTILES = key("pulse.topics.clv-quantiles")
      .stringType().defaultValue("clv-quantiles")
      .withDescription("Internal compacted topic the job writes and reads itself (exactly once): each day's CLV percentiles"
          + " of all buying customers, for percentile value tiers.");

  ConfigOption<String> TOPIC_PRIVACY_REQUESTS = key("pulse.topics.privacy-requests")
      .stringType().defaultValue("privacy-requests")
      .withDescription("Input topic of PrivacyRequest records: a data subject's erasure or access request ('pulse forget',"
          + " 'pulse export' write it).");

  ConfigOption<String> TOPIC_PRIVACY_RECEIPTS = key("pulse.topics.privacy-receipts")
      .stringType().defaultValue("privacy-receipts")
      .withDescription("Output topic of PrivacyReceipt records (exactly once): what each erasure removed and by when every"
          + " remaining copy is gone, and each access request's export.");

  ConfigOption<String> TOPIC_SEGMENT_CHANGES = key("pulse.topics.segment-changes")
      .stringType().defaultValue("segment-changes").withDescription("Output topic of SegmentChange records (exactly once).");

  ConfigOption<String> TOPIC_CHURN_ALERTS = key("pulse.topics.churn-alerts")
      .stringType().defaultValue("churn-alerts").withDescription("Output topic of ChurnAlert records (exactly once).");

  ConfigOption<String> TOPIC_DATE_TRIGGERS = key("pulse.topics.date-triggers")
      .stringType().defaultValue("date-triggers")
      .withDescription("Output topic of DateTrigger records, birthdays and sign-up anniversaries on the day (exactly once).");

  ConfigOption<String> TOPIC_DEAD_LETTERS = key("pulse.topics.dead-letters")
      .stringType().defaultValue("dead-letters").withDescription("Output topic of DeadLetter records (exactly once).");

  ConfigOption<String> TOPIC_LATE_EVENTS = key("pulse.topics.late-events")
      .stringType().defaultValue("late-events")
      .withDescription("Output topic of events later than pulse.events.allowed-lateness, as DeadLetter records with reason"
          + " LATE_EVENT and the original record (exactly once).");

  ConfigOption<String> TOPIC_CUSTOMER_PROFILES = key("pulse.topics.customer-profiles")
      .stringType().defaultValue("customer-profiles")
      .withDescription("Output topic of CustomerProfile snapshots (exactly once, keyed by customer; compact it). A customer's"
          + " latest profile goes there pulse.profiles.snapshot-delay after their first change not yet there, or at the"
          + " next checkpoint if sooner; a deleted customer gets a tombstone.");
}
