package dev.customerpulse.privacy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;

/** Phone numbers in E.164 (+4930123456), parsed with libphonenumber. */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /**
   * The number in E.164. A number written without a country code is read as a number of
   * {@code region} (the event's country, else the configured default region).
   *
   * @param region ISO 3166-1 alpha-2 code such as "DE", or null when only international numbers are accepted
   * @throws IllegalArgumentException when it does not parse or is not a valid number of its country
   */
  public static String toE164(String raw, String region) {
    String regionCode = region == null ? null : region.strip().toUpperCase(Locale.ROOT);
    if (regionCode != null && !UTIL.getSupportedRegions().contains(regionCode)) {
      throw new IllegalArgumentException("'" + regionCode + "' is not a country code known to libphonenumber");
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(raw, regionCode == null ? "ZZ" : regionCode);
    } catch (NumberParseException e) {
      throw new IllegalArgumentException("not a phone number (" + e.getErrorType() + ")");
    }
    if (!UTIL.isValidNumber(number)) {
      throw new IllegalArgumentException("not a valid phone number (wrong length or prefix for country code +"
          + number.getCountryCode() + ")");
    }
    return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
  }

  public static boolean knownRegion(String region) {
    return region != null && UTIL.getSupportedRegions().contains(region.strip().toUpperCase(Locale.ROOT));
  }
}
