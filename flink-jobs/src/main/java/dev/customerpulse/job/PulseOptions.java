package dev.customerpulse.job;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Every Customer Pulse setting, with its default and meaning, declared by section ({@link #SECTIONS}).
 * Read in one place, {@link PulseSettings}, by the job and the CLI alike; the configuration table of
 * docs/configuration.md is generated from the sections ({@code pulse options}, {@link OptionsTable}).
 * Each key is also an environment variable, for the CLI and the job's main: {@code pulse.redis.url}
 * is {@code PULSE_REDIS_URL}.
 *
 * <p>The sections are interfaces so that every option is also {@code PulseOptions.NAME}.
 */
public interface PulseOptions
    extends KafkaOptions, RegistryOptions, RedisOptions, TopicOptions, TopicRetentionOptions, EventOptions, IdentityOptions, PrivacyOptions, ScoringOptions,
        SegmentOptions, HistoryOptions, JobOptions, DeadLetterOptions, TestFaultOptions {

  /** A part of the configuration: a title and the interface that declares its options. */
  record Section(String title, Class<?> declaredIn) {
    /** The options of this section, ordered by key. */
    public List<ConfigOption<?>> options() {
      List<ConfigOption<?>> options = new ArrayList<>();
      for (Field field : declaredIn.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
          try {
            options.add((ConfigOption<?>) field.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
      options.sort(Comparator.comparing(ConfigOption::key));
      return options;
    }
  }

  /** Every section, in the order of the configuration table. */
  List<Section> SECTIONS = List.of(
      new Section("Kafka", KafkaOptions.class),
      new Section("Schema registry", RegistryOptions.class),
      new Section("Redis", RedisOptions.class),
      new Section("Topics", TopicOptions.class),
      new Section("Topic retention and compaction", TopicRetentionOptions.class),
      new Section("Events and validation", EventOptions.class),
      new Section("Identity and privacy", IdentityOptions.class),
      new Section("Consent and data-subject requests", PrivacyOptions.class),
      new Section("Features and scoring", ScoringOptions.class),
      new Section("Segments and alerts", SegmentOptions.class),
      new Section("History mode", HistoryOptions.class),
      new Section("State, retention and configuration files", JobOptions.class),
      new Section("Dead letters and unexpected exceptions", DeadLetterOptions.class),
      new Section("Test faults (never in production)", TestFaultOptions.class));

  /**
   * The settings that hold secrets. None has a default, so the table shows none; pulse never prints or
   * logs their values, and Flink masks them in its own logs and in {@code Configuration.toString()}
   * (their keys hold "password" or "secret"). Give them as PULSE_* variables (from a Kubernetes Secret).
   */
  List<ConfigOption<String>> SECRETS = List.of(KAFKA_SASL_PASSWORD, KAFKA_TRUSTSTORE_PASSWORD, REGISTRY_PASSWORD,
      REGISTRY_TRUSTSTORE_PASSWORD, REDIS_PASSWORD, REDIS_TRUSTSTORE_PASSWORD, PSEUDONYMISATION_SECRET);

  /** All options, section by section. */
  static List<ConfigOption<?>> all() {
    List<ConfigOption<?>> options = new ArrayList<>();
    SECTIONS.forEach(section -> options.addAll(section.options()));
    return options;
  }

  /**
   * Sets every option whose environment variable is set and not blank, so that secrets can come from
   * the environment (a Kubernetes Secret) rather than a file.
   */
  static void applyEnvironment(Map<String, String> environment, Configuration conf) {
    for (ConfigOption<?> option : all()) {
      String value = environment.get(environmentVariable(option));
      if (value != null && !value.isBlank()) {
        conf.setString(option.key(), value);
      }
    }
  }

  /** The environment variable that sets an option (in the CLI and the job's main). */
  static String environmentVariable(ConfigOption<?> option) {
    return option.key().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
