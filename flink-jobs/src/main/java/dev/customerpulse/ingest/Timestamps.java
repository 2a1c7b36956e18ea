package dev.customerpulse.ingest;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a timestamp written as text in the common formats into a UTC instant. Accepted: ISO-8601
 * with 'Z', an offset or a zone id ({@code 2026-12-02T07:30:00+01:00[Europe/Berlin]}); the same
 * with a space for the 'T'; ISO date-times without a zone and plain dates (read as UTC);
 * RFC 1123 ({@code Wed, 2 Dec 2026 06:30:00 GMT}); epoch seconds (up to 11 digits, decimals
 * allowed) and epoch milliseconds (12 or 13 digits). Slashed dates are refused: 03/04/2026 is
 * March in one country and April in another.
 */
public final class Timestamps {
  private static final Pattern SLASHED_DATE = Pattern.compile("^\\d{1,4}/\\d{1,2}/\\d{1,4}.*");
  private static final Pattern EPOCH = Pattern.compile("-?\\d{1,13}(\\.\\d{1,9})?");
  private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .appendLiteral(' ')
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffsetId().optionalEnd()
      .optionalStart().appendLiteral(' ').appendZoneRegionId().optionalEnd()
      .toFormatter();
  private static final List<DateTimeFormatter> ZONED = List.of(DateTimeFormatter.ISO_ZONED_DATE_TIME,
      DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.RFC_1123_DATE_TIME);

  private Timestamps() {}

  /** @throws IllegalArgumentException naming the accepted formats when none fits */
  public static Instant parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("an empty timestamp");
    }
    if (EPOCH.matcher(s).matches()) {
      return epoch(s);
    }
    if (SLASHED_DATE.matcher(s).matches()) {
      throw new IllegalArgumentException("'" + s + "' is a slashed date, which reads differently by country; use ISO-8601"
          + " (2026-12-02T06:30:00Z)");
    }
    for (DateTimeFormatter format : ZONED) {
      try {
        return ZonedDateTime.parse(s, format).toInstant();
      } catch (DateTimeParseException ignored) {
        // try the next format
      }
    }
    try {
      var parsed = SPACED.parseBest(s, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof ZonedDateTime z) {
        return z.toInstant();
      }
      if (parsed instanceof OffsetDateTime o) {
        return o.toInstant();
      }
      return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // not spaced
    }
    try {
      return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // not a local date-time
    }
    try {
      return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException ignored) {
      // not a date
    }
    throw new IllegalArgumentException("'" + abbreviate(s) + "' is not a timestamp in a known format (ISO-8601, RFC 1123,"
        + " epoch seconds or milliseconds)");
  }

  private static Instant epoch(String s) {
    try {
      int dot = s.indexOf('.');
      int digits = (dot < 0 ? s.length() : dot) - (s.startsWith("-") ? 1 : 0);
      if (digits >= 12) {
        if (dot >= 0) {
          throw new IllegalArgumentException("'" + s + "': epoch milliseconds take no decimals");
        }
        return Instant.ofEpochMilli(Long.parseLong(s));
      }
      BigDecimal seconds = new BigDecimal(s);
      long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValueExact();
      return Instant.ofEpochSecond(whole, nanos);
    } catch (ArithmeticException | DateTimeException e) {
      throw new IllegalArgumentException("'" + s + "' is out of range as epoch time");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
