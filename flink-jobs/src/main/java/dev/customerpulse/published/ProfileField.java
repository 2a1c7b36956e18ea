package dev.customerpulse.published;

import static dev.customerpulse.published.FieldType.DECIMAL;
import static dev.customerpulse.published.FieldType.LIST;
import static dev.customerpulse.published.FieldType.LONG;
import static dev.customerpulse.published.FieldType.OPTIONAL_DECIMAL;
import static dev.customerpulse.published.FieldType.OPTIONAL_INT;
import static dev.customerpulse.published.FieldType.OPTIONAL_LONG;
import static dev.customerpulse.published.FieldType.OPTIONAL_TEXT;
import static dev.customerpulse.published.FieldType.OPTIONAL_TIME;
import static dev.customerpulse.published.FieldType.SCORE;
import static dev.customerpulse.published.FieldType.TEXT;
import static dev.customerpulse.published.FieldType.TIME;
import static dev.customerpulse.state.CustomerState.NONE;

import dev.customerpulse.scoring.Scores;
import dev.customerpulse.state.CustomerState;

/**
 * Every field of a published profile, declared once: its name, its type (how Redis and Kafka write
 * it), where it is published, its meaning and how its value comes from the customer's state and
 * scores. In the order of the Kafka {@code CustomerProfile} record (a test compares them field by
 * field); the Redis hash takes the same order. The Redis profile mapper ({@link ProfileFields}), the
 * Kafka encoder ({@code profile.CustomerProfileBinary}), the rule variables and the table of
 * docs/redis.md ({@link ProfileFieldsTable}) all read this list. Adding a field is one constant here,
 * the field in CustomerProfile.avsc (with a default; ProfileFieldTest fails until they agree), the
 * value in the state or scores if it is new, a setter call in the tests' reference record
 * (CustomerProfileRecords) and the regenerated table.
 *
 * <p>Accessors are primitive-typed lambdas: writing a profile boxes nothing and allocates nothing
 * but what a value itself needs. They cost one megamorphic call per field (PublishTiming measures it).
 */
