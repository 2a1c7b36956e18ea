package dev.customerpulse.scoring;

import java.util.Locale;

/** Inputs of the churn model, each scaled to about [0, 1] so that weights compare. */
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
  QUIET;

  /** Lower-case name used in configuration and reasons. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
