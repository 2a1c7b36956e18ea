package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.state.CustomerState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.connectors.redis.FieldValues;
import dev.customerpulse.scoring.ChurnModel;
import dev.customerpulse.scoring.ClvModel;
import dev.customerpulse.scoring.ClvSettings;
import dev.customerpulse.scoring.ProfileScorer;
import dev.customerpulse.scoring.RfmSettings;
import dev.customerpulse.state.ValueTier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The profile hash of Redis key contract v1: every field of ProfileFields, in order, as text. */
class ProfileRedisMapperTest {
  private static final ProfileScorer SCORER = new ProfileScorer(RfmSettings.defaults(), new ClvModel(ClvSettings.defaults()),
      ChurnModel.defaults());

  private static Map<String, String> fields(ProfileUpdate update) {
    ProfileRedisMapper mapper = new ProfileRedisMapper(SCORER);
    FieldValues values = new FieldValues(mapper.fieldNames().size());
    mapper.values(update, values);
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < mapper.fieldNames().size(); i++) {
      map.put(mapper.fieldNames().get(i), values.text(i));
    }
    return map;
  }

  @Test
  void writesEveryContractFieldInOrder() {
    CustomerState state = CustomerState.empty();
    state.version = 12;
    state.firstSeen = 1_000;
    state.lastSeen = 9_000;
    state.pageViews = 1;
    state.orders = 6;
    state.spendMinor = 123_456;
    state.currency = "EUR";
    state.tier = ValueTier.HIGH;
    state.lastNps = 9;
    state.scoredAt = 9_000;
    ProfileUpdate update = new ProfileUpdate("c-7", 55, state);

    Map<String, String> fields = fields(update);

    assertThat(fields.keySet()).containsExactlyElementsOf(ProfileFields.NAMES);
    assertThat(fields).containsEntry("customer_id", "c-7").containsEntry("scored_at", "9000")
        .containsEntry("first_seen", "1000").containsEntry("last_seen", "9000").containsEntry("page_views", "1")
        .containsEntry("orders", "6").containsEntry("spend_minor", "123456").containsEntry("currency", "EUR")
        .containsEntry("value_tier", "high").containsEntry("average_order_value_minor", "20576")
        .containsEntry("last_nps", "9").containsEntry("nps_class", "promoter")
        .containsEntry("model_version", SCORER.modelVersion());
    assertThat(new ProfileRedisMapper(SCORER).segments(update)).containsExactly("tier:high");
  }

  @Test
  void fieldsThatDoNotApplyAreEmpty() {
    CustomerState state = CustomerState.empty();
    state.tier = ValueTier.NEW;
    Map<String, String> fields = fields(new ProfileUpdate("c-1", 0, state));
    assertThat(fields).containsEntry("currency", "").containsEntry("p_alive", "").containsEntry("recency_days", "")
        .containsEntry("r_score", "").containsEntry("rfm", "").containsEntry("avg_satisfaction", "")
        .containsEntry("last_nps", "").containsEntry("nps_class", "").containsEntry("clv_minor", "0");
  }
}
