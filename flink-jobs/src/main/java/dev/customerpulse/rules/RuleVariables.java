package dev.customerpulse.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.customerpulse.connectors.redis.FieldValues;
import dev.customerpulse.published.FieldType;
import dev.customerpulse.published.ProfileField;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.state.CustomerState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a segment rule sees: every field of the profile hash ({@link ProfileFields#MAPPED}) as a CEL
 * variable of the same name, typed by the field's {@link FieldType}, plus {@code segments}. Counts,
 * money and times are {@code int}; ratios and probabilities {@code double} (NaN when not known, so
 * every comparison with them is false); text is {@code string}. The few numbers the hash leaves empty
 * when not known (recency and the R/F/M scores before a purchase, the last NPS answer, the sign-up
 * time) are {@code int}, -1 when not known. {@code top_categories} and {@code segments} (tier,
 * lifecycle and RFM segments, not other rules) are lists of strings.
 */
public final class RuleVariables {
  private RuleVariables() {}

  public static final String SEGMENTS = "segments";

  private static final int FIELDS = ProfileFields.MAPPED.size();
  /** Each variable's CEL type, in a stable order (docs/features.md, "Runtime segment rules", describes the variables). */
  public static final Map<String, CelType> TYPES = types();

  private static Map<String, CelType> types() {
    Map<String, CelType> types = new LinkedHashMap<>();
    for (ProfileField field : ProfileFields.MAPPED) {
      types.put(field.redisName(), type(field.type()));
    }
    types.put(SEGMENTS, ListType.create(SimpleType.STRING));
    return Collections.unmodifiableMap(types);
  }

  /** Numbers that may be unknown are {@code int}, -1 when not known. */
  private static CelType type(FieldType type) {
    return switch (type) {
      case LONG, TIME, SCORE, OPTIONAL_LONG, OPTIONAL_INT, OPTIONAL_TIME -> SimpleType.INT;
      case DECIMAL, OPTIONAL_DECIMAL -> SimpleType.DOUBLE;
      case TEXT, OPTIONAL_TEXT -> SimpleType.STRING;
      case LIST, SEGMENTS -> ListType.create(SimpleType.STRING);
    };
  }

  /** The variables of one customer's profile, typed as {@link #TYPES} declares. */
  public static Map<String, Object> of(String customerId, CustomerState profile, Scores scores, List<String> segments) {
    FieldValues values = new FieldValues(FIELDS);
    ProfileFields.fill(customerId, profile, scores, values);
    Map<String, Object> variables = new HashMap<>(FIELDS * 2);
    for (int i = 0; i < FIELDS; i++) {
      ProfileField field = ProfileFields.MAPPED.get(i);
      // As the hash has it: decimals with four places, a number not known as an empty text.
      Object value = values.value(i);
      switch (field.type()) {
        case SCORE, OPTIONAL_LONG, OPTIONAL_INT, OPTIONAL_TIME -> value = value instanceof Long ? value : -1L;
        case LIST -> {
          String text = (String) value;
          value = text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
        }
        default -> { }
      }
      variables.put(field.redisName(), value);
    }
    variables.put(SEGMENTS, new ArrayList<>(segments));
    return variables;
  }
}
