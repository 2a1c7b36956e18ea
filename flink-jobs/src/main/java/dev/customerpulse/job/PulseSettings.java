package dev.customerpulse.job;

import static dev.customerpulse.job.PulseOptions.*;

import dev.customerpulse.privacy.PhoneNumbers;
import dev.customerpulse.segments.ChurnAlertPolicy;
import dev.customerpulse.segments.LifecyclePolicy;
import dev.customerpulse.privacy.PrivacyPolicy;
import dev.customerpulse.privacy.PrivacySettings;
import dev.customerpulse.privacy.Pseudonymizer;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.redis.RedisKeys;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.connectors.redis.RedisSinkOptions;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.features.FeatureSettings;
import dev.customerpulse.ingest.DeadLetterSettings;
import dev.customerpulse.ingest.EventLimits;
import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.scoring.ChurnModel;
import dev.customerpulse.scoring.ClvModel;
import dev.customerpulse.scoring.ClvSettings;
import dev.customerpulse.scoring.ProfileScorer;
import dev.customerpulse.scoring.RfmSettings;
import dev.customerpulse.segments.ValueTierPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/** The job's settings, read and checked once from a Flink {@link Configuration}. */
public record PulseSettings(
    KafkaSettings kafka,
    String groupId,
    StartingOffsets startingOffsets,
    Topics topics,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    RegistrySettings registry,
    RedisSettings redis,
    RedisKeys redisKeys,
    RedisSinkOptions redisSink,
    Duration redisRefillCheckInterval,
    EventLimits limits,
    PrivacySettings privacy,
    long alertStreamMaxLength,
    JobLogic logic)
    implements Serializable {

  /** Everything the operators need that is not I/O. */
  public record JobLogic(Duration maxOutOfOrderness, Duration sourceIdleness, Duration allowedLateness, ProfileLogic profile,
      long minPercentilePopulation, int stateCacheCustomers, Duration snapshotDelay, DeadLetterSettings deadLetters,
      long injectExceptionEvery, String crashFile)
      implements Serializable {

    public static JobLogic from(Configuration conf) {
      FeatureSettings features = new FeatureSettings(positive(conf, SESSION_GAP, false), positive(conf, CART_ABANDONMENT, false),
          positive(conf, CATEGORY_HALF_LIFE, false));
      ProfileScorer scorer = new ProfileScorer(rfm(conf), new ClvModel(clv(conf)), churn(conf));
      ProfileLogic profile = new ProfileLogic(tierPolicy(conf), features, scorer,
          positive(conf, RESCORE_INTERVAL, false), positive(conf, CUSTOMER_RETENTION, false),
          positive(conf, ANONYMOUS_RETENTION, false), positive(conf, DEDUP_HORIZON, true),
          atLeastOne(conf, MAX_CUSTOMERS_PER_ANONYMOUS_ID), conf.get(TOPIC_HANDOFFS), lifecycle(conf), alerts(conf),
          PrivacySettingsReader.privacyPolicy(conf)).withHistory(HistorySettingsReader.history(conf));
      return new JobLogic(positive(conf, MAX_OUT_OF_ORDERNESS, true), positive(conf, SOURCE_IDLENESS, false),
          positive(conf, ALLOWED_LATENESS, true), profile, atLeastOne(conf, TIER_MIN_POPULATION),
          atLeastZero(conf, STATE_CACHE_CUSTOMERS), positive(conf, SNAPSHOT_DELAY, true), DeadLetterSettingsReader.deadLetters(conf),
          DeadLetterSettingsReader.injectExceptionEvery(conf), DeadLetterSettingsReader.crashFile(conf));
    }
  }

  /** The topic names from the configuration. */
  public static Topics topics(Configuration conf) {
    return new Topics(conf.get(TOPIC_CLICKS), conf.get(TOPIC_ORDERS), conf.get(TOPIC_SERVICE_CALLS), conf.get(TOPIC_IDENTITIES),
        conf.get(TOPIC_SEGMENT_CHANGES), conf.get(TOPIC_CHURN_ALERTS), conf.get(TOPIC_DATE_TRIGGERS), conf.get(TOPIC_DEAD_LETTERS), conf.get(TOPIC_LATE_EVENTS), conf.get(TOPIC_CUSTOMER_PROFILES),
        conf.get(TOPIC_HANDOFFS), conf.get(TOPIC_SEGMENT_RULES), conf.get(TOPIC_SEGMENT_RULE_STATUS),
        conf.get(TOPIC_CLV_QUANTILES), conf.get(TOPIC_PRIVACY_REQUESTS), conf.get(TOPIC_PRIVACY_RECEIPTS));
  }

  /** The topics' retention and compaction, or a one-line {@link ConfigException} when a copy could outlive a receipt's deadline. */
  public static TopicDeadlines topicDeadlines(Configuration conf) {
    TopicDeadlines deadlines = new TopicDeadlines(positive(conf, TOPIC_RETENTION, false), positive(conf, TOPIC_SEGMENT_ROLL, false),
        positive(conf, TOPIC_MAX_COMPACTION_LAG, false), positive(conf, TOPIC_TOMBSTONE_RETENTION, true));
    deadlines.check(positive(conf, COPIES_GONE_WITHIN, false), positive(conf, ERASURE_MARKER_RETENTION, false));
    return deadlines;
  }

  static ChurnAlertPolicy alerts(Configuration conf) {
    try {
      return new ChurnAlertPolicy(conf.get(ALERT_CHURN_RAISE_AT), conf.get(ALERT_CHURN_CLEAR_BELOW),
          positive(conf, ALERT_CHURN_COOLDOWN, true));
    } catch (IllegalArgumentException e) {
      throw e instanceof ConfigException ? e : new ConfigException("pulse.alerts: " + e.getMessage(), e);
    }
  }

  static LifecyclePolicy lifecycle(Configuration conf) {
    try {
      return new LifecyclePolicy(positive(conf, LIFECYCLE_NEW_PERIOD, false), positive(conf, LIFECYCLE_AT_RISK_AFTER, false),
          positive(conf, LIFECYCLE_DORMANT_AFTER, false), positive(conf, LIFECYCLE_CHURNED_AFTER, false),
          positive(conf, LIFECYCLE_WON_BACK_PERIOD, false));
    } catch (IllegalArgumentException e) {
      throw e instanceof ConfigException ? e : new ConfigException("pulse.lifecycle: " + e.getMessage(), e);
    }
  }

  static RfmSettings rfm(Configuration conf) {
    try {
      return new RfmSettings(list(conf, RFM_RECENCY, "whole numbers"), list(conf, RFM_FREQUENCY, "whole numbers"),
          list(conf, RFM_MONETARY, "whole numbers"));
    } catch (IllegalArgumentException e) {
      throw e instanceof ConfigException ? e : new ConfigException("pulse.rfm: " + e.getMessage(), e);
    }
  }

  static ClvSettings clv(Configuration conf) {
    return ScoringSettingsReader.clv(conf);
  }

  static ChurnModel churn(Configuration conf) {
    return ScoringSettingsReader.churn(conf);
  }

  /**
   * A list setting: Flink's {@code a;b;c} (in YAML also {@code [a, b, c]}), or {@code a,b,c} as these
   * settings were written before they were lists; their elements are numbers, which hold no commas.
   */
  static <T> List<T> list(Configuration conf, ConfigOption<List<T>> option, String elements) {
    try {
      return conf.get(option);
    } catch (IllegalArgumentException e) {
      String text = text(conf, option);
      if (text.contains(",") && !text.contains(";") && !text.strip().startsWith("[")) {
        Configuration semicolons = new Configuration();
        semicolons.setString(option.key(), text.replace(',', ';'));
        try {
          return semicolons.get(option);
        } catch (IllegalArgumentException notEither) {
          // reported below, with the value as given
        }
      }
      throw new ConfigException(option.key() + ": '" + text + "' is not a list of " + elements + " separated by ';' (or ','),"
          + " like " + joined(option.defaultValue()), e);
    }
  }

  /** A list of exactly as many numbers as {@code names} names, e.g. r;alpha;a;b. */
  static List<Double> numbers(Configuration conf, ConfigOption<List<Double>> option, String names) {
    List<Double> values = list(conf, option, "numbers");
    int count = names.split(";").length;
    if (values.size() != count) {
      throw new ConfigException(option.key() + " needs " + count + " numbers " + names + ", got " + values.size() + ": '"
          + text(conf, option) + "'");
    }
    return values;
  }

  /** The value of a setting as it was written. */
  static String text(Configuration conf, ConfigOption<?> option) {
    String text = conf.get(ConfigOptions.key(option.key()).stringType().noDefaultValue());
    return text == null ? "" : text;
  }

  private static String joined(List<?> values) {
    return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(";"));
  }

  public static PulseSettings from(Configuration conf) {
    UnknownSettings.check(conf);
    Duration transactionTimeout = positive(conf, TRANSACTION_TIMEOUT, false);
    if (transactionTimeout.compareTo(Duration.ofMinutes(15)) > 0) {
      throw new ConfigException(TRANSACTION_TIMEOUT.key() + " is " + transactionTimeout.toMinutes()
          + " min; Kafka brokers refuse more than transaction.max.timeout.ms (15 min by default), keep it below");
    }
    topicDeadlines(conf);
    KafkaSettings kafka = kafka(conf);
    JobLogic logic = JobLogic.from(conf);
    DeadLetterSettingsReader.checkFitsProducer(logic.deadLetters().limits(), kafka.clientProperties(Map.of()));
    PulseSettings settings = new PulseSettings(
        kafka,
        conf.get(KAFKA_GROUP_ID),
        conf.get(KAFKA_STARTING_OFFSETS),
        topics(conf),
        conf.get(TRANSACTIONAL_ID_PREFIX),
        transactionTimeout,
        registry(conf),
        redis(conf),
        redisKeys(conf),
        redisSink(conf),
        positive(conf, REDIS_REFILL_CHECK_INTERVAL, true),
        limits(conf),
        PrivacySettingsReader.privacy(conf),
        atLeastOneLong(conf, ALERT_STREAM_MAX_LENGTH),
        logic);
    RegistrySettingsReader.checkAgainstTransactions(settings.registry(), transactionTimeout);
    return settings;
  }

  static EventLimits limits(Configuration conf) {
    java.time.Instant earliest;
    try {
      earliest = java.time.Instant.parse(conf.get(VALIDATION_EARLIEST));
    } catch (java.time.format.DateTimeParseException e) {
      throw new ConfigException(VALIDATION_EARLIEST.key() + ": '" + conf.get(VALIDATION_EARLIEST)
          + "' is not an ISO-8601 instant like 1990-01-01T00:00:00Z");
    }
    try {
      return new EventLimits(conf.get(VALIDATION_MAX_TEXT_LENGTH), conf.get(VALIDATION_MAX_AMOUNT),
          conf.get(VALIDATION_MAX_FUTURE), earliest, conf.get(VALIDATION_MAX_ORDER_LINES));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("pulse.validation: " + e.getMessage(), e);
    }
  }

  private static long atLeastOneLong(Configuration conf, ConfigOption<Long> option) {
    long value = conf.get(option);
    if (value < 1) {
      throw new ConfigException(option.key() + " must be at least 1, got " + value);
    }
    return value;
  }

  private static int atLeastZero(Configuration conf, ConfigOption<Integer> option) {
    int value = conf.get(option);
    if (value < 0) {
      throw new ConfigException(option.key() + " must be 0 or more, got " + value);
    }
    return value;
  }

  private static int atLeastOne(Configuration conf, ConfigOption<Integer> option) {
    int value = conf.get(option);
    if (value < 1) {
      throw new ConfigException(option.key() + " must be at least 1, got " + value);
    }
    return value;
  }

  /**
   * Kafka from pulse.kafka.bootstrap-servers and the client properties, or a one-line {@link ConfigException}.
   * The job and every pulse command read Kafka, the registry and Redis through these methods.
   */
  public static KafkaSettings kafka(Configuration conf) {
    return new KafkaSettings(required(conf, KAFKA_BOOTSTRAP_SERVERS), kafkaClientPropertiesOf(conf));
  }

  /** The schema registry from pulse.registry.*, or a one-line {@link ConfigException}. */
  public static RegistrySettings registry(Configuration conf) {
    return RegistrySettingsReader.registry(conf);
  }

  /** Redis from pulse.redis.url, its credentials and pulse.redis.cluster, or a one-line {@link ConfigException}. */
  public static RedisSettings redis(Configuration conf) {
    try {
      return RedisSettings.parse(required(conf, REDIS_URL)).withCredentials(conf.get(REDIS_USERNAME), conf.get(REDIS_PASSWORD))
          .withCluster(conf.get(REDIS_CLUSTER)).withTrustStore(conf.get(REDIS_TRUSTSTORE), conf.get(REDIS_TRUSTSTORE_PASSWORD));
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(REDIS_URL.key() + ": " + e.getMessage(), e);
    }
  }

  /** The Redis key names under pulse.redis.key-prefix, or a one-line {@link ConfigException}. */
  public static RedisKeys redisKeys(Configuration conf) {
    try {
      return new RedisKeys(conf.get(REDIS_KEY_PREFIX));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(REDIS_KEY_PREFIX.key() + ": " + e.getMessage(), e);
    }
  }

  private static RedisSinkOptions redisSink(Configuration conf) {
    try {
      return new RedisSinkOptions(conf.get(REDIS_BATCH_SIZE), conf.get(REDIS_LINGER).toMillis(), positive(conf, REDIS_OUTAGE_TOLERANCE, true),
          conf.get(REDIS_REMEMBERED_PROFILES));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Redis sink: " + e.getMessage(), e);
    }
  }

  private static ValueTierPolicy tierPolicy(Configuration conf) {
    ValueTierPolicy.Basis basis = conf.get(TIER_BASIS) == TierBasis.CLV_PERCENTILE ? ValueTierPolicy.Basis.CLV_PERCENTILE
        : ValueTierPolicy.Basis.SPEND;
    if (basis == ValueTierPolicy.Basis.CLV_PERCENTILE && conf.get(RESCORE_INTERVAL).compareTo(Duration.ofDays(1)) > 0) {
      // Each buying customer's CLV goes into the population sketch once a day, at their timer.
      throw new ConfigException(TIER_BASIS.key() + ": clv-percentile needs " + RESCORE_INTERVAL.key()
          + " of at most 1 d, got " + org.apache.flink.util.TimeUtils.formatWithHighestUnit(conf.get(RESCORE_INTERVAL)));
    }
    try {
      return new ValueTierPolicy(basis, conf.get(TIER_HIGH_SPEND), conf.get(TIER_VIP_SPEND), conf.get(TIER_POTENTIAL_PERCENTILE),
          conf.get(TIER_HIGH_PERCENTILE), conf.get(TIER_VIP_PERCENTILE));
    } catch (IllegalArgumentException e) {
      String keys = e.getMessage().startsWith("tier percentiles")
          ? TIER_POTENTIAL_PERCENTILE.key() + "/" + TIER_HIGH_PERCENTILE.key() + "/" + TIER_VIP_PERCENTILE.key()
          : TIER_HIGH_SPEND.key() + "/" + TIER_VIP_SPEND.key();
      throw new ConfigException(keys + ": " + e.getMessage(), e);
    }
  }

  /** The Kafka client properties: the file, then the typed security settings, then pulse.kafka.client.* keys. */
  private static Map<String, String> kafkaClientPropertiesOf(Configuration conf) {
    Map<String, String> props = new HashMap<>();
    String file = conf.get(KAFKA_CLIENT_PROPERTIES_FILE);
    if (file != null) {
      Properties loaded = new Properties();
      try (InputStream in = Files.newInputStream(Path.of(file))) {
        loaded.load(in);
      } catch (IOException e) {
        throw new ConfigException(KAFKA_CLIENT_PROPERTIES_FILE.key() + ": cannot read " + file + " (" + e.getMessage() + ")", e);
      }
      loaded.forEach((k, v) -> props.put(k.toString(), v.toString()));
    }
    props.putAll(KafkaSecurity.clientProperties(conf));
    conf.toMap().forEach((k, v) -> {
      if (k.startsWith(KAFKA_CLIENT_PREFIX)) {
        props.put(k.substring(KAFKA_CLIENT_PREFIX.length()), v);
      }
    });
    return props;
  }

  static String required(Configuration conf, ConfigOption<String> option) {
    String value = conf.get(option);
    if (value == null || value.isBlank()) {
      throw new ConfigException(option.key() + " is required (set it with -D" + option.key() + "=... or "
          + environmentVariable(option) + ")");
    }
    return value.trim();
  }

  static Duration positive(Configuration conf, ConfigOption<Duration> option, boolean zeroAllowed) {
    Duration value;
    try {
      value = conf.get(option);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(option.key() + ": " + e.getMessage() + " (durations look like 500 ms, 10 s, 5 min, 30 d)", e);
    }
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new ConfigException(option.key() + " must be " + (zeroAllowed ? "zero or more" : "more than zero") + ", got " + value);
    }
    return value;
  }
}