public enum ProfileField {
  CUSTOMER_ID("customer_id", TEXT, "the customer the profile belongs to", text((id, p, s) -> id)),
  VERSION("version", "v", LONG, Publish.KAFKA_AND_WRITER,
      "profile version: +1 per event applied or rescoring; a higher version is always the newer profile",
      whole((id, p, s) -> p.version)),
  SCORED_AT("scored_at", TIME, "the event time the features and scores are for (the latest event, or a rescoring as"
      + " time passed)", whole((id, p, s) -> s.scoredAt)),
  MODEL_VERSION("model_version", TEXT, "the scoring model's version, `<generation>-<digest of every model setting>`",
      text((id, p, s) -> s.modelVersion)),
  FIRST_SEEN("first_seen", TIME, "earliest event time", whole((id, p, s) -> p.firstSeen)),
  LAST_SEEN("last_seen", TIME, "latest event time", whole((id, p, s) -> p.lastSeen)),
  TENURE_DAYS("tenure_days", LONG, "whole days from `first_seen` to `scored_at`", whole((id, p, s) -> s.tenureDays)),
  DAYS_SINCE_LAST_SEEN("days_since_last_seen", DECIMAL, "days from `last_seen` to `scored_at` (fractional)",
      real((id, p, s) -> s.daysSinceLastSeen)),
  PAGE_VIEWS("page_views", LONG, "page views (`PAGE_VIEW` clicks), lifetime", whole((id, p, s) -> p.pageViews)),
  PRODUCT_VIEWS("product_views", LONG, "product detail views (`PRODUCT_VIEW` clicks), lifetime",
      whole((id, p, s) -> p.productViews)),
  SEARCHES("searches", LONG, "searches (`SEARCH` clicks), lifetime", whole((id, p, s) -> p.searches)),
  CART_ADDS("cart_adds", LONG, "items added to the cart, lifetime", whole((id, p, s) -> p.cartAdds)),
  CART_REMOVES("cart_removes", LONG, "items removed from the cart, lifetime", whole((id, p, s) -> p.cartRemoves)),
  CHECKOUTS("checkouts", LONG, "checkouts started, lifetime", whole((id, p, s) -> p.checkouts)),
  ORDERS_PLACED("orders_placed", LONG, "orders placed, lifetime", whole((id, p, s) -> p.ordersPlaced)),
  ORDERS("orders", LONG, "orders paid, lifetime", whole((id, p, s) -> p.orders)),
  CANCELLATIONS("cancellations", LONG, "orders cancelled, lifetime", whole((id, p, s) -> p.cancellations)),
  REFUNDS("refunds", LONG, "orders refunded, lifetime", whole((id, p, s) -> p.refunds)),
  SERVICE_CALLS("service_calls", LONG, "customer-service contacts, lifetime", whole((id, p, s) -> p.serviceCalls)),
  SPEND_MINOR("spend_minor", LONG, "net spend (paid − refunded) in minor units of `currency`",
      whole((id, p, s) -> p.spendMinor)),
  CURRENCY("currency", OPTIONAL_TEXT, "ISO 4217 code of the first paid order; not known before it",
      text((id, p, s) -> p.currency)),
  FOREIGN_CURRENCY_ORDERS("foreign_currency_orders", LONG, "paid orders in another currency than `currency` (counted,"
      + " not summed)", whole((id, p, s) -> p.foreignCurrencyOrders)),
  AVERAGE_ORDER_VALUE_MINOR("average_order_value_minor", LONG, "`spend_minor / orders`, rounded; 0 without orders",
      whole((id, p, s) -> s.averageOrderValueMinor)),
  VALUE_TIER("value_tier", TEXT, "`new` (no paid order), `normal`, `potential`, `high`, `vip` (see"
      + " [features.md, \"Segments\"](features.md#segments))", text((id, p, s) -> p.tier.label())),
  VIEWS_7D("views_7d", LONG, "views (page views, product views and searches) in the 7 days up to `scored_at`",
      whole((id, p, s) -> s.views7d)),
  VIEWS_30D("views_30d", LONG, "views in 30 days", whole((id, p, s) -> s.views30d)),
  VIEWS_90D("views_90d", LONG, "views in 90 days", whole((id, p, s) -> s.views90d)),
  CART_ADDS_30D("cart_adds_30d", LONG, "cart adds in 30 days", whole((id, p, s) -> s.cartAdds30d)),
  ORDERS_30D("orders_30d", LONG, "paid orders in 30 days", whole((id, p, s) -> s.orders30d)),
  ORDERS_90D("orders_90d", LONG, "paid orders in 90 days", whole((id, p, s) -> s.orders90d)),
  SPEND_30D_MINOR("spend_30d_minor", LONG, "paid amount in 30 days", whole((id, p, s) -> s.spend30dMinor)),
  SPEND_90D_MINOR("spend_90d_minor", LONG, "paid amount in 90 days", whole((id, p, s) -> s.spend90dMinor)),
  SESSIONS("sessions", LONG, "sessions (clicks less than `pulse.features.session-gap` apart), lifetime",
      whole((id, p, s) -> s.sessions)),
  SESSIONS_30D("sessions_30d", LONG, "sessions started in 30 days", whole((id, p, s) -> s.sessions30d)),
  AVG_SESSION_SECONDS("avg_session_seconds", DECIMAL, "mean session length in seconds",
      real((id, p, s) -> s.avgSessionSeconds)),
  ENGAGEMENT_TREND("engagement_trend", DECIMAL, "activity per day (views, cart adds, orders) in the last 7 days"
      + " against the 30 before: (recent − before) / (recent + before), 0 steady, −1 stopped, +1 new",
      real((id, p, s) -> s.engagementTrend)),
  FUNNEL_PRODUCT_VIEWS_90D("funnel_product_views_90d", LONG, "funnel step 1, product views in 90 days; each step is"
      + " implied by the next, so each count is at least the next (see [features.md, \"Funnel\"](features.md#funnel))",
      whole((id, p, s) -> s.funnelProductViews90d)),
  FUNNEL_CART_ADDS_90D("funnel_cart_adds_90d", LONG, "funnel step 2, cart adds in 90 days",
      whole((id, p, s) -> s.funnelCartAdds90d)),
  FUNNEL_CHECKOUTS_90D("funnel_checkouts_90d", LONG, "funnel step 3, checkouts started in 90 days",
      whole((id, p, s) -> s.funnelCheckouts90d)),
  FUNNEL_ORDERS_90D("funnel_orders_90d", LONG, "funnel step 4, paid orders in 90 days",
      whole((id, p, s) -> s.funnelOrders90d)),
  CART_RATE_90D("cart_rate_90d", DECIMAL, "funnel cart adds / product views, in [0, 1]; 0 when the window has no"
      + " funnel activity", real((id, p, s) -> s.cartRate90d)),
  CHECKOUT_RATE_90D("checkout_rate_90d", DECIMAL, "funnel checkouts / cart adds, in [0, 1]; 0 when the window has no"
      + " funnel activity", real((id, p, s) -> s.checkoutRate90d)),
  PURCHASE_RATE_90D("purchase_rate_90d", DECIMAL, "funnel paid orders / checkouts, in [0, 1]; 0 when the window has"
      + " no funnel activity", real((id, p, s) -> s.purchaseRate90d)),
  CONVERSION_RATE_90D("conversion_rate_90d", DECIMAL, "funnel paid orders / product views, in [0, 1]; 0 when the"
      + " window has no funnel activity", real((id, p, s) -> s.conversionRate90d)),
  ABANDONED_CARTS("abandoned_carts", LONG, "carts (a cart add or checkout) with no order within"
      + " `pulse.features.cart-abandonment`, lifetime; counted by the customer's timer even if they never come back",
      whole((id, p, s) -> p.abandonedCarts)),
  ABANDONED_CARTS_30D("abandoned_carts_30d", LONG, "abandoned carts in 30 days", whole((id, p, s) -> s.abandonedCarts30d)),
  TOP_CATEGORIES("top_categories", LIST, "up to three categories, strongest interest first (views 1, cart adds 3,"
      + " purchases 5, halving every `pulse.features.category-half-life`)", text((id, p, s) -> s.topCategories)),
  RECENCY_DAYS("recency_days", OPTIONAL_LONG, "RFM recency: days since the last purchase day; not known before the"
      + " first purchase", whole((id, p, s) -> s.recencyDays < 0 ? NONE : s.recencyDays)),
  FREQUENCY("frequency", LONG, "RFM frequency: distinct purchase days", whole((id, p, s) -> s.frequency)),
  MONETARY_MINOR("monetary_minor", LONG, "RFM monetary: net spend", whole((id, p, s) -> s.monetaryMinor)),
  R_SCORE("r_score", SCORE, "RFM recency score 1–5 against the `pulse.rfm.*` boundaries; 0 (empty) before the first"
      + " purchase", whole((id, p, s) -> s.recencyScore)),
  F_SCORE("f_score", SCORE, "RFM frequency score 1–5, likewise", whole((id, p, s) -> s.frequencyScore)),
  M_SCORE("m_score", SCORE, "RFM monetary score 1–5, likewise", whole((id, p, s) -> s.monetaryScore)),
  RFM("rfm", TEXT, Publish.REDIS, "the three scores' digits, e.g. `532`; empty before the first purchase",
      text((id, p, s) -> s.recencyScore == 0 ? "" : "" + s.recencyScore + s.frequencyScore + s.monetaryScore)),
  SERVICE_CALLS_30D("service_calls_30d", LONG, "customer-service contacts in 30 days",
      whole((id, p, s) -> s.serviceCalls30d)),
  SERVICE_CALLS_90D("service_calls_90d", LONG, "customer-service contacts in 90 days",
      whole((id, p, s) -> s.serviceCalls90d)),
  COMPLAINTS("complaints", LONG, "complaints, lifetime", whole((id, p, s) -> p.complaints)),
  COMPLAINTS_90D("complaints_90d", LONG, "complaints in 90 days", whole((id, p, s) -> s.complaints90d)),
  UNRESOLVED_90D("unresolved_90d", LONG, "contacts not resolved, in 90 days", whole((id, p, s) -> s.unresolved90d)),
  AVG_SATISFACTION("avg_satisfaction", OPTIONAL_DECIMAL, "mean satisfaction answer (1–5); not known when never"
      + " answered", real((id, p, s) -> s.avgSatisfaction)),
  LAST_NPS("last_nps", OPTIONAL_INT, "the last NPS answer (0–10); not known when never answered",
      whole((id, p, s) -> s.lastNps < 0 ? NONE : s.lastNps)),
  NPS_CLASS("nps_class", OPTIONAL_TEXT, "`promoter` (9–10), `passive` (7–8) or `detractor` (0–6) from `last_nps`",
      text((id, p, s) -> s.npsClass == null || s.npsClass.isEmpty() ? null : s.npsClass)),
  P_ALIVE("p_alive", OPTIONAL_DECIMAL, "BG/NBD probability that the customer has not dropped out; not known before the"
      + " first purchase", real((id, p, s) -> s.probabilityAlive)),
  EXPECTED_PURCHASES("expected_purchases", DECIMAL, "BG/NBD expected purchase days over `pulse.clv.horizon`",
      real((id, p, s) -> s.expectedPurchases)),
  EXPECTED_AVG_SPEND_MINOR("expected_avg_spend_minor", LONG, "Gamma-Gamma expected value of one purchase",
      whole((id, p, s) -> Math.round(s.expectedAverageSpendMinor))),
  CLV_MINOR("clv_minor", LONG, "lifetime value over the horizon: expected purchases × expected spend (discounted"
      + " month by month if `pulse.clv.annual-discount-rate` > 0)", whole((id, p, s) -> Math.round(s.clvMinor))),
  CHURN_RISK("churn_risk", DECIMAL, "churn risk in [0, 1] from the logistic churn model",
      real((id, p, s) -> s.churnRisk)),
  CHURN_REASONS("churn_reasons", TEXT, "the churn risk's three largest positive contributions to the log-odds,"
      + " `feature:+0.123`, largest first", text((id, p, s) -> s.churnReasons)),
  EMAIL_PSEUDONYM("email_pseudonym", OPTIONAL_TEXT, "keyed hash (`pii1:…`) of the latest email address (normalised)"
      + " from the `identities` topic; never the address itself; equal for the same person across systems",
      text((id, p, s) -> p.emailPseudonym)),
  PHONE_PSEUDONYM("phone_pseudonym", OPTIONAL_TEXT, "keyed hash (`pii1:…`) of the latest phone number (E.164),"
      + " likewise", text((id, p, s) -> p.phonePseudonym)),
  SIGNED_UP_AT("signed_up_at", OPTIONAL_TIME, "sign-up time reported by the identity system",
      whole((id, p, s) -> p.signedUpAt)),
  LIFECYCLE_STAGE("lifecycle_stage", TEXT, "`new`, `active`, `at_risk`, `dormant`, `churned` or `won_back` (see"
      + " [features.md, \"Segments\"](features.md#segments))",
      text((id, p, s) -> p.lifecycle == null ? "" : p.lifecycle.label())),
  RFM_SEGMENT("rfm_segment", OPTIONAL_TEXT, "the RFM segment, e.g. `champions`; not known before the first purchase",
      text((id, p, s) -> p.rfmSegment == null ? null : p.rfmSegment.label())),
  SEGMENTS("segments", "segments", FieldType.SEGMENTS, Publish.KAFKA_AND_WRITER, "the customer's segments: tier,"
      + " lifecycle stage, RFM segment, then the runtime rules' (`rule:<name>`)", null),
  SEGMENTS_SYNCED("segments_synced", "segments_synced", FieldType.SEGMENTS, Publish.WRITER, "bookkeeping: equals `segments` once"
      + " the segment sets reflect it", null),
  CONSENTS("consents", LIST, "the purposes the customer granted consent for and has not withdrawn, sorted (see"
      + " [privacy.md](privacy.md)); as in the `consent:<purpose>` sets", text((id, p, s) -> String.join(",", p.consents.grantedPurposes()))),
  CONSENTS_SYNCED("consents_synced", "consents_synced", FieldType.SEGMENTS, Publish.WRITER, "bookkeeping: equals `consents`"
      + " once the `consent:<purpose>` sets reflect it", null),
  CONSENT_DECISIONS("consent_decisions", TEXT, Publish.REDIS, "every consent decision, granted or withdrawn:"
      + " `<purpose>:<granted|withdrawn>:<epoch ms>:<source, URL-encoded>`, comma-separated, sorted by purpose (what"
      + " `pulse consent ID` shows)", text((id, p, s) -> ConsentDetail.format(p.consents)));

