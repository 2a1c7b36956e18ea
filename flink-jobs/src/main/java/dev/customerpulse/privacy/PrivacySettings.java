package dev.customerpulse.privacy;

import java.io.Serializable;

/**
 * How personal data is handled as it is read.
 *
 * @param pseudonymizer the keyed hash that replaces emails and phone numbers
 * @param defaultPhoneRegion country of phone numbers written without a country code, or null
 */
public record PrivacySettings(Pseudonymizer pseudonymizer, String defaultPhoneRegion) implements Serializable {}
