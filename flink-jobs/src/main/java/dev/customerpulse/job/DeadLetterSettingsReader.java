package dev.customerpulse.job;

import static dev.customerpulse.job.PulseOptions.*;

import dev.customerpulse.ingest.DeadLetterLimits;
import dev.customerpulse.ingest.DeadLetterSettings;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;

/** Reads the dead-letter settings and the test fault hooks for {@link PulseSettings}. */
final class DeadLetterSettingsReader {
  /** Kafka's default max.request.size. */
  static final long DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

  private DeadLetterSettingsReader() {}

  static DeadLetterSettings deadLetters(Configuration conf) {
    try {
      return new DeadLetterSettings(new DeadLetterLimits(conf.get(DEAD_LETTER_MAX_VALUE_BYTES), conf.get(DEAD_LETTER_MAX_KEY_BYTES),
          conf.get(DEAD_LETTER_MAX_HEADERS), conf.get(DEAD_LETTER_MAX_HEADER_BYTES)), conf.get(DEAD_LETTER_MAX_PROCESSING_ERRORS));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("pulse.dead-letters: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses, in one line, limits under which a dead letter could be larger than the producer may send
   * (its max.request.size): that send would fail the job, and the replay would meet the record again.
   */
  static void checkFitsProducer(DeadLetterLimits limits, Properties producer) {
    String configured = producer.getProperty("max.request.size");
    long max;
    try {
      max = configured == null ? DEFAULT_MAX_REQUEST_SIZE : Long.parseLong(configured.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException("max.request.size of the Kafka clients is not a number: '" + configured + "'");
    }
    if (limits.largestRecordBytes() > max) {
      throw new ConfigException("pulse.dead-letters.max-value-bytes, max-key-bytes and max-header-bytes allow dead letters of up"
          + " to " + limits.largestRecordBytes() + " bytes, more than the producer's max.request.size (" + max + "); lower them"
          + " or raise pulse.kafka.client.max.request.size (and the topics' max.message.bytes)");
    }
  }

  /** The test crash hook, refused unless faults are enabled on purpose. */
  static String crashFile(Configuration conf) {
    String file = conf.get(TEST_CRASH_FILE);
    if (file != null && !conf.get(TEST_FAULTS_ENABLED)) {
      throw new ConfigException(TEST_CRASH_FILE.key() + " is a test fault hook: refused unless " + TEST_FAULTS_ENABLED.key()
          + "=true (never in production)");
    }
    return file;
  }

  /** The test fault hook, refused unless faults are enabled on purpose. */
  static long injectExceptionEvery(Configuration conf) {
    long every = conf.get(TEST_INJECT_EXCEPTION_EVERY);
    if (every < 0) {
      throw new ConfigException(TEST_INJECT_EXCEPTION_EVERY.key() + " must be 0 or more, got " + every);
    }
    if (every > 0 && !conf.get(TEST_FAULTS_ENABLED)) {
      throw new ConfigException(TEST_INJECT_EXCEPTION_EVERY.key() + " is a test fault hook: refused unless "
          + TEST_FAULTS_ENABLED.key() + "=true (never in production)");
    }
    return every;
  }
}
