package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.engine.ProfileSegments;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.connectors.redis.FieldValues;
import dev.customerpulse.connectors.redis.RedisProfileMapper;
import dev.customerpulse.scoring.ProfileScorer;
import java.util.List;

/** The profile hash of Redis key contract v1: {@link ProfileFields} (docs/redis.md). */
public final class ProfileRedisMapper implements RedisProfileMapper<ProfileUpdate> {
  private final ProfileScorer scorer;

  public ProfileRedisMapper(ProfileScorer scorer) {
    this.scorer = scorer;
  }

  @Override
  public String customerId(ProfileUpdate update) {
    return update.customerId;
  }

  @Override
  public long version(ProfileUpdate update) {
    return update.profile.version;
  }

  @Override
  public List<String> segments(ProfileUpdate update) {
    return ProfileSegments.all(update.profile);
  }

  @Override
  public List<String> fieldNames() {
    return ProfileFields.NAMES;
  }

  @Override
  public void values(ProfileUpdate update, FieldValues out) {
    if (update.restricted) {
      ProfileFields.fillRestricted(update.customerId, update.profile, out);
    } else {
      ProfileFields.fill(update.customerId, update.profile, update.scores(scorer), out);
    }
  }

  @Override
  public List<String> consents(ProfileUpdate update) {
    return update.profile.consents.grantedPurposes();
  }

  @Override
  public boolean restricted(ProfileUpdate update) {
    return update.restricted;
  }

  @Override
  public List<String> restrictedFieldNames() {
    return ProfileFields.RESTRICTED_NAMES;
  }

  @Override
  public long sourceTimestampMillis(ProfileUpdate update) {
    return update.sourceTimestamp;
  }

  /** Customers are ranked by churn risk (computed once per write and shared with the hash's fields). */
  @Override
  public double rank(ProfileUpdate update) {
    return update.restricted ? Double.NaN : update.scores(scorer).churnRisk;
  }

  @Override
  public boolean refill(ProfileUpdate update) {
    return update.refill;
  }

  @Override
  public boolean deleted(ProfileUpdate update) {
    return update.deleted;
  }
}
