package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every Customer Pulse setting, with its default and meaning. Read in one place, {@link PulseSettings#from};
 * the configuration table of docs/configuration.md is generated from this class ({@code pulse options}).
 * Each key is also an environment variable, for the CLI and the job's main: {@code pulse.redis.url}
 * is {@code PULSE_REDIS_URL}.
 */
public final class PulseOptions {
  private PulseOptions() {}

  /** Keys under this prefix are passed to every Kafka client unchanged (minus the prefix). */
  public static final String KAFKA_CLIENT_PREFIX = "pulse.kafka.client.";

  public static final ConfigOption<String> CONFIG_DIR = key("pulse.config-dir")
      .stringType().noDefaultValue()
      .withDescription("Directory holding a config.yaml with further settings (the Helm chart mounts its ConfigMap here)."
          + " For the job's main; its settings override the cluster's, and PULSE_* variables and arguments override it.");

  public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = key("pulse.kafka.bootstrap-servers")
      .stringType().noDefaultValue()
      .withDescription("Kafka bootstrap servers, host:port[,host:port...]. Required.");

  public static final ConfigOption<String> KAFKA_CLIENT_PROPERTIES_FILE = key("pulse.kafka.client-properties-file")
      .stringType().noDefaultValue()
      .withDescription("A Kafka client .properties file (security.protocol, sasl.*, ssl.*) applied to every consumer,"
          + " producer and admin client. Single keys can also be given as pulse.kafka.client.<kafka-key>.");

  public static final ConfigOption<String> KAFKA_GROUP_ID = key("pulse.kafka.group-id")
      .stringType().defaultValue("customer-pulse")
      .withDescription("Consumer group of the input sources; offsets are committed to it on every checkpoint.");

  public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS = key("pulse.kafka.starting-offsets")
      .enumType(StartingOffsets.class).defaultValue(StartingOffsets.COMMITTED)
      .withDescription("Where a job without a checkpoint starts reading: COMMITTED (the group's offsets, else the"
          + " earliest), EARLIEST or LATEST. A job restored from a checkpoint resumes from the checkpoint.");

  public static final ConfigOption<String> TOPIC_CLICKS = key("pulse.topics.clicks")
      .stringType().defaultValue("clicks").withDescription("Input topic of ClickEvent records.");

  public static final ConfigOption<String> TOPIC_ORDERS = key("pulse.topics.orders")
      .stringType().defaultValue("orders").withDescription("Input topic of OrderEvent records.");

  public static final ConfigOption<String> TOPIC_SERVICE_CALLS = key("pulse.topics.service-calls")
      .stringType().defaultValue("service-calls").withDescription("Input topic of ServiceCallEvent records.");

  public static final ConfigOption<String> TOPIC_IDENTITIES = key("pulse.topics.identities")
      .stringType().defaultValue("identities")
      .withDescription("Input topic of IdentityEvent records (sign-ups and profile updates, logins that tie a device to a"
          + " customer, customer merges).");

  public static final ConfigOption<String> TOPIC_HANDOFFS = key("pulse.topics.customer-handoffs")
      .stringType().defaultValue("customer-handoffs")
      .withDescription("Internal topic the job writes and reads itself (exactly once): state of merged customers and linked"
          + " visitors on its way to the surviving customer, and events sent to a merged id. Keep it as long as the"
          + " input topics.");

  public static final ConfigOption<String> TOPIC_SEGMENT_RULES = key("pulse.topics.segment-rules")
      .stringType().defaultValue("segment-rules")
      .withDescription("Compacted control topic of SegmentRule records keyed by rule name ('pulse rules' writes it); read"
          + " from the beginning by every job, so rules survive restarts of both.");

  public static final ConfigOption<String> TOPIC_SEGMENT_RULE_STATUS = key("pulse.topics.segment-rule-status")
      .stringType().defaultValue("segment-rule-status")
      .withDescription("Output topic of SegmentRuleStatus records: each rule accepted, shadowed, rejected or removed, with"
          + " counts (exactly once).");

  public static final ConfigOption<String> TOPIC_CLV_QUANTILES = key("pulse.topics.clv-quantiles")
      .stringType().defaultValue("clv-quantiles")
      .withDescription("Internal compacted topic the job writes and reads itself (exactly once): each day's CLV percentiles"
          + " of all buying customers, for percentile value tiers.");

  public static final ConfigOption<String> TOPIC_SEGMENT_CHANGES = key("pulse.topics.segment-changes")
      .stringType().defaultValue("segment-changes").withDescription("Output topic of SegmentChange records (exactly once).");

  public static final ConfigOption<String> TOPIC_CHURN_ALERTS = key("pulse.topics.churn-alerts")
      .stringType().defaultValue("churn-alerts").withDescription("Output topic of ChurnAlert records (exactly once).");

  public static final ConfigOption<String> TOPIC_DATE_TRIGGERS = key("pulse.topics.date-triggers")
      .stringType().defaultValue("date-triggers")
      .withDescription("Output topic of DateTrigger records, birthdays and sign-up anniversaries on the day (exactly once).");

  public static final ConfigOption<String> TOPIC_DEAD_LETTERS = key("pulse.topics.dead-letters")
      .stringType().defaultValue("dead-letters").withDescription("Output topic of DeadLetter records (exactly once).");

  public static final ConfigOption<String> TOPIC_LATE_EVENTS = key("pulse.topics.late-events")
      .stringType().defaultValue("late-events")
      .withDescription("Output topic of events later than pulse.events.allowed-lateness, as DeadLetter records with reason"
          + " LATE_EVENT and the original record (exactly once).");

  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("pulse.kafka.transactional-id-prefix")
      .stringType().defaultValue("customer-pulse")
      .withDescription("Prefix of the exactly-once sinks' transactional ids. Must be unique per job on the Kafka"
          + " cluster: two jobs sharing it fence each other.");

  public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = key("pulse.kafka.transaction-timeout")
      .durationType().defaultValue(Duration.ofMinutes(10))
      .withDescription("Kafka transaction timeout of the exactly-once sinks. Must be below the broker's"
          + " transaction.max.timeout.ms (15 min by default) and above the longest checkpoint plus restart.");

  public static final ConfigOption<String> REGISTRY_URL = key("pulse.registry.url")
      .stringType().noDefaultValue()
      .withDescription("Base URL of the Confluent-compatible schema registry. Required.");

  public static final ConfigOption<String> REGISTRY_USERNAME = key("pulse.registry.username")
      .stringType().noDefaultValue().withDescription("Schema registry basic-auth user.");

  public static final ConfigOption<String> REGISTRY_PASSWORD = key("pulse.registry.password")
      .stringType().noDefaultValue().withDescription("Schema registry basic-auth password.");

  public static final ConfigOption<String> REGISTRY_TRUSTSTORE = key("pulse.registry.truststore")
      .stringType().noDefaultValue()
      .withDescription("Trust store (.jks or .p12) for a registry behind TLS with a private CA.");

  public static final ConfigOption<String> REGISTRY_TRUSTSTORE_PASSWORD = key("pulse.registry.truststore-password")
      .stringType().noDefaultValue().withDescription("Password of the registry trust store.");

  public static final ConfigOption<Boolean> REGISTRY_AUTO_REGISTER = key("pulse.registry.auto-register")
      .booleanType().defaultValue(true)
      .withDescription("Whether the job may register its output schemas. Off: they must be registered first"
          + " ('pulse schemas register').");

  public static final ConfigOption<String> REDIS_URL = key("pulse.redis.url")
      .stringType().noDefaultValue()
      .withDescription("Redis to serve profiles from: redis://[user:password@]host:port[/db], rediss:// for TLS. For a Redis"
          + " Cluster (pulse.redis.cluster) one or more seed nodes: redis://host1:port1,host2:port2. Required.");

  public static final ConfigOption<Boolean> REDIS_CLUSTER = key("pulse.redis.cluster")
      .booleanType().defaultValue(false)
      .withDescription("Whether pulse.redis.url names nodes of a Redis Cluster. Each key then goes to its slot's node;"
          + " a customer's keys share a slot through the hash tag in their names (see the Redis key contract).");

  public static final ConfigOption<String> REDIS_USERNAME = key("pulse.redis.username")
      .stringType().noDefaultValue().withDescription("Redis ACL user; overrides the one in pulse.redis.url.");

  public static final ConfigOption<String> REDIS_PASSWORD = key("pulse.redis.password")
      .stringType().noDefaultValue()
      .withDescription("Redis password; overrides the one in pulse.redis.url. Give it as PULSE_REDIS_PASSWORD (e.g. from a"
          + " Kubernetes Secret) to keep it out of configuration files.");

  public static final ConfigOption<String> REDIS_KEY_PREFIX = key("pulse.redis.key-prefix")
      .stringType().defaultValue("cp").withDescription("First part of every Redis key (see the Redis key contract).");

  public static final ConfigOption<Integer> REDIS_BATCH_SIZE = key("pulse.redis.batch-size")
      .intType().defaultValue(2_000)
      .withDescription("Distinct customers buffered per Redis writer before a pipelined flush.");

  public static final ConfigOption<Duration> REDIS_LINGER = key("pulse.redis.linger")
      .durationType().defaultValue(Duration.ofMillis(100))
      .withDescription("Longest time a profile update waits before it is flushed to Redis. Longer coalesces more"
          + " updates of busy customers into one write; shorter is fresher.");

  public static final ConfigOption<Integer> REDIS_MAX_ATTEMPTS = key("pulse.redis.max-attempts")
      .intType().defaultValue(5)
      .withDescription("Tries of one Redis batch on connection errors before the task fails and restarts.");

  public static final ConfigOption<Integer> REDIS_REMEMBERED_PROFILES = key("pulse.redis.remembered-profiles")
      .intType().defaultValue(50_000)
      .withDescription("Profiles each Redis writer remembers, so that the next write of the same customer sends only the"
          + " fields that changed (checked against the version in Redis). 0 writes every profile in full.");

  public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = key("pulse.events.max-out-of-orderness")
      .durationType().defaultValue(Duration.ofSeconds(10))
      .withDescription("How far behind the newest event time an event may arrive and still be on time.");

  public static final ConfigOption<Duration> ALLOWED_LATENESS = key("pulse.events.allowed-lateness")
      .durationType().defaultValue(Duration.ofDays(7))
      .withDescription("How far behind its input's watermark an event may be and still count (in its own day's bucket)."
          + " Later events are not applied: they go to the late-events topic.");

  public static final ConfigOption<Duration> SOURCE_IDLENESS = key("pulse.events.source-idleness")
      .durationType().defaultValue(Duration.ofSeconds(30))
      .withDescription("A Kafka partition without events for this long stops holding back event time.");

  public static final ConfigOption<Integer> VALIDATION_MAX_TEXT_LENGTH = key("pulse.validation.max-text-length")
      .intType().defaultValue(128)
      .withDescription("Longest id, category or other text field of an input event, in characters; longer ones are dead"
          + " letters (FIELD_TOO_LONG).");

  public static final ConfigOption<Long> VALIDATION_MAX_AMOUNT = key("pulse.validation.max-amount-minor")
      .longType().defaultValue(10_000_000_000L)
      .withDescription("Largest order amount, line price or shown price in minor units; negative or larger amounts are dead"
          + " letters (INVALID_AMOUNT).");

  public static final ConfigOption<Duration> VALIDATION_MAX_FUTURE = key("pulse.validation.max-future")
      .durationType().defaultValue(Duration.ofDays(1))
      .withDescription("How far ahead of the job's clock an event time may be (EVENT_TIME_IN_FUTURE beyond). A generator"
          + " that runs customer time faster than the clock needs more.");

  public static final ConfigOption<String> VALIDATION_EARLIEST = key("pulse.validation.earliest-event-time")
      .stringType().defaultValue("1990-01-01T00:00:00Z")
      .withDescription("Event times before this ISO-8601 instant are dead letters (EVENT_TIME_TOO_OLD).");

  public static final ConfigOption<Integer> VALIDATION_MAX_ORDER_LINES = key("pulse.validation.max-order-lines")
      .intType().defaultValue(1_000)
      .withDescription("Most lines an order event may carry (INVALID_VALUE beyond).");

  public static final ConfigOption<Duration> DEDUP_HORIZON = key("pulse.dedup.horizon")
      .durationType().defaultValue(Duration.ofDays(7))
      .withDescription("How long each event id is remembered (processing time, per customer, RocksDB state with TTL) so that"
          + " a producer retry or a replay of the same event is counted once. 0 turns de-duplication off.");

  public static final ConfigOption<Integer> STATE_CACHE_CUSTOMERS = key("pulse.state.cache-customers")
      .intType().defaultValue(10_000)
      .withDescription("Customer states each instance of the profile operator keeps on the heap, written back to RocksDB"
          + " when evicted (least recently used) and before every checkpoint: a customer with several events between"
          + " checkpoints is then read and written once. Heap cost: about 1 to 6 KB per customer (more with more days"
          + " of history). 0 reads and writes RocksDB on every event.");

  public static final ConfigOption<Integer> MAX_CUSTOMERS_PER_ANONYMOUS_ID = key("pulse.identity.max-customers-per-anonymous-id")
      .intType().defaultValue(3)
      .withDescription("Guardrail of identity stitching: an anonymous or device id that logs in as more customers than this"
          + " is taken for a shared device; from then on its activity stays anonymous (the decision is logged and"
          + " counted in identityLinksRefused).");

  public static final ConfigOption<String> PSEUDONYMISATION_SECRET = key("pulse.privacy.pseudonymisation-secret")
      .stringType().noDefaultValue()
      .withDescription("Secret key (at least 16 bytes) of the keyed hash that replaces emails and phone numbers as they are"
          + " read. Required. Give it as PULSE_PRIVACY_PSEUDONYMISATION_SECRET from a Kubernetes Secret; it is never"
          + " logged. Changing it changes every pseudonym.");

  public static final ConfigOption<String> DEFAULT_PHONE_REGION = key("pulse.privacy.default-phone-region")
      .stringType().noDefaultValue()
      .withDescription("ISO 3166-1 country (e.g. DE) of phone numbers written without a country code when the event names"
          + " no country. Unset: such numbers are dead letters (INVALID_CONTACT).");

  public static final ConfigOption<Duration> ANONYMOUS_RETENTION = key("pulse.identity.anonymous-retention")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("State of an anonymous visitor is dropped after this much event time without activity.");

  /** How buying customers are placed in value tiers. */
  public enum TierBasis {
    SPEND, CLV_PERCENTILE;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public static final ConfigOption<TierBasis> TIER_BASIS = key("pulse.tiers.basis")
      .enumType(TierBasis.class).defaultValue(TierBasis.SPEND)
      .withDescription("spend: value tiers by net spend (pulse.tiers.*-spend-minor). clv-percentile: by lifetime value"
          + " against the CLV percentiles of all buying customers (pulse.tiers.*-percentile), from a quantile sketch the job"
          + " keeps and reads back through the clv-quantiles topic; until the first day's percentiles exist, spend.");

  public static final ConfigOption<Long> TIER_HIGH_SPEND = key("pulse.tiers.high-spend-minor")
      .longType().defaultValue(50_000L)
      .withDescription("Net spend (minor units) from which a customer is in tier 'high' (basis spend). Below it, a buyer"
          + " whose net spend plus expected lifetime value reaches it is 'potential'.");

  public static final ConfigOption<Long> TIER_VIP_SPEND = key("pulse.tiers.vip-spend-minor")
      .longType().defaultValue(200_000L)
      .withDescription("Net spend (minor units) from which a customer is in tier 'vip' (basis spend).");

  public static final ConfigOption<Double> TIER_POTENTIAL_PERCENTILE = key("pulse.tiers.potential-percentile")
      .doubleType().defaultValue(50.0)
      .withDescription("CLV percentile from which a buyer is in tier 'potential' (basis clv-percentile).");

  public static final ConfigOption<Double> TIER_HIGH_PERCENTILE = key("pulse.tiers.high-percentile")
      .doubleType().defaultValue(80.0)
      .withDescription("CLV percentile from which a buyer is in tier 'high' (basis clv-percentile): 80 is the top 20 %.");

  public static final ConfigOption<Double> TIER_VIP_PERCENTILE = key("pulse.tiers.vip-percentile")
      .doubleType().defaultValue(95.0)
      .withDescription("CLV percentile from which a buyer is in tier 'vip' (basis clv-percentile): 95 is the top 5 %.");

  public static final ConfigOption<Integer> TIER_MIN_POPULATION = key("pulse.tiers.min-population")
      .intType().defaultValue(100)
      .withDescription("Fewest buying customers in a day's sketch for its percentiles to be used (basis clv-percentile).");

  public static final ConfigOption<Duration> LIFECYCLE_NEW_PERIOD = key("pulse.lifecycle.new-period")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("A customer is in lifecycle stage new for this long after first seen (while active).");

  public static final ConfigOption<Duration> LIFECYCLE_AT_RISK_AFTER = key("pulse.lifecycle.at-risk-after")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("Event time without any activity after which a customer is at_risk.");

  public static final ConfigOption<Duration> LIFECYCLE_DORMANT_AFTER = key("pulse.lifecycle.dormant-after")
      .durationType().defaultValue(Duration.ofDays(90))
      .withDescription("Event time without any activity after which a customer is dormant.");

  public static final ConfigOption<Duration> LIFECYCLE_CHURNED_AFTER = key("pulse.lifecycle.churned-after")
      .durationType().defaultValue(Duration.ofDays(180))
      .withDescription("Event time without any activity after which a customer is churned.");

  public static final ConfigOption<Duration> LIFECYCLE_WON_BACK_PERIOD = key("pulse.lifecycle.won-back-period")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("A dormant or churned customer who comes back is in stage won_back for this long, then active.");

  public static final ConfigOption<Double> ALERT_CHURN_RAISE_AT = key("pulse.alerts.churn-raise-at")
      .doubleType().defaultValue(0.7)
      .withDescription("A churn alert fires when a customer's churn risk reaches this (and none is active, and the cooldown"
          + " has passed).");

  public static final ConfigOption<Double> ALERT_CHURN_CLEAR_BELOW = key("pulse.alerts.churn-clear-below")
      .doubleType().defaultValue(0.5)
      .withDescription("An active churn alert ends when the risk falls below this; until then no new alert fires"
          + " (hysteresis: a risk hovering around the threshold does not flap).");

  public static final ConfigOption<Duration> ALERT_CHURN_COOLDOWN = key("pulse.alerts.churn-cooldown")
      .durationType().defaultValue(Duration.ofDays(7))
      .withDescription("Least event time between two churn alerts of one customer.");

  public static final ConfigOption<Long> ALERT_STREAM_MAX_LENGTH = key("pulse.alerts.redis-stream-max-length")
      .longType().defaultValue(100_000L)
      .withDescription("About how many churn alerts the Redis stream keeps (older ones are trimmed).");

  public static final ConfigOption<String> TOPIC_CUSTOMER_PROFILES = key("pulse.topics.customer-profiles")
      .stringType().defaultValue("customer-profiles")
      .withDescription("Output topic of CustomerProfile snapshots (exactly once, keyed by customer; compact it). A customer's"
          + " latest profile is published at most once per checkpoint; a deleted customer gets a tombstone.");

  public static final ConfigOption<Duration> SESSION_GAP = key("pulse.features.session-gap")
      .durationType().defaultValue(Duration.ofMinutes(30))
      .withDescription("Clicks further apart than this start a new browsing session.");

  public static final ConfigOption<Duration> CART_ABANDONMENT = key("pulse.features.cart-abandonment")
      .durationType().defaultValue(Duration.ofHours(24))
      .withDescription("Cart activity without an order for this long counts as an abandoned cart.");

  public static final ConfigOption<Duration> CATEGORY_HALF_LIFE = key("pulse.features.category-half-life")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("Half-life of a customer's interest in a category (views weigh 1, cart adds 3, purchases 5).");

  public static final ConfigOption<String> RFM_RECENCY = key("pulse.rfm.recency-days")
      .stringType().defaultValue("7,30,90,180")
      .withDescription("Four ascending day thresholds for the R score: a last purchase at most 7 days ago scores 5,"
          + " more than 180 days ago 1.");

  public static final ConfigOption<String> RFM_FREQUENCY = key("pulse.rfm.frequency")
      .stringType().defaultValue("2,3,5,9")
      .withDescription("Four ascending thresholds for the F score over distinct purchase days: below 2 scores 1, 9 or more 5.");

  public static final ConfigOption<String> RFM_MONETARY = key("pulse.rfm.monetary-minor")
      .stringType().defaultValue("5000,15000,40000,100000")
      .withDescription("Four ascending thresholds for the M score over net spend in minor units.");

  public static final ConfigOption<String> CLV_BGNBD = key("pulse.clv.bgnbd")
      .stringType().defaultValue("0.243,4.414,0.793,2.426")
      .withDescription("BG/NBD parameters r,alpha,a,b in pulse.clv.time-unit (default: the published CDNOW fit, weekly);"
          + " fit your own with 'pulse fit'.");

  public static final ConfigOption<String> CLV_GAMMA_GAMMA = key("pulse.clv.gamma-gamma")
      .stringType().defaultValue("6.25,3.74,15.44")
      .withDescription("Gamma-Gamma parameters p,q,v in currency units of pulse.clv.money-unit-minor (default: CDNOW, dollars).");

  public static final ConfigOption<Duration> CLV_TIME_UNIT = key("pulse.clv.time-unit")
      .durationType().defaultValue(Duration.ofDays(7))
      .withDescription("Time unit the BG/NBD parameters were fitted in.");

  public static final ConfigOption<Duration> CLV_HORIZON = key("pulse.clv.horizon")
      .durationType().defaultValue(Duration.ofDays(365))
      .withDescription("How far ahead expected purchases and CLV look.");

  public static final ConfigOption<Double> CLV_DISCOUNT = key("pulse.clv.annual-discount-rate")
      .doubleType().defaultValue(0.0)
      .withDescription("Yearly discount rate applied to future purchases month by month (0: undiscounted CLV).");

  public static final ConfigOption<Long> CLV_MONEY_UNIT = key("pulse.clv.money-unit-minor")
      .longType().defaultValue(100L)
      .withDescription("Minor units per currency unit of the Gamma-Gamma parameters (100: fitted in major units).");

  public static final ConfigOption<Double> CHURN_INTERCEPT = key("pulse.churn.intercept")
      .doubleType().defaultValue(-3.0)
      .withDescription("Intercept of the logistic churn model.");

  public static final ConfigOption<Duration> CHURN_QUIET_HORIZON = key("pulse.churn.quiet-horizon")
      .durationType().defaultValue(Duration.ofDays(90))
      .withDescription("Horizon of the churn feature quiet: the BG/NBD probability of no purchase within it.");

  public static final ConfigOption<String> CHURN_WEIGHTS = key("pulse.churn.weights")
      .stringType().defaultValue("quiet:4.0,inactivity:1.0,p_dead:0.25,engagement_drop:0.5,complaints:1.0,unresolved:1.0,"
          + "low_satisfaction:1.0,detractor:0.8,abandoned_carts:0.5,refund_rate:0.8")
      .withDescription("Weights of the churn model's features (feature:weight, comma-separated; features left out weigh 0)."
          + " The features are described in docs/features.md.");

  public static final ConfigOption<Duration> RESCORE_INTERVAL = key("pulse.scoring.rescore-interval")
      .durationType().defaultValue(Duration.ofDays(1))
      .withDescription("A silent customer is rescored this often in event time, so recency, P(alive) and churn risk move on.");

  public static final ConfigOption<Duration> CUSTOMER_RETENTION = key("pulse.retention.inactive-customer")
      .durationType().defaultValue(Duration.ofDays(730))
      .withDescription("A customer silent this long (event time) is forgotten: state, timer and Redis profile are deleted.");

  /** All options of this class, in declaration order. */
  public static List<ConfigOption<?>> all() {
    List<ConfigOption<?>> options = new ArrayList<>();
    for (Field field : PulseOptions.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
        try {
          options.add((ConfigOption<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return options;
  }

  /**
   * Sets every option whose environment variable is set and not blank, so that secrets can come from
   * the environment (a Kubernetes Secret) rather than a file.
   */
  public static void applyEnvironment(java.util.Map<String, String> environment, org.apache.flink.configuration.Configuration conf) {
    for (ConfigOption<?> option : all()) {
      String value = environment.get(environmentVariable(option));
      if (value != null && !value.isBlank()) {
        conf.setString(option.key(), value);
      }
    }
  }

  /** The environment variable that sets an option (in the CLI and the job's main). */
  public static String environmentVariable(ConfigOption<?> option) {
    return option.key().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
