package dev.customerpulse.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customerpulse.connectors.redis.FieldValues;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.scoring.Scores;
import dev.customerpulse.state.Consents;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.Metric;
import java.time.Instant;

/**
 * Everything the job holds about one customer, as one JSON document (the answer to an access
 * request): the published profile exactly as the Redis hash holds it, the segments, the consent
 * decisions, the keys tied to the customer, and the rest of the state as the job keeps it. Remembered
 * event ids are one-way hashes and are only counted. The layout is described in docs/privacy.md.
 */
final class CustomerExport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ProfileLogic logic;

  CustomerExport(ProfileLogic logic) {
    this.logic = logic;
  }

  String json(String key, CustomerState c, String requestId, long now) throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    root.put("customer_id", key);
    root.put("request_id", requestId);
    root.put("exported_at", Instant.ofEpochMilli(now).toString());
    root.set("profile", profile(key, c));
    ArrayNode segments = root.putArray("segments");
    ProfileSegments.all(c).forEach(segments::add);
    ArrayNode consents = root.putArray("consents");
    Consents decisions = c.consents;
    for (int i = 0; i < decisions.size(); i++) {
      ObjectNode decision = consents.addObject();
      decision.put("purpose", decisions.purpose(i));
      decision.put("granted", decisions.grantedAt(i));
      decision.put("at", Instant.ofEpochMilli(decisions.time(i)).toString());
      decision.put("source", decisions.source(i));
    }
    ArrayNode linked = root.putArray("linked_keys");
    for (String alias : c.aliases) {
      linked.add(alias);
    }
    root.set("state", state(c));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  /** The profile hash's fields and values, as the Redis writer writes them for this state. */
  private ObjectNode profile(String key, CustomerState c) {
    Scores scores = logic.scorer().score(c, c.scoredAt);
    FieldValues values = new FieldValues(ProfileFields.NAMES.size());
    ProfileFields.fill(key, c, scores, values);
    ObjectNode profile = JSON.createObjectNode();
    profile.put("v", Long.toString(c.version));
    for (int i = 0; i < ProfileFields.NAMES.size(); i++) {
      profile.put(ProfileFields.NAMES.get(i), values.text(i));
    }
    return profile;
  }

  /** What the state keeps beyond the published fields: times, open session and cart, histories. */
  private static ObjectNode state(CustomerState c) {
    ObjectNode s = JSON.createObjectNode();
    s.put("version", c.version);
    s.put("first_seen", c.firstSeen);
    s.put("last_seen", c.lastSeen);
    s.put("scored_at", c.scoredAt);
    time(s, "session_start", c.sessionStart);
    time(s, "session_last", c.sessionLast);
    time(s, "cart_open_since", c.cartOpenSince);
    time(s, "won_back_at", c.wonBackAt);
    s.put("birth_month_day", c.birthMonthDay == 0 ? null : String.format(java.util.Locale.ROOT, "%02d-%02d", c.birthMonthDay / 100, c.birthMonthDay % 100));
    time(s, "last_birthday_trigger", c.lastBirthdayTrigger);
    time(s, "last_anniversary_trigger", c.lastAnniversaryTrigger);
    s.put("churn_alert_active", c.churnAlertActive);
    time(s, "last_churn_alert_at", c.lastChurnAlertAt);
    ArrayNode rules = s.putArray("rule_segments");
    for (String rule : c.ruleSegments) {
      rules.add(rule);
    }
    s.put("satisfaction_sum", c.satisfactionSum);
    s.put("satisfaction_answers", c.satisfactionAnswers);
    s.put("remembered_event_ids", c.seenIds.size());
    ObjectNode purchases = s.putObject("purchases");
    if (c.purchases.hasPurchases()) {
      purchases.put("first_day", c.purchases.firstDay());
      purchases.put("last_day", c.purchases.lastDay());
      purchases.put("repeat_purchase_days", c.purchases.repeatPurchases());
      purchases.put("first_day_amount_minor", c.purchases.firstDayAmountMinor());
      ArrayNode recent = purchases.putArray("recent_days");
      for (long day : c.purchases.recentDays()) {
        recent.add(day);
      }
    }
    purchases.put("total_amount_minor", c.purchases.totalAmountMinor());
    ArrayNode days = s.putArray("daily_activity");
    for (int i = 0; i < c.daily.size(); i++) {
      ObjectNode day = days.addObject();
      day.put("day", c.daily.day(i));
      for (Metric metric : Metric.values()) {
        if (c.daily.value(i, metric) != 0) {
          day.put(metric.name().toLowerCase(java.util.Locale.ROOT), c.daily.value(i, metric));
        }
      }
    }
    ObjectNode categories = s.putObject("category_affinity");
    for (int i = 0; i < c.categories.names().length; i++) {
      categories.put(c.categories.names()[i], c.categories.scores()[i]);
    }
    return s;
  }

  private static void time(ObjectNode node, String field, long time) {
    if (time == CustomerState.NONE) {
      node.putNull(field);
    } else {
      node.put(field, time);
    }
  }
}
