package dev.customerpulse.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations like 500ms, 30s, 2m, 1h, 7d (a bare number is seconds). */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?");

  @Override
  public Duration convert(String value) {
    Matcher m = FORMAT.matcher(value.trim().toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 500ms, 30s, 2m, 1h or 7d");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m", "min" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
