package dev.customerpulse.scoring;

import java.util.Locale;

/**
 * Inputs of the churn model, each scaled to about [0, 1] so that weights compare. New features go at
 * the end: the order is the order of a score's values and of the settings' defaults.
 */
public enum ChurnFeature {
  /** 1 - P(alive) from BG/NBD (0 for customers who never bought). */
  P_DEAD,
  /** Days since the customer was last seen, / 90, at most 1. */
  INACTIVITY,
  /** How much activity fell: the negative part of the engagement trend. */
  ENGAGEMENT_DROP,
  /** Complaints in 90 days, / 3, at most 1. */
  COMPLAINTS,
  /** Unresolved service contacts in 90 days, / 2, at most 1. */
  UNRESOLVED,
  /** (3 - average satisfaction) / 2 within [0, 1]; 0 without answers. */
  LOW_SATISFACTION,
  /** 1 when the last NPS answer was 0-6. */
  DETRACTOR,
  /** Abandoned carts in 30 days, / 3, at most 1. */
  ABANDONED_CARTS,
  /** Refunded share of paid orders, at most 1. */
  REFUND_RATE,
  /**
   * P(no purchase within the quiet horizon) from BG/NBD (0 for customers who never bought). Ranks
   * one-time buyers, whom P(alive) calls certainly alive, by how slow they are.
   */
  QUIET,
  /** Days since the last purchase on a log scale: ln(1 + days) / ln(366), at most 1; 0 before the first purchase. */
  LONG_ABSENCE,
  /** 1 / distinct purchase days: 1 for a one-time buyer, falling as purchases add up; 0 before the first purchase. */
  FEW_PURCHASES,
  /** Paid orders in the last 90 days on a log scale: ln(1 + n) / ln(11), at most 1 (a learned weight is usually negative). */
  RECENT_PURCHASES,
  /** Days since the first purchase / 365, at most 1 (a learned weight is usually negative). */
  TENURE,
  /** Net spend on a log scale: ln(1 + major units) / ln(100001), at most 1, 0 without spend (a learned weight is usually negative). */
  SPEND;

  /** Lower-case name used in configuration and reasons. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
