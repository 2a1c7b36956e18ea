package dev.customerpulse.privacy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces personal data (emails, phone numbers) by a keyed hash: HMAC-SHA256 of the kind and the
 * normalised value under a secret, truncated to 128 bits. The same person gets the same pseudonym
 * in every channel (so profiles still join), but without the secret nobody can test a guess.
 * Pseudonyms look like {@code pii1:<22 base64url characters>}; a value that already is one passes
 * unchanged, so a dead letter re-published after a fix is not hashed twice.
 */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String PREFIX = "pii1:";
  /** Bytes of the HMAC kept: 128 bits, collisions negligible for any customer base. */
  static final int KEPT_BYTES = 16;
  public static final int MIN_SECRET_BYTES = 16;
  private static final int ENCODED_LENGTH = 22;

  /** What a pseudonymised value is; part of the hashed input so an email never equals a phone number. */
  public enum Kind {
    EMAIL, PHONE
  }

  private final byte[] secret;
  private transient Mac mac;

  /** @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes */
  public Pseudonymizer(String secret) {
    byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the pseudonymisation secret must be at least " + MIN_SECRET_BYTES
          + " bytes long (it is " + bytes.length + ")");
    }
    this.secret = bytes;
  }

  /** The pseudonym of an already normalised value; a pseudonym passes through unchanged. */
  public String pseudonym(Kind kind, String normalised) {
    if (isPseudonym(normalised)) {
      return normalised;
    }
    Mac m = mac();
    m.update(kind.name().getBytes(StandardCharsets.US_ASCII));
    m.update((byte) ':');
    byte[] digest = m.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, KEPT_BYTES));
  }

  /**
   * A 64-bit keyed hash of {@code label:value} (the HMAC's first eight bytes): for ids that must be
   * recognised later without being kept, such as erased customer ids.
   */
  public long keyedHash64(String label, String value) {
    Mac m = mac();
    m.update(label.getBytes(StandardCharsets.US_ASCII));
    m.update((byte) ':');
    byte[] digest = m.doFinal(value.getBytes(StandardCharsets.UTF_8));
    long hash = 0;
    for (int i = 0; i < 8; i++) {
      hash = (hash << 8) | (digest[i] & 0xFF);
    }
    return hash;
  }

  public static boolean isPseudonym(String value) {
    if (value == null || value.length() != PREFIX.length() + ENCODED_LENGTH || !value.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private Mac mac() {
    if (mac == null) {
      try {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
      }
    }
    return mac;
  }

  /** Never shows the secret (this object travels in the job graph and may be printed). */
  @Override
  public String toString() {
    return "Pseudonymizer[HmacSHA256, secret redacted]";
  }
}
