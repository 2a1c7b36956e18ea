package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.customerpulse.privacy.ConsentMode;
import dev.customerpulse.privacy.PrivacyPolicy;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** Consent per purpose and data-subject requests (erasure, access). A section of {@link PulseOptions}. */
public interface PrivacyOptions {
  ConfigOption<ConsentMode> CONSENT_MODE = key("pulse.consent.mode")
      .enumType(ConsentMode.class).defaultValue(PrivacyPolicy.DEFAULTS.mode())
      .withDescription("How consent is enforced. OPT_OUT: everything is allowed until the customer withdraws a purpose"
          + " (CCPA). OPT_IN: nothing is allowed until the customer grants it (GDPR, PIPL). OFF: consent is recorded and"
          + " published, never enforced.");

  ConfigOption<List<String>> CONSENT_PURPOSES = key("pulse.consent.purposes")
      .stringType().asList().defaultValues(PrivacyPolicy.DEFAULT_PURPOSES.toArray(String[]::new))
      .withDescription("The purposes consent events may name (lower-case words); a consent event for another purpose is a"
          + " dead letter (INVALID_VALUE). Each has a Redis set cp:consent:<purpose>.");

  ConfigOption<String> PROFILING_PURPOSE = key("pulse.consent.profiling-purpose")
      .stringType().defaultValue(PrivacyPolicy.DEFAULTS.profilingPurpose())
      .withDescription("The purpose profiling needs. Without it the job keeps only that the customer exists and their"
          + " consents: no features, scores, segments or alerts are published for them, and what was published is"
          + " withdrawn (the customer leaves every segment).");

  ConfigOption<String> SEGMENT_CHANGES_PURPOSE = key("pulse.consent.segment-changes-purpose")
      .stringType().defaultValue(PrivacyPolicy.DEFAULTS.segmentChangesPurpose())
      .withDescription("The purpose segment changes need: ENTERED is written only for customers who allow it, and a"
          + " withdrawal writes EXITED for every segment the customer leaves.");

  ConfigOption<String> CHURN_ALERTS_PURPOSE = key("pulse.consent.churn-alerts-purpose")
      .stringType().defaultValue(PrivacyPolicy.DEFAULTS.churnAlertsPurpose())
      .withDescription("The purpose churn alerts need (Kafka topic and Redis stream).");

  ConfigOption<String> DATE_TRIGGERS_PURPOSE = key("pulse.consent.date-triggers-purpose")
      .stringType().defaultValue(PrivacyPolicy.DEFAULTS.dateTriggersPurpose())
      .withDescription("The purpose birthday and anniversary triggers need.");

  ConfigOption<Duration> ERASURE_MARKER_RETENTION = key("pulse.privacy.erasure-marker-retention")
      .durationType().defaultValue(PrivacyPolicy.DEFAULTS.erasureMarkerRetention())
      .withDescription("How long an erased customer id (and each of its aliases) keeps a marker in state, so that"
          + " replayed or late events from before the erasure are dropped instead of bringing the customer back. Keep it"
          + " above the input topics' retention.");

  ConfigOption<Duration> COPIES_GONE_WITHIN = key("pulse.privacy.copies-gone-within")
      .durationType().defaultValue(PrivacyPolicy.DEFAULTS.copiesGoneWithin())
      .withDescription("The longest any copy of an erased customer outlives the erasure: the output topics' retention"
          + " and compaction lag (pulse.topics.*) and the age of retained checkpoints. An erasure receipt promises that"
          + " every copy is gone by its processing time plus this.");
}
