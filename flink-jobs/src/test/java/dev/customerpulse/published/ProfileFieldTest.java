package dev.customerpulse.published;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The declared profile fields agree with the Kafka schema and keep the Redis contract's names. */
class ProfileFieldTest {
  /** The schema as released in the .avsc file (the generated class's copy carries Java string hints). */
  static Schema customerProfileSchema() throws IOException {
    try (InputStream avsc = ProfileFieldTest.class.getResourceAsStream("/avro/CustomerProfile.avsc")) {
      return new Schema.Parser().parse(avsc);
    }
  }

  /** Where the declared Kafka fields and the record schema part: by position, the name, then the type. */
  static List<String> differences(List<ProfileField> declared, Schema record) {
    List<String> differences = new ArrayList<>();
    List<Schema.Field> fields = record.getFields();
    for (int i = 0; i < Math.max(declared.size(), fields.size()); i++) {
      if (i >= fields.size()) {
        differences.add(i + ": " + declared.get(i).key() + " is declared, not in the schema");
      } else if (i >= declared.size()) {
        differences.add(i + ": " + fields.get(i).name() + " is in the schema, not declared");
      } else if (!declared.get(i).key().equals(fields.get(i).name())) {
        differences.add(i + ": " + declared.get(i).key() + " is declared, " + fields.get(i).name() + " in the schema");
      } else {
        Schema type = new Schema.Parser().parse(declared.get(i).type().avroSchema());
        if (!type.equals(fields.get(i).schema())) {
          differences.add(i + ": " + declared.get(i).key() + " is declared " + type + ", " + fields.get(i).schema()
              + " in the schema");
        }
      }
    }
    return differences;
  }

  @Test
  void theKafkaFieldsAreTheCustomerProfileSchemaFieldByField() throws Exception {
    Schema schema = customerProfileSchema();
    assertThat(schema.getFullName()).isEqualTo("dev.customerpulse.avro.CustomerProfile");
    assertThat(differences(ProfileFields.KAFKA, schema)).isEmpty();
    assertThat(ProfileFields.KAFKA).hasSize(74);
  }

  @Test
  void theComparisonFindsAMovedARetypedAMissingAndAnExtraField() throws Exception {
    Schema schema = customerProfileSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      Schema type = field.name().equals("page_views") ? Schema.create(Schema.Type.INT) : field.schema();
      fields.add(new Schema.Field(field.name(), type, field.doc(), field.defaultVal()));
    }
    Collections.swap(fields, 2, 3);
    fields.remove(fields.size() - 1);
    Schema changed = Schema.createRecord("CustomerProfile", null, "dev.customerpulse.avro", false, fields);

    assertThat(differences(ProfileFields.KAFKA, changed)).containsExactly(
        "2: scored_at is declared, model_version in the schema",
        "3: model_version is declared, scored_at in the schema",
        "8: page_views is declared \"long\", \"int\" in the schema",
        "73: consents is declared, not in the schema");
    List<ProfileField> fewer = ProfileFields.KAFKA.subList(0, 72);
    assertThat(differences(fewer, schema)).containsExactly("72: segments is in the schema, not declared",
        "73: consents is in the schema, not declared");
  }

  @Test
  void theRedisHashHasTheContractsFieldsInTheKafkaOrder() {
    assertThat(ProfileFields.NAMES).containsExactly("customer_id", "scored_at", "model_version", "first_seen",
        "last_seen", "tenure_days", "days_since_last_seen", "page_views", "product_views", "searches", "cart_adds",
        "cart_removes", "checkouts", "orders_placed", "orders", "cancellations", "refunds", "service_calls",
        "spend_minor", "currency", "foreign_currency_orders", "average_order_value_minor", "value_tier", "views_7d",
        "views_30d", "views_90d", "cart_adds_30d", "orders_30d", "orders_90d", "spend_30d_minor", "spend_90d_minor",
        "sessions", "sessions_30d", "avg_session_seconds", "engagement_trend", "funnel_product_views_90d",
        "funnel_cart_adds_90d", "funnel_checkouts_90d", "funnel_orders_90d", "cart_rate_90d", "checkout_rate_90d",
        "purchase_rate_90d", "conversion_rate_90d", "abandoned_carts", "abandoned_carts_30d", "top_categories",
        "recency_days", "frequency", "monetary_minor", "r_score", "f_score", "m_score", "rfm", "service_calls_30d",
        "service_calls_90d", "complaints", "complaints_90d", "unresolved_90d", "avg_satisfaction", "last_nps",
        "nps_class", "p_alive", "expected_purchases", "expected_avg_spend_minor", "clv_minor", "churn_risk",
        "churn_reasons", "email_pseudonym", "phone_pseudonym", "signed_up_at", "lifecycle_stage", "rfm_segment", "consents",
        "consent_decisions");
    // The writer's own fields, under their Redis names, are declared but not mapped.
    assertThat(ProfileField.VERSION.redisName()).isEqualTo("v");
    assertThat(List.of(ProfileField.VERSION, ProfileField.SEGMENTS, ProfileField.SEGMENTS_SYNCED))
        .noneMatch(ProfileField::mapped);
    assertThat(ProfileField.RFM.kafka()).isFalse();
    assertThat(ProfileField.SEGMENTS_SYNCED.kafka()).isFalse();
  }
}
