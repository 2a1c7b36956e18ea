package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.connectors.redis.FieldValues;
import dev.customerpulse.published.FieldType;
import dev.customerpulse.published.ConsentDetail;
import dev.customerpulse.published.ProfileField;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.ValueTier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Redis hash and the Kafka record say the same: every hash value is the value of the record's
 * field of the same name (built field by field by {@link CustomerProfileRecords}) written as Redis
 * text, for every profile of a generated population.
 */
class HashAndRecordTest {
  /** A record's value as the hash writes it: unknown as empty, decimals with four places, times in ms. */
  private static String asRedisText(FieldType type, Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Instant time) {
      return Long.toString(time.toEpochMilli());
    }
    if (value instanceof Double real) {
      return real.isNaN() ? "" : FieldValues.decimal(Math.round(real * 10_000), 4);
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    if (type == FieldType.SCORE && ((Integer) value) == 0) {
      return "";
    }
    return value.toString();
  }

  /** Compares the hash with the record; returns the fields found empty (not known). */
  private static List<ProfileField> assertHashIsRecord(ProfileUpdate update) {
    ProfileRedisMapper mapper = new ProfileRedisMapper(CustomerProfileFunctionTest.LOGIC.scorer());
    FieldValues values = new FieldValues(ProfileFields.NAMES.size());
    CustomerProfile record = CustomerProfileRecords.of(update, update.scores(CustomerProfileFunctionTest.LOGIC.scorer()));
    mapper.values(update, values);
    List<ProfileField> empty = new ArrayList<>();
    for (int i = 0; i < ProfileFields.MAPPED.size(); i++) {
      ProfileField field = ProfileFields.MAPPED.get(i);
      String text = values.text(i);
      String expected = field == ProfileField.RFM
          ? record.getRScore() == 0 ? "" : "" + record.getRScore() + record.getFScore() + record.getMScore()
          : field == ProfileField.CONSENT_DECISIONS ? ConsentDetail.format(update.profile.consents)
          : asRedisText(field.type(), record.get(field.key()));
      assertThat(text).as("%s of %s", field.key(), update.customerId).isEqualTo(expected);
      if (text.isEmpty()) {
        empty.add(field);
      }
    }
    return empty;
  }

  @Test
  void everyHashValueIsTheRecordsValueAsText() throws Exception {
    List<ProfileUpdate> updates = GeneratedProfiles.of(8_000);
    assertThat(updates).hasSizeGreaterThan(6_000);
    Set<FieldType> unknown = EnumSet.noneOf(FieldType.class);
    int withRfm = 0;
    for (ProfileUpdate update : updates) {
      List<ProfileField> empty = assertHashIsRecord(update);
      empty.forEach(field -> unknown.add(field.type()));
      withRfm += empty.contains(ProfileField.RFM) ? 0 : 1;
    }
    assertThat(withRfm).as("profiles with RFM scores").isPositive();
    assertThat(unknown).as("types seen empty (not known)").contains(FieldType.SCORE, FieldType.OPTIONAL_LONG,
        FieldType.OPTIONAL_INT, FieldType.OPTIONAL_DECIMAL, FieldType.OPTIONAL_TEXT);
  }

  @Test
  void aNewCustomersHashIsTheRecordWithEveryUnknownFieldEmpty() {
    CustomerState state = CustomerState.empty();
    state.tier = ValueTier.NEW;
    state.firstSeen = 1_000;
    state.lastSeen = 1_000;
    state.scoredAt = 1_000;
    List<ProfileField> empty = assertHashIsRecord(new ProfileUpdate("c-1", 0, state));
    assertThat(empty).containsExactly(ProfileField.CURRENCY, ProfileField.TOP_CATEGORIES, ProfileField.RECENCY_DAYS,
        ProfileField.R_SCORE, ProfileField.F_SCORE, ProfileField.M_SCORE, ProfileField.RFM,
        ProfileField.AVG_SATISFACTION, ProfileField.LAST_NPS, ProfileField.NPS_CLASS, ProfileField.P_ALIVE,
        ProfileField.CHURN_REASONS, ProfileField.EMAIL_PSEUDONYM, ProfileField.PHONE_PSEUDONYM,
        ProfileField.SIGNED_UP_AT, ProfileField.LIFECYCLE_STAGE, ProfileField.RFM_SEGMENT, ProfileField.CONSENTS,
        ProfileField.CONSENT_DECISIONS);
  }
}
