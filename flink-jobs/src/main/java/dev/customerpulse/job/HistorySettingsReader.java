package dev.customerpulse.job;

import dev.customerpulse.engine.HistoryMode;
import dev.customerpulse.ingest.Timestamps;
import org.apache.flink.configuration.Configuration;

/** Reads {@link HistoryOptions} into a {@link HistoryMode}. */
final class HistorySettingsReader {
  private HistorySettingsReader() {}

  static HistoryMode history(Configuration conf) {
    String until = conf.get(HistoryOptions.HISTORY_UNTIL);
    if (until == null || until.isBlank()) {
      return HistoryMode.OFF;
    }
    try {
      return new HistoryMode(Timestamps.parse(until).toEpochMilli());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(HistoryOptions.HISTORY_UNTIL.key() + ": " + e.getMessage(), e);
    }
  }
}
