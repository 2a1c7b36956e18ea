package dev.customerpulse.privacy;

import java.io.Serializable;
import java.util.List;

/**
 * How personal data is handled as it is read.
 *
 * @param pseudonymizer the keyed hash that replaces emails and phone numbers
 * @param defaultPhoneRegion country of phone numbers written without a country code, or null
 * @param consentPurposes the purposes a consent event may name
 */
public record PrivacySettings(Pseudonymizer pseudonymizer, String defaultPhoneRegion, List<String> consentPurposes)
    implements Serializable {

  public PrivacySettings {
    consentPurposes = List.copyOf(consentPurposes);
  }

  /** With the default consent purposes. */
  public PrivacySettings(Pseudonymizer pseudonymizer, String defaultPhoneRegion) {
    this(pseudonymizer, defaultPhoneRegion, PrivacyPolicy.DEFAULT_PURPOSES);
  }
}
