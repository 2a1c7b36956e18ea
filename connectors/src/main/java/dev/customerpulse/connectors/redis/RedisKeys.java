package dev.customerpulse.connectors.redis;

import java.io.Serializable;

/**
 * The Redis key contract (see docs/redis.md). Per-customer keys put the customer id
 * in a hash tag so that everything of one customer shares a Redis Cluster slot.
 */
public record RedisKeys(String prefix) implements Serializable {
  /** Bumped on any incompatible change to key names, types or field meanings. */
  public static final int CONTRACT_VERSION = 1;

  public RedisKeys {
    if (prefix == null || prefix.isBlank() || prefix.contains(" ")) {
      throw new IllegalArgumentException("Redis key prefix must be a non-empty word, got '" + prefix + "'");
    }
  }

  /** HASH: the live profile of one customer. */
  public String profile(String customerId) {
    return prefix + ":profile:{" + customerId + "}";
  }

  /** SET: customer ids currently in a segment. */
  public String segment(String segment) {
    return prefix + ":segment:" + segment;
  }

  /** SET: ids of the customers who granted consent for a purpose (and have not withdrawn it). */
  public String consent(String purpose) {
    return prefix + ":consent:" + purpose;
  }

  /** ZSET: every customer scored by churn risk, for "the N customers most at risk" (ZREVRANGE). */
  public String churnRisk() {
    return prefix + ":rank:churn-risk";
  }

  /**
   * STREAM: churn alerts, oldest first. The {@code {alerts}} hash tag keeps it and its id set in one
   * Redis Cluster slot, so the idempotent append script can touch both.
   */
  public String churnAlerts() {
    return prefix + ":{alerts}:churn";
  }

  /** ZSET: ids of the churn alerts appended, scored by event time (for idempotent appends). */
  public String churnAlertIds() {
    return prefix + ":{alerts}:churn-ids";
  }

  /**
   * STRING: the generation marker, a random token the job writes when it finds none. A Redis that
   * lost it (restarted empty, flushed) or holds another token (a rebuild) is refilled from the job's
   * state. The {@code {meta}} hash tag keeps the bookkeeping keys in one Redis Cluster slot.
   */
  public String generation() {
    return prefix + ":{meta}:generation";
  }

  /** HASH: per profile-operator subtask, how many profiles it re-sent for the refill of generation {@code token}. */
  public String refillReport(String token) {
    return prefix + ":{meta}:refill:" + token;
  }

  /** STRING (counter): refill writes the profile writers have settled (written, refused as stale or failed). */
  public String refilled() {
    return prefix + ":{meta}:refilled";
  }

  /** HASH: contract metadata ({@code version}). */
  public String contract() {
    return prefix + ":contract";
  }
}
