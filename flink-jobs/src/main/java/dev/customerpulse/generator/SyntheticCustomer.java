package dev.customerpulse.generator;

import java.util.SplittableRandom;

/** One synthetic customer's fixed traits, derived from the seed and the customer's index. */
final class SyntheticCustomer {
  static final String[] CATEGORIES = {
    "electronics.audio", "electronics.phones", "electronics.computers", "home.kitchen", "home.furniture",
    "fashion.women", "fashion.men", "fashion.shoes", "beauty.skincare", "sports.outdoor", "toys.kids", "books"
  };

  final int index;
  final String id;
  final String deviceId;
  final double activity;
  final double cartProbability;
  final double purchaseProbability;
  final long averageOrderMinor;
  final double serviceProbability;
  final boolean unhappy;
  /** Event time after which the customer never comes back; Long.MAX_VALUE for loyal customers. */
  final long silentAfter;
  final String[] favouriteCategories;
  final String currency;
  /** Whether the customer's sign-up (an IDENTIFY with contact details) was emitted yet. */
  boolean identified;

  SyntheticCustomer(int index, long seed, GeneratorSettings settings) {
    SplittableRandom random = new SplittableRandom(seed * 31 + index);
    this.index = index;
    this.id = String.format("c-%06d", index);
    this.deviceId = "d-" + Long.toHexString(random.nextLong() & 0xffffffffffL);
    // Heavy-tailed activity: a few customers visit far more often than most.
    this.activity = Math.exp(random.nextGaussian() * 0.9);
    this.cartProbability = 0.15 + 0.35 * random.nextDouble();
    this.purchaseProbability = 0.35 + 0.5 * random.nextDouble();
    this.averageOrderMinor = Math.max(500, Math.round(6_000 * Math.exp(random.nextGaussian() * 0.7)));
    this.unhappy = random.nextDouble() < 0.15;
    this.serviceProbability = unhappy ? 0.15 : 0.03;
    boolean drifter = random.nextDouble() < settings.driftShare();
    this.silentAfter = drifter
        ? settings.start().toEpochMilli() + (long) (settings.driftHorizon().toMillis() * (0.1 + 0.8 * random.nextDouble()))
        : Long.MAX_VALUE;
    this.favouriteCategories = new String[] {
      CATEGORIES[random.nextInt(CATEGORIES.length)], CATEGORIES[random.nextInt(CATEGORIES.length)]
    };
    this.currency = random.nextDouble() < 0.97 ? "EUR" : "GBP";
  }

  boolean activeAt(long eventTime) {
    return eventTime < silentAfter;
  }
}
