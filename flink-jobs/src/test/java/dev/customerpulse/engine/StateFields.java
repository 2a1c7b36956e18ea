package dev.customerpulse.engine;

import dev.customerpulse.published.FieldType;
import dev.customerpulse.published.ProfileField;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.Metric;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A customer state and its published profile as named values, to compare two of them field by field. */
final class StateFields {
  private StateFields() {}

  /**
   * Every public field of the state by name (nested parts by what they hold), except those in
   * {@code skipped} ({@code daily.<METRIC>} skips one metric of the daily buckets). The remembered
   * event ids are left out: they are kept in arrival order and never published.
   */
  static Map<String, Object> of(CustomerState s, List<String> skipped) throws IllegalAccessException {
    Map<String, Object> values = new TreeMap<>();
    for (Field field : CustomerState.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) || skipped.contains(field.getName())) {
        continue;
      }
      Object value = field.get(s);
      values.put(field.getName(), value != null && value.getClass().isArray() ? Arrays.deepToString(new Object[] {value}) : value);
    }
    values.remove("purchases");
    values.remove("daily");
    values.remove("categories");
    values.remove("seenIds");
    if (!skipped.contains("purchases")) {
      values.put("purchases", List.of(s.purchases.firstDay(), s.purchases.lastDay(), s.purchases.repeatPurchases(),
          s.purchases.firstDayAmountMinor(), s.purchases.totalAmountMinor(), Arrays.toString(s.purchases.recentDays())));
    }
    if (!skipped.contains("daily")) {
      List<String> days = new ArrayList<>();
      for (int i = 0; i < s.daily.size(); i++) {
        StringBuilder day = new StringBuilder().append(s.daily.day(i));
        for (Metric metric : Metric.values()) {
          if (skipped.contains("daily." + metric)) {
            continue;
          }
          day.append(' ').append(metric).append('=').append(s.daily.value(i, metric));
        }
        if (day.toString().matches("\\d+( [A-Z_]+=0)*")) {
          // Only skipped metrics on this day: an empty day is no difference.
          continue;
        }
        days.add(day.toString());
      }
      values.put("daily", days);
    }
    if (!skipped.contains("categories")) {
      values.put("categories", s.categories.top(8));
    }
    return values;
  }

  /** The published profile fields (as the Redis hash has them, by name) of {@code s} with scores {@code scores}. */
  static Map<String, Object> published(String id, CustomerState s, Scores scores, List<String> skipped) {
    Map<String, Object> values = new TreeMap<>();
    for (ProfileField field : ProfileFields.MAPPED) {
      if (skipped.contains(field.redisName()) || field.type() == FieldType.SEGMENTS) {
        continue;
      }
      Object value = switch (field.type().kind()) {
        case WHOLE -> field.longValue(id, s, scores);
        case REAL -> field.doubleValue(id, s, scores);
        case TEXT -> field.textValue(id, s, scores);
        case GIVEN -> null;
      };
      values.put(field.redisName(), value);
    }
    return values;
  }

  /** The names whose values differ, each with both values. */
  static Map<String, String> differences(Map<String, Object> a, Map<String, Object> b) {
    Map<String, String> diff = new TreeMap<>();
    for (String name : a.keySet()) {
      if (!java.util.Objects.equals(a.get(name), b.get(name))) {
        diff.put(name, a.get(name) + " vs " + b.get(name));
      }
    }
    return diff;
  }
}
