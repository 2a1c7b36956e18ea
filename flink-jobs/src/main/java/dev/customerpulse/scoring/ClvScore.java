package dev.customerpulse.scoring;

/**
 * A buyer's lifetime-value scores at one moment.
 *
 * @param probabilityAlive P(alive) from BG/NBD
 * @param expectedPurchases expected purchases over the horizon
 * @param expectedAverageSpendMinor expected value of one purchase (Gamma-Gamma), minor units
 * @param clvMinor expected purchases times expected spend (discounted if configured), minor units
 */
public record ClvScore(double probabilityAlive, double expectedPurchases, double expectedAverageSpendMinor, double clvMinor) {}
