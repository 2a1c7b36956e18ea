package dev.customerpulse.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.customerpulse.connectors.redis.FieldValues;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.state.ValueTier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a segment rule sees: every profile field ({@link ProfileFields}) as a typed CEL variable of
 * the same name, plus {@code segments}. Counts, money and times are {@code int}; ratios and
 * probabilities {@code double} (NaN when not known, so every comparison with them is false); text
 * is {@code string}. The few numbers the hash leaves empty when not known (recency and the R/F/M
 * scores before a purchase, the last NPS answer, the sign-up time) are {@code int}, -1 when not
 * known. {@code top_categories} and {@code segments} (tier, lifecycle and RFM segments, not other
 * rules) are lists of strings.
 */
public final class RuleVariables {
  private RuleVariables() {}

  /** Fields written as text in Redis that are numbers for rules, -1 when not known. */
  static final Set<String> OPTIONAL_NUMBERS = Set.of("recency_days", "r_score", "f_score", "m_score", "last_nps",
      "signed_up_at");
  static final Set<String> LISTS = Set.of("top_categories");
  public static final String SEGMENTS = "segments";

  private static final int FIELDS = ProfileFields.NAMES.size();
  /** Each variable's CEL type, in a stable order (docs/features.md, "Runtime segment rules", describes the variables). */
  public static final Map<String, CelType> TYPES = types();

  private static Map<String, CelType> types() {
    CustomerState sample = CustomerState.empty();
    sample.tier = ValueTier.NEW;
    FieldValues values = new FieldValues(FIELDS);
    ProfileFields.fill("sample", sample, new Scores(), values);
    Map<String, CelType> types = new LinkedHashMap<>();
    for (int i = 0; i < FIELDS; i++) {
      String name = ProfileFields.NAMES.get(i);
      Object value = values.value(i);
      types.put(name, OPTIONAL_NUMBERS.contains(name) ? SimpleType.INT
          : LISTS.contains(name) ? ListType.create(SimpleType.STRING)
          : value instanceof Long ? SimpleType.INT
          : value instanceof Double ? SimpleType.DOUBLE
          : SimpleType.STRING);
    }
    types.put(SEGMENTS, ListType.create(SimpleType.STRING));
    return java.util.Collections.unmodifiableMap(types);
  }

  /** The variables of one customer's profile, typed as {@link #TYPES} declares. */
  public static Map<String, Object> of(String customerId, CustomerState profile, Scores scores, List<String> segments) {
    FieldValues values = new FieldValues(FIELDS);
    ProfileFields.fill(customerId, profile, scores, values);
    Map<String, Object> variables = new HashMap<>(FIELDS * 2);
    for (int i = 0; i < FIELDS; i++) {
      String name = ProfileFields.NAMES.get(i);
      Object value = values.value(i);
      if (OPTIONAL_NUMBERS.contains(name)) {
        String text = (String) value;
        value = text.isEmpty() ? -1L : Long.parseLong(text);
      } else if (LISTS.contains(name)) {
        String text = (String) value;
        value = text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
      }
      variables.put(name, value);
    }
    variables.put(SEGMENTS, new ArrayList<>(segments));
    return variables;
  }
}
