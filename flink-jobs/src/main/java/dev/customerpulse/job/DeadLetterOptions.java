package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** How much of a rejected record a dead letter keeps, and how many unexpected exceptions the job rides out. A section of {@link PulseOptions}. */
public interface DeadLetterOptions {
  ConfigOption<Integer> DEAD_LETTER_MAX_VALUE_BYTES = key("pulse.dead-letters.max-value-bytes")
      .intType().defaultValue(64 * 1024)
      .withDescription("A dead letter (and a late event) keeps at most this many bytes of the record's value; a longer value"
          + " is kept as its first bytes with its size and SHA-256, and the letter is marked truncated (pulse dlq will not"
          + " re-publish it). All the limits together must fit the producer's max.request.size (1 MiB by default).");

  ConfigOption<Integer> DEAD_LETTER_MAX_KEY_BYTES = key("pulse.dead-letters.max-key-bytes")
      .intType().defaultValue(4 * 1024)
      .withDescription("A dead letter keeps at most this many bytes of the record's key (the rest as size and SHA-256).");

  ConfigOption<Integer> DEAD_LETTER_MAX_HEADERS = key("pulse.dead-letters.max-headers")
      .intType().defaultValue(64)
      .withDescription("A dead letter keeps at most this many of the record's headers, the first ones in order.");

  ConfigOption<Integer> DEAD_LETTER_MAX_HEADER_BYTES = key("pulse.dead-letters.max-header-bytes")
      .intType().defaultValue(16 * 1024)
      .withDescription("A dead letter keeps the record's headers, in order, while their keys and values together take at most"
          + " this many bytes; headers_dropped counts the rest.");

  ConfigOption<Integer> DEAD_LETTER_MAX_PROCESSING_ERRORS = key("pulse.dead-letters.max-processing-errors")
      .intType().defaultValue(100)
      .withDescription("An unexpected exception for one record (a bug, not a known input problem) makes it a PROCESSING_ERROR"
          + " dead letter and the job goes on; one more than this many within a minute in one subtask of an operator fails"
          + " the job, with a message naming the setting, instead of dead-lettering the stream. 0 fails at the first.");
}
