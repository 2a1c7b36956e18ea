package dev.customerpulse.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailAddressesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ann@example.com|ann@example.com",
      "  Ann.Lee@Example.COM \t|ann.lee@example.com",
      "ANN+news@mail.example.co.uk|ann+news@mail.example.co.uk",
      "'\u00a0o\u2019brien@example.ie'|o\u2019brien@example.ie",
  })
  void trimsAndLowerCases(String raw, String normal) {
    assertThat(EmailAddresses.normalise(raw)).isEqualTo(normal);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "annexample.com|not an email address (needs exactly one '@' with text on both sides)",
      "@example.com|not an email address (needs exactly one '@' with text on both sides)",
      "ann@|not an email address (needs exactly one '@' with text on both sides)",
      "ann@b@example.com|not an email address (needs exactly one '@' with text on both sides)",
      "ann lee@example.com|an email address contains white space or a control character",
      "ann@localhost|the domain of an email address is not a dotted host name",
      "ann@example..com|the domain of an email address is not a dotted host name",
      "ann@example.com.|the domain of an email address is not a dotted host name",
  })
  void rejectsWhatIsNotOneAddressWithoutRepeatingIt(String raw, String message) {
    assertThatThrownBy(() -> EmailAddresses.normalise(raw)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void rejectsOverlongAddresses() {
    String local = "a".repeat(250);
    assertThatThrownBy(() -> EmailAddresses.normalise(local + "@x.io"))
        .hasMessage("an email address is longer than 254 characters");
    assertThat(EmailAddresses.normalise("a".repeat(249) + "@x.io")).hasSize(254);
  }
}
