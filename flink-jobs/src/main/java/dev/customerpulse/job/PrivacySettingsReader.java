package dev.customerpulse.job;

import static dev.customerpulse.job.PulseOptions.*;

import dev.customerpulse.privacy.PhoneNumbers;
import dev.customerpulse.privacy.PrivacyPolicy;
import dev.customerpulse.privacy.PrivacySettings;
import dev.customerpulse.privacy.Pseudonymizer;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/** Reads the privacy settings (pseudonymisation, consent, erasure) for {@link PulseSettings}. */
final class PrivacySettingsReader {
  private PrivacySettingsReader() {}

  static List<String> consentPurposes(Configuration conf) {
    List<String> purposes = conf.get(CONSENT_PURPOSES).stream().map(String::strip).toList();
    for (String purpose : purposes) {
      if (!purpose.matches("[a-z][a-z0-9_]{0,63}")) {
        throw new ConfigException(CONSENT_PURPOSES.key() + ": '" + purpose + "' is not a purpose name (lower-case letters,"
            + " digits and _, starting with a letter)");
      }
    }
    return purposes;
  }

  static PrivacyPolicy privacyPolicy(Configuration conf) {
    List<String> purposes = consentPurposes(conf);
    try {
      return new PrivacyPolicy(conf.get(CONSENT_MODE), purposes, conf.get(PROFILING_PURPOSE).strip(),
          conf.get(SEGMENT_CHANGES_PURPOSE).strip(), conf.get(CHURN_ALERTS_PURPOSE).strip(), conf.get(DATE_TRIGGERS_PURPOSE).strip(),
          PulseSettings.positive(conf, ERASURE_MARKER_RETENTION, false), PulseSettings.positive(conf, COPIES_GONE_WITHIN, false),
          conf.get(PSEUDONYMISATION_SECRET) == null ? null : pseudonymizer(conf));
    } catch (IllegalArgumentException e) {
      throw e instanceof ConfigException ? e : new ConfigException("pulse.consent: " + e.getMessage(), e);
    }
  }

  private static Pseudonymizer pseudonymizer(Configuration conf) {
    String secret = PulseSettings.required(conf, PSEUDONYMISATION_SECRET);
    try {
      return new Pseudonymizer(secret);
    } catch (IllegalArgumentException e) {
      // The message says how long the secret is, never what it is.
      throw new ConfigException(PSEUDONYMISATION_SECRET.key() + ": " + e.getMessage(), e);
    }
  }

  static PrivacySettings privacy(Configuration conf) {
    // Without a secret, an order-only deployment runs; contact details are refused until it is set (IdentityMapper).
    Pseudonymizer pseudonymizer = conf.get(PSEUDONYMISATION_SECRET) == null ? null : pseudonymizer(conf);
    String region = conf.get(DEFAULT_PHONE_REGION);
    if (region != null && !region.isBlank() && !PhoneNumbers.knownRegion(region)) {
      throw new ConfigException(DEFAULT_PHONE_REGION.key() + ": '" + region.trim() + "' is not an ISO 3166-1 country code such as DE");
    }
    return new PrivacySettings(pseudonymizer,
        region == null || region.isBlank() ? null : region.trim().toUpperCase(java.util.Locale.ROOT),
        consentPurposes(conf));
  }
}
