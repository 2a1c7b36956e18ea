package dev.customerpulse.features;

import java.io.Serializable;
import java.time.Duration;

/**
 * How behaviour features are computed.
 *
 * @param sessionGap inactivity that ends a browsing session
 * @param cartAbandonment time after cart activity without a purchase that counts the cart as abandoned
 * @param categoryHalfLife half-life of category interest
 */
public record FeatureSettings(Duration sessionGap, Duration cartAbandonment, Duration categoryHalfLife)
    implements Serializable {

  public static FeatureSettings defaults() {
    return new FeatureSettings(Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofDays(30));
  }
}