  /** Where a field is published. */
  public enum Publish {
    /** In the Redis hash, set by the profile mapper, and in Kafka. */
    EVERYWHERE(true, true),
    /** In the Redis hash only. */
    REDIS(true, false),
    /** In Kafka; in Redis set by the writer itself (the version it compares, the segments it syncs). */
    KAFKA_AND_WRITER(false, true),
    /** In Redis only, set by the writer itself. */
    WRITER(false, false);

    final boolean mapped;
    final boolean kafka;

    Publish(boolean mapped, boolean kafka) {
      this.mapped = mapped;
      this.kafka = kafka;
    }
  }

  /** The value of a whole-number field. */
  @FunctionalInterface
  public interface Whole {
    long of(String customerId, CustomerState p, Scores s);
  }

  /** The value of a decimal field. */
  @FunctionalInterface
  public interface Real {
    double of(String customerId, CustomerState p, Scores s);
  }

  /** The value of a text field, null when not known. */
  @FunctionalInterface
  public interface Text {
    String of(String customerId, CustomerState p, Scores s);
  }

  /** One of the three accessors, as the constants declare it. */
  private record Value(Whole whole, Real real, Text text) {}

  private final String key;
  private final String redisName;
  private final FieldType type;
  private final Publish publish;
  private final String doc;
  private final Whole whole;
  private final Real real;
  private final Text text;

