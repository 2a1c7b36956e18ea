package dev.customerpulse.ingest;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.text.ParsePosition;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
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
    // Formats are tried without exceptions: a failed java.time parse throws, which costs more than
    // the parse itself, and most inputs fail some formats before one fits.
    for (DateTimeFormatter format : ZONED) {
      TemporalAccessor parsed = tryParse(format, s);
      if (parsed != null) {
        return ZonedDateTime.from(parsed).toInstant();
      }
    }
    TemporalAccessor spaced = tryParse(SPACED, s);
    if (spaced != null) {
      if (spaced.isSupported(ChronoField.OFFSET_SECONDS) || spaced.query(TemporalQueries.zoneId()) != null) {
        return ZonedDateTime.from(spaced).toInstant();
      }
      return LocalDateTime.from(spaced).toInstant(ZoneOffset.UTC);
    }
    TemporalAccessor local = tryParse(DateTimeFormatter.ISO_LOCAL_DATE_TIME, s);
    if (local != null) {
      return LocalDateTime.from(local).toInstant(ZoneOffset.UTC);
    }
    TemporalAccessor date = tryParse(DateTimeFormatter.ISO_LOCAL_DATE, s);
    if (date != null) {
      return LocalDate.from(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    throw new IllegalArgumentException("'" + abbreviate(s) + "' is not a timestamp in a known format (ISO-8601, RFC 1123,"
        + " epoch seconds or milliseconds)");
  }

  /** The parse of the whole text, or null when the format does not fit (checked first without an exception). */
  private static TemporalAccessor tryParse(DateTimeFormatter format, String s) {
    ParsePosition position = new ParsePosition(0);
    if (format.parseUnresolved(s, position) == null || position.getErrorIndex() >= 0 || position.getIndex() != s.length()) {
      return null;
    }
    try {
      return format.parse(s);
    } catch (DateTimeException e) {
      // Fits the pattern but not the calendar (month 13): no other format will do better.
      return null;
    }
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
      if (dot < 0) {
        return Instant.ofEpochSecond(Long.parseLong(s));
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
