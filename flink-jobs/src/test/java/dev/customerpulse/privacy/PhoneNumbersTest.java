package dev.customerpulse.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "+49 30 1234567|null|+49301234567",
      "030 1234567|DE|+49301234567",
      "030/123 45 67|de|+49301234567",
      "0049 30 1234567|DE|+49301234567",
      "(650) 253-0000|US|+16502530000",
      "+1 650-253-0000|GB|+16502530000",
      "020 7946 0018|GB|+442079460018",
      "06 12 34 56 78|FR|+33612345678",
      "+33 6 12 34 56 78|null|+33612345678",
      "03-1234-5678|JP|+81312345678",
  })
  void writesNumbersInE164(String raw, String region, String e164) {
    assertThat(PhoneNumbers.toE164(raw, region)).isEqualTo(e164);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "030 1234567|null|not a phone number (INVALID_COUNTRY_CODE)",
      "hello|DE|not a phone number (NOT_A_NUMBER)",
      "+49 30 12|null|not a valid phone number (wrong length or prefix for country code +49)",
      "555-0000|US|not a valid phone number (wrong length or prefix for country code +1)",
      "030 1234567|XX|'XX' is not a country code known to libphonenumber",
  })
  void rejectsWhatIsNotAValidNumberWithoutRepeatingIt(String raw, String region, String message) {
    assertThatThrownBy(() -> PhoneNumbers.toE164(raw, region)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
