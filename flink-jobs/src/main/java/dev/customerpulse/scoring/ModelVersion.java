package dev.customerpulse.scoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names the exact model behind a score: the scoring code's generation plus a short digest of every
 * parameter, so changing a weight or a fit changes the version and scores stay traceable.
 */
public final class ModelVersion {
  /** Bumped when the scoring code changes what it computes. */
  static final int GENERATION = 1;

  private ModelVersion() {}

  static String of(RfmSettings rfm, ClvSettings clv, ChurnModel churn) {
    StringBuilder parameters = new StringBuilder().append(rfm).append('|').append(clv).append('|').append(churn.intercept()).append('|').append(churn.quietHorizon());
    for (ChurnFeature feature : ChurnFeature.values()) {
      parameters.append('|').append(feature.key()).append('=').append(churn.weight(feature));
    }
    parameters.append('|').append(churn.calibration());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(parameters.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return GENERATION + "-" + hex;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
