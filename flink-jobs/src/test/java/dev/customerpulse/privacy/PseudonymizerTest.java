package dev.customerpulse.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.privacy.Pseudonymizer.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  private final Pseudonymizer pseudonymizer = new Pseudonymizer("customer-pulse-test-secret");

  @Test
  void isTheTruncatedHmacOfKindAndValue() {
    // Expected values computed outside Java: printf 'EMAIL:ann@example.com' | openssl dgst -sha256 -hmac
    // customer-pulse-test-secret -binary | head -c 16 | base64 (url alphabet, no padding).
    assertThat(pseudonymizer.pseudonym(Kind.EMAIL, "ann@example.com")).isEqualTo("pii1:fO46PKNenbDx9h874UFUoQ");
    assertThat(pseudonymizer.pseudonym(Kind.PHONE, "+493012345678")).isEqualTo("pii1:QvNRD3e9k42xCFd_yL4tRA");
  }

  @Test
  void theSameValueGetsTheSamePseudonymAndKindsNeverCollide() {
    String a = pseudonymizer.pseudonym(Kind.EMAIL, "x@example.com");
    assertThat(pseudonymizer.pseudonym(Kind.EMAIL, "x@example.com")).isEqualTo(a);
    assertThat(pseudonymizer.pseudonym(Kind.PHONE, "x@example.com")).isNotEqualTo(a);
    assertThat(new Pseudonymizer("another-secret-of-16+").pseudonym(Kind.EMAIL, "x@example.com")).isNotEqualTo(a);
  }

  @Test
  void aPseudonymPassesUnchangedSoRepublishedDeadLettersAreNotHashedTwice() {
    String once = pseudonymizer.pseudonym(Kind.EMAIL, "ann@example.com");
    assertThat(Pseudonymizer.isPseudonym(once)).isTrue();
    assertThat(pseudonymizer.pseudonym(Kind.EMAIL, once)).isEqualTo(once);
    assertThat(Pseudonymizer.isPseudonym("pii1:short")).isFalse();
    assertThat(Pseudonymizer.isPseudonym("pii1:fO46PKNenbDx9h874UFU!Q")).isFalse();
  }

  @Test
  void refusesShortSecretsAndNeverPrintsTheSecret() throws Exception {
    assertThatThrownBy(() -> new Pseudonymizer("too-short"))
        .hasMessage("the pseudonymisation secret must be at least 16 bytes long (it is 9)");
    assertThatThrownBy(() -> new Pseudonymizer(null)).hasMessageContaining("at least 16 bytes");
    assertThat(pseudonymizer.toString()).doesNotContain("customer-pulse-test-secret");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(pseudonymizer);
    }
    Pseudonymizer copy = (Pseudonymizer) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertThat(copy.pseudonym(Kind.EMAIL, "ann@example.com")).isEqualTo("pii1:fO46PKNenbDx9h874UFUoQ");
  }
}
