package dev.customerpulse.published;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.connectors.redis.FieldValues;
import dev.customerpulse.scoring.Scores;
import java.util.List;

/**
 * The fields of a published profile, in one place: the Redis hash (contract v1) and the Kafka
 * CustomerProfile record carry the same names and values. In Redis, integers are plain, ratios and
 * probabilities have 4 decimals, times are epoch milliseconds, and a field that does not apply (no
 * purchase yet, never answered a survey) is an empty string.
 */
public final class ProfileFields {
  private ProfileFields() {}

  /** Every field name, in the order written. The contract table of docs/redis.md lists the same. */
  public static final List<String> NAMES = List.of(
      "customer_id", "scored_at", "model_version", "first_seen", "last_seen", "tenure_days", "days_since_last_seen",
      "page_views", "product_views", "searches", "cart_adds", "cart_removes", "checkouts",
      "orders_placed", "orders", "cancellations", "refunds", "spend_minor", "currency", "foreign_currency_orders",
      "average_order_value_minor", "value_tier",
      "views_7d", "views_30d", "views_90d", "cart_adds_30d", "orders_30d", "orders_90d", "spend_30d_minor",
      "spend_90d_minor", "sessions", "sessions_30d", "avg_session_seconds", "engagement_trend",
      "funnel_product_views_90d", "funnel_cart_adds_90d", "funnel_checkouts_90d", "funnel_orders_90d",
      "cart_rate_90d", "checkout_rate_90d", "purchase_rate_90d", "conversion_rate_90d",
      "abandoned_carts", "abandoned_carts_30d", "top_categories",
      "recency_days", "frequency", "monetary_minor", "r_score", "f_score", "m_score", "rfm",
      "service_calls", "service_calls_30d", "service_calls_90d", "complaints", "complaints_90d", "unresolved_90d",
      "avg_satisfaction", "last_nps", "nps_class",
      "p_alive", "expected_purchases", "expected_avg_spend_minor", "clv_minor",
      "churn_risk", "churn_reasons",
      "email_pseudonym", "phone_pseudonym", "signed_up_at", "lifecycle_stage", "rfm_segment");

  /** Sets every field of {@link #NAMES}, in that order, as typed values for the Redis writer. */
  public static void fill(String customerId, CustomerState p, Scores s, FieldValues v) {
    int i = 0;
    text(v, i++, customerId);
    v.setLong(i++, s.scoredAt);
    text(v, i++, s.modelVersion);
    v.setLong(i++, p.firstSeen);
    v.setLong(i++, p.lastSeen);
    v.setLong(i++, s.tenureDays);
    v.setDecimal(i++, s.daysSinceLastSeen);
    v.setLong(i++, p.pageViews);
    v.setLong(i++, p.productViews);
    v.setLong(i++, p.searches);
    v.setLong(i++, p.cartAdds);
    v.setLong(i++, p.cartRemoves);
    v.setLong(i++, p.checkouts);
    v.setLong(i++, p.ordersPlaced);
    v.setLong(i++, p.orders);
    v.setLong(i++, p.cancellations);
    v.setLong(i++, p.refunds);
    v.setLong(i++, p.spendMinor);
    text(v, i++, p.currency == null ? "" : p.currency);
    v.setLong(i++, p.foreignCurrencyOrders);
    v.setLong(i++, s.averageOrderValueMinor);
    text(v, i++, p.tier.label());
    v.setLong(i++, s.views7d);
    v.setLong(i++, s.views30d);
    v.setLong(i++, s.views90d);
    v.setLong(i++, s.cartAdds30d);
    v.setLong(i++, s.orders30d);
    v.setLong(i++, s.orders90d);
    v.setLong(i++, s.spend30dMinor);
    v.setLong(i++, s.spend90dMinor);
    v.setLong(i++, s.sessions);
    v.setLong(i++, s.sessions30d);
    v.setDecimal(i++, s.avgSessionSeconds);
    v.setDecimal(i++, s.engagementTrend);
    v.setLong(i++, s.funnelProductViews90d);
    v.setLong(i++, s.funnelCartAdds90d);
    v.setLong(i++, s.funnelCheckouts90d);
    v.setLong(i++, s.funnelOrders90d);
    v.setDecimal(i++, s.cartRate90d);
    v.setDecimal(i++, s.checkoutRate90d);
    v.setDecimal(i++, s.purchaseRate90d);
    v.setDecimal(i++, s.conversionRate90d);
    v.setLong(i++, p.abandonedCarts);
    v.setLong(i++, s.abandonedCarts30d);
    text(v, i++, s.topCategories);
    text(v, i++, s.recencyDays < 0 ? "" : Long.toString(s.recencyDays));
    v.setLong(i++, s.frequency);
    v.setLong(i++, s.monetaryMinor);
    text(v, i++, score(s.recencyScore));
    text(v, i++, score(s.frequencyScore));
    text(v, i++, score(s.monetaryScore));
    text(v, i++, s.recencyScore == 0 ? "" : "" + s.recencyScore + s.frequencyScore + s.monetaryScore);
    v.setLong(i++, p.serviceCalls);
    v.setLong(i++, s.serviceCalls30d);
    v.setLong(i++, s.serviceCalls90d);
    v.setLong(i++, p.complaints);
    v.setLong(i++, s.complaints90d);
    v.setLong(i++, s.unresolved90d);
    v.setDecimal(i++, s.avgSatisfaction);
    text(v, i++, s.lastNps < 0 ? "" : Integer.toString(s.lastNps));
    text(v, i++, s.npsClass);
    v.setDecimal(i++, s.probabilityAlive);
    v.setDecimal(i++, s.expectedPurchases);
    v.setLong(i++, Math.round(s.expectedAverageSpendMinor));
    v.setLong(i++, Math.round(s.clvMinor));
    v.setDecimal(i++, s.churnRisk);
    text(v, i++, s.churnReasons);
    text(v, i++, p.emailPseudonym == null ? "" : p.emailPseudonym);
    text(v, i++, p.phonePseudonym == null ? "" : p.phonePseudonym);
    text(v, i++, p.signedUpAt == CustomerState.NONE ? "" : Long.toString(p.signedUpAt));
    text(v, i++, p.lifecycle == null ? "" : p.lifecycle.label());
    text(v, i++, p.rfmSegment == null ? "" : p.rfmSegment.label());
  }

  private static void text(FieldValues v, int field, String value) {
    v.setText(field, value);
  }

  private static String score(int score) {
    return score == 0 ? "" : Integer.toString(score);
  }
}
