package dev.customerpulse.engine;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.scoring.ProfileScorer;
import dev.customerpulse.scoring.Scores;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A customer's profile right after an update (or their deletion), on its way to Redis and Kafka.
 *
 * <p>Scores are computed when the profile is published, not when it is updated: of a busy
 * customer's many updates in one Redis flush only the last is written, so scoring each would be
 * wasted. That is safe because the state snapshot never changes after it is emitted (RocksDB hands
 * the operator a fresh object for every event).
 */
@TypeInfo(ProfileUpdateTypeInfoFactory.class)
public class ProfileUpdate {
  public String customerId;
  /** Kafka timestamp of the input that caused the update, for latency metrics; 0 for rescoring. */
  public long sourceTimestamp;
  /** The state after the update: the operator's own object, which nothing changes once it is emitted. */
  public CustomerState profile;
  /** The customer expired or was erased: their profile is to be deleted everywhere. */
  public boolean deleted;
  /**
   * The customer may not be profiled (no consent for it): Redis keeps a minimal hash (id, version,
   * consents) and leaves every segment set and the ranking; customer-profiles gets a tombstone.
   */
  public boolean restricted;
  /**
   * A refill: the profile as it stands, re-sent because Redis lost it (restarted empty) or a rebuild
   * was asked for. Written to Redis in full; not a new profile, so not published to customer-profiles.
   */
  public boolean refill;
  // Volatile: the Redis writer thread and the Kafka sink may each be the first to score.
  private transient volatile Scores scores;

  public ProfileUpdate() {}

  public ProfileUpdate(String customerId, long sourceTimestamp, CustomerState profile) {
    this.customerId = customerId;
    this.sourceTimestamp = sourceTimestamp;
    this.profile = profile;
  }

  /** A deletion of the customer, as of state version {@code profile.version}. */
  public static ProfileUpdate deletion(String customerId, CustomerState profile) {
    ProfileUpdate update = new ProfileUpdate(customerId, 0, profile);
    update.deleted = true;
    return update;
  }

  /** The same update with its scores already computed (by the operator, for a churn alert). */
  public ProfileUpdate withScores(Scores computed) {
    this.scores = computed;
    return this;
  }

  /** Features and scores at {@code profile.scoredAt}, computed on first use. */
  public Scores scores(ProfileScorer scorer) {
    if (scores == null) {
      scores = scorer.score(profile, profile.scoredAt);
    }
    return scores;
  }
}
