package dev.customerpulse.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The Flink settings every Customer Pulse job runs with, whoever starts it. */
public final class FlinkSetup {
  private FlinkSetup() {}

  /** Flink options pulse sets when the user has not (shown in docs/configuration.md beside the pulse options). */
  public static Map<ConfigOption<?>, Object> defaults() {
    Map<ConfigOption<?>, Object> defaults = new LinkedHashMap<>();
    defaults.put(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    defaults.put(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
    defaults.put(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    defaults.put(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofSeconds(1));
    defaults.put(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    // Most state reads look for a key that is not there (a new event id, a new customer): a bloom
    // filter answers those without reading data blocks.
    defaults.put(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
    // With state larger than the block cache (the de-duplication ids soon are), a whole-file filter
    // of several MB falls out of the cache and is read back and checksummed on every lookup: half
    // the profile operator's time in a profile of `pulse bench`. Partitions of a few KB are cheap to reload.
    defaults.put(RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS, true);
    // After a failure: restart at once-ish, then back off up to a minute while the cause lasts (a Kafka
    // or Redis outage longer than the job rides out), and start again from 1 s after 10 min without one.
    // Never give up: every restart resumes from the last checkpoint, exactly once.
    defaults.put(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    defaults.put(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
    defaults.put(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
    defaults.put(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
    defaults.put(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, Duration.ofMinutes(10));
    defaults.put(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.1);
    // Operators emit fresh objects and never keep references to what they emitted.
    defaults.put(PipelineOptions.OBJECT_REUSE, true);
    return defaults;
  }

  /** The user's configuration over pulse's defaults, with generic (Kryo) types always off. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Configuration withDefaults(Configuration user) {
    Configuration conf = new Configuration();
    defaults().forEach((option, value) -> conf.set((ConfigOption) option, value));
    conf.addAll(user);
    // Everything Flink is given it may log or show over REST; only keys it knows for secrets are masked.
    RedisUrlCredentials.moveOutOfUrl(conf);
    // Not a default: a type that falls back to Kryo must fail the job at submission, not slow it down.
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    // Not a default either: profiles are scored after they are emitted, which relies on the state
    // backend handing out a fresh object per access (RocksDB does; the heap backend does not).
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    return conf;
  }

  public static StreamExecutionEnvironment environment(Configuration user) {
    return StreamExecutionEnvironment.getExecutionEnvironment(withDefaults(user));
  }

  /**
   * Configuration for the job's main, layers lowest first: the cluster's config.yaml (when
   * FLINK_CONF_DIR is set, as in a Flink image), the config.yaml in {@code pulse.config-dir} (a
   * mounted ConfigMap), PULSE_* environment variables (Secrets), then {@code -Dkey=value} or
   * {@code --key value} arguments.
   */
  public static Configuration configurationFromArgs(String[] args) {
    return configurationFrom(args, System.getenv());
  }

  /** {@link #configurationFromArgs} with the environment given, for tests and the Helm chart's checks. */
  public static Configuration configurationFrom(String[] args, Map<String, String> environment) {
    Configuration arguments = new Configuration();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("-D") && arg.contains("=")) {
        String[] kv = arg.substring(2).split("=", 2);
        arguments.setString(kv[0], kv[1]);
      } else if (arg.startsWith("--") && i + 1 < args.length) {
        arguments.setString(arg.substring(2), args[++i]);
      } else {
        throw new ConfigException("unexpected argument '" + arg + "'; pass settings as -Dkey=value or --key value");
      }
    }
    String clusterDir = environment.get(ConfigConstants.ENV_FLINK_CONF_DIR);
    Configuration conf = clusterDir != null ? GlobalConfiguration.loadConfiguration(clusterDir) : new Configuration();
    Configuration fromEnvironment = new Configuration();
    PulseOptions.applyEnvironment(environment, fromEnvironment);
    String configDir = arguments.getOptional(PulseOptions.CONFIG_DIR)
        .or(() -> fromEnvironment.getOptional(PulseOptions.CONFIG_DIR))
        .orElse(conf.get(PulseOptions.CONFIG_DIR));
    if (configDir != null) {
      conf.addAll(configDirectory(configDir));
    }
    conf.addAll(fromEnvironment);
    conf.addAll(arguments);
    return conf;
  }

  private static Configuration configDirectory(String dir) {
    Path file = Path.of(dir, GlobalConfiguration.FLINK_CONF_FILENAME);
    if (!Files.isReadable(file)) {
      throw new ConfigException(PulseOptions.CONFIG_DIR.key() + ": no readable " + file);
    }
    try {
      return GlobalConfiguration.loadConfiguration(dir);
    } catch (RuntimeException e) {
      throw new ConfigException(PulseOptions.CONFIG_DIR.key() + ": " + file + " is not valid YAML: " + e.getMessage(), e);
    }
  }
}