  ProfileField(String key, FieldType type, String doc, Value value) {
    this(key, key, type, Publish.EVERYWHERE, doc, value);
  }

  ProfileField(String key, FieldType type, Publish publish, String doc, Value value) {
    this(key, key, type, publish, doc, value);
  }

  ProfileField(String key, String redisName, FieldType type, Publish publish, String doc, Value value) {
    this.key = key;
    this.redisName = redisName;
    this.type = type;
    this.publish = publish;
    this.doc = doc;
    this.whole = value == null ? null : value.whole;
    this.real = value == null ? null : value.real;
    this.text = value == null ? null : value.text;
    boolean matches = switch (type.kind()) {
      case WHOLE -> whole != null;
      case REAL -> real != null;
      case TEXT -> text != null;
      case GIVEN -> value == null;
    };
    if (!matches) {
      throw new IllegalStateException(key + ": a " + type + " field needs a " + type.kind() + " accessor");
    }
  }

  private static Value whole(Whole value) {
    return new Value(value, null, null);
  }

  private static Value real(Real value) {
    return new Value(null, value, null);
  }

  private static Value text(Text value) {
    return new Value(null, null, value);
  }

  /** The field's name: in the Kafka record, and in the Redis hash unless {@link #redisName()} differs. */
  public String key() {
    return key;
  }

  /** The field's name in the Redis hash. */
  public String redisName() {
    return redisName;
  }

  public FieldType type() {
    return type;
  }

  /** True when the Redis profile mapper sets it in the hash (false for the writer's own fields and Kafka's). */
  public boolean mapped() {
    return publish.mapped;
  }

  /** True when the Kafka {@code CustomerProfile} record has it. */
  public boolean kafka() {
    return publish.kafka;
  }

  /** What the field means (Markdown, for docs/redis.md). */
  public String doc() {
    return doc;
  }

  /** The value of a {@link FieldType.Kind#WHOLE} field. */
  public long longValue(String customerId, CustomerState p, Scores s) {
    return whole.of(customerId, p, s);
  }

  /** The value of a {@link FieldType.Kind#REAL} field. */
  public double doubleValue(String customerId, CustomerState p, Scores s) {
    return real.of(customerId, p, s);
  }

  /** The value of a {@link FieldType.Kind#TEXT} field, null when not known. */
  public String textValue(String customerId, CustomerState p, Scores s) {
    return text.of(customerId, p, s);
  }
}
