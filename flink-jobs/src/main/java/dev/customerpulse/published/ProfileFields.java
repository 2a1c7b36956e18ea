package dev.customerpulse.published;

import dev.customerpulse.connectors.redis.FieldValues;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.state.CustomerState;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a published profile ({@link ProfileField}) as the Redis hash (contract v1) and the
 * Kafka CustomerProfile record take them: the same names and values. In Redis, integers are plain,
 * ratios and probabilities have 4 decimals, times are epoch milliseconds, and a field that does not
 * apply (no purchase yet, never answered a survey) is an empty string.
 */
public final class ProfileFields {
  private ProfileFields() {}

  /** The fields the Redis profile mapper sets, in the order written (the writer adds v, segments, segments_synced). */
  public static final List<ProfileField> MAPPED = select(true);
  /** The fields of the Kafka CustomerProfile record, in its order. */
  public static final List<ProfileField> KAFKA = select(false);
  /** The names of {@link #MAPPED}. */
  public static final List<String> NAMES = MAPPED.stream().map(ProfileField::redisName).toList();

  private static final ProfileField[] MAPPED_FIELDS = MAPPED.toArray(new ProfileField[0]);
  /**
   * The fields the hash of a customer kept without profiling consent holds (besides the writer's
   * v, segments and bookkeeping): who they are and what they decided.
   */
  public static final List<String> RESTRICTED_NAMES = List.of(ProfileField.CUSTOMER_ID.redisName(),
      ProfileField.CONSENTS.redisName(), ProfileField.CONSENT_DECISIONS.redisName());

  private static List<ProfileField> select(boolean mapped) {
    List<ProfileField> fields = new ArrayList<>();
    for (ProfileField field : ProfileField.values()) {
      if (mapped ? field.mapped() : field.kafka()) {
        fields.add(field);
      }
    }
    return List.copyOf(fields);
  }

  /**
   * Sets the fields of {@link #RESTRICTED_NAMES} (the others empty) without scores: a customer kept
   * without profiling consent is not scored.
   */
  public static void fillRestricted(String customerId, CustomerState p, FieldValues v) {
    ProfileField[] fields = MAPPED_FIELDS;
    for (int i = 0; i < fields.length; i++) {
      boolean kept = RESTRICTED_NAMES.contains(fields[i].redisName());
      v.setText(i, kept ? fields[i].textValue(customerId, p, null) : "");
    }
  }

  /** Sets every field of {@link #NAMES}, in that order, as typed values for the Redis writer. */
  public static void fill(String customerId, CustomerState p, Scores s, FieldValues v) {
    ProfileField[] fields = MAPPED_FIELDS;
    for (int i = 0; i < fields.length; i++) {
      ProfileField field = fields[i];
      switch (field.type()) {
        case LONG, TIME -> v.setLong(i, field.longValue(customerId, p, s));
        case SCORE -> {
          long score = field.longValue(customerId, p, s);
          if (score == 0) {
            v.setText(i, "");
          } else {
            v.setLong(i, score);
          }
        }
        case OPTIONAL_LONG, OPTIONAL_INT, OPTIONAL_TIME -> {
          long value = field.longValue(customerId, p, s);
          if (value == CustomerState.NONE) {
            v.setText(i, "");
          } else {
            v.setLong(i, value);
          }
        }
        case DECIMAL, OPTIONAL_DECIMAL -> v.setDecimal(i, field.doubleValue(customerId, p, s));
        case TEXT, OPTIONAL_TEXT, LIST -> v.setText(i, field.textValue(customerId, p, s));
        case SEGMENTS -> throw new IllegalStateException(field + " is set by the writer");
      }
    }
  }
}
