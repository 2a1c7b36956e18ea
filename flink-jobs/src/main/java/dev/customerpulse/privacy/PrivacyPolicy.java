package dev.customerpulse.privacy;

import dev.customerpulse.state.Consents;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What consent allows and how long an erasure's traces last.
 *
 * @param mode whether and how consent is enforced
 * @param purposes the purposes consent events may name
 * @param profilingPurpose without it, a customer is kept but not scored, segmented or published
 * @param segmentChangesPurpose what segment changes need (ENTERED is written only with it)
 * @param churnAlertsPurpose what churn alerts need
 * @param dateTriggersPurpose what birthday and anniversary triggers need
 * @param erasureMarkerRetention how long an erased key keeps the marker that drops replayed events
 * @param copiesGoneWithin the longest a copy outlives its deletion (topic retention, compaction lag, checkpoints)
 * @param erasedIds the keyed hash erasure markers keep instead of the erased ids; null when not set
 *     (erasures then fail), which only tests that erase nothing use
 */
public record PrivacyPolicy(ConsentMode mode, List<String> purposes, String profilingPurpose, String segmentChangesPurpose,
    String churnAlertsPurpose, String dateTriggersPurpose, Duration erasureMarkerRetention, Duration copiesGoneWithin,
    Pseudonymizer erasedIds) implements Serializable {
  public static final List<String> DEFAULT_PURPOSES = List.of("profiling", "marketing_email", "marketing_sms", "marketing_push");
  public static final PrivacyPolicy DEFAULTS = new PrivacyPolicy(ConsentMode.OPT_OUT, DEFAULT_PURPOSES, "profiling",
      "profiling", "marketing_email", "marketing_email", Duration.ofDays(35), Duration.ofDays(14), null);

  public PrivacyPolicy {
    purposes = List.copyOf(purposes);
    for (String purpose : List.of(profilingPurpose, segmentChangesPurpose, churnAlertsPurpose, dateTriggersPurpose)) {
      if (!purposes.contains(purpose)) {
        throw new IllegalArgumentException("purpose '" + purpose + "' is not one of the purposes " + purposes);
      }
    }
  }

  /** Whether {@code consents} allow {@code purpose} under this mode. */
  public boolean allows(Consents consents, String purpose) {
    return switch (mode) {
      case OFF -> true;
      case OPT_OUT -> !consents.withdrawn(purpose);
      case OPT_IN -> consents.granted(purpose);
    };
  }

  /** The purpose an output names: empty when consent is not enforced. */
  public String label(String purpose) {
    return mode == ConsentMode.OFF ? "" : purpose;
  }

  /** This policy with another mode (tests, and the CLI's view of a configuration). */
  public PrivacyPolicy withMode(ConsentMode other) {
    return new PrivacyPolicy(other, purposes, profilingPurpose, segmentChangesPurpose, churnAlertsPurpose, dateTriggersPurpose,
        erasureMarkerRetention, copiesGoneWithin, erasedIds);
  }

  /** This policy with the keyed hash of erased ids (from pulse.privacy.pseudonymisation-secret). */
  public PrivacyPolicy withErasedIds(Pseudonymizer hash) {
    return new PrivacyPolicy(mode, purposes, profilingPurpose, segmentChangesPurpose, churnAlertsPurpose, dateTriggersPurpose,
        erasureMarkerRetention, copiesGoneWithin, hash);
  }
}
