package dev.customerpulse.scoring.fit;

/**
 * One customer's purchase history in the models' terms, in one time unit: x repeat purchases,
 * recency tx and age T measured from the first purchase, and the mean value of the repeat purchases
 * (in major currency units, the unit Gamma-Gamma parameters are usually quoted in).
 */
public record CustomerSummary(String customerId, double x, double tx, double t, double meanRepeatValue) {}
