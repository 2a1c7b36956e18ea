package dev.customerpulse.connectors.redis;

import java.util.Arrays;
import java.util.Objects;

/**
 * The values of one profile's hash fields, typed, in the mapper's fixed field order. Kept typed so
 * the writer can tell which fields changed since its last write without formatting anything, and
 * format only those.
 */
public final class FieldValues {
  private static final byte LONG = 1;
  private static final byte DECIMAL = 2;
  private static final byte TEXT = 3;
  private static final long[] POWERS = {1, 10, 100, 1_000, 10_000};

  private final byte[] types;
  private final long[] numbers;
  private final String[] texts;

  public FieldValues(int fields) {
    types = new byte[fields];
    numbers = new long[fields];
    texts = new String[fields];
  }

  public int size() {
    return types.length;
  }

  public void setLong(int field, long value) {
    types[field] = LONG;
    numbers[field] = value;
    texts[field] = null;
  }

  /** A number written with four decimals (probabilities, ratios); NaN is written as an empty string. */
  public void setDecimal(int field, double value) {
    types[field] = DECIMAL;
    numbers[field] = Double.isNaN(value) ? Long.MIN_VALUE : Math.round(value * POWERS[4]);
    texts[field] = null;
  }

  public void setText(int field, String value) {
    types[field] = TEXT;
    texts[field] = value == null ? "" : value;
  }

  boolean sameAs(FieldValues other, int field) {
    return types[field] == other.types[field] && numbers[field] == other.numbers[field]
        && Objects.equals(texts[field], other.texts[field]);
  }

  void copyFrom(FieldValues other) {
    System.arraycopy(other.types, 0, types, 0, types.length);
    System.arraycopy(other.numbers, 0, numbers, 0, numbers.length);
    System.arraycopy(other.texts, 0, texts, 0, texts.length);
  }

  /**
   * The field's value as a Java value: a Long, a Double (NaN when not known) or a String, for
   * consumers that need types rather than Redis text (segment rules).
   */
  public Object value(int field) {
    return switch (types[field]) {
      case LONG -> numbers[field];
      case DECIMAL -> numbers[field] == Long.MIN_VALUE ? Double.NaN : numbers[field] / (double) POWERS[4];
      case TEXT -> texts[field];
      default -> throw new IllegalStateException("field " + field + " was not set");
    };
  }

  /** The field's value as Redis stores it. */
  public String text(int field) {
    return switch (types[field]) {
      case LONG -> Long.toString(numbers[field]);
      case DECIMAL -> numbers[field] == Long.MIN_VALUE ? "" : decimal(numbers[field], 4);
      case TEXT -> texts[field];
      default -> throw new IllegalStateException("field " + field + " was not set");
    };
  }

  /** Appends the field's value as Redis stores it (the same bytes as {@link #text(int)} in UTF-8). */
  void appendTo(int field, ValueBytes out) {
    switch (types[field]) {
      case LONG -> out.appendLong(numbers[field]);
      case DECIMAL -> {
        if (numbers[field] != Long.MIN_VALUE) {
          out.appendDecimal(numbers[field], 4, POWERS[4]);
        }
      }
      case TEXT -> out.appendText(texts[field]);
      default -> throw new IllegalStateException("field " + field + " was not set");
    }
  }

  /** {@code scaled / 10^decimals} written with exactly {@code decimals} decimals, without String.format. */
  public static String decimal(long scaled, int decimals) {
    StringBuilder out = new StringBuilder(24);
    if (scaled < 0) {
      out.append('-');
    }
    long abs = Math.abs(scaled);
    long power = POWERS[decimals];
    out.append(abs / power);
    if (decimals > 0) {
      out.append('.');
      String fraction = Long.toString(abs % power);
      for (int i = fraction.length(); i < decimals; i++) {
        out.append('0');
      }
      out.append(fraction);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    String[] shown = new String[types.length];
    for (int i = 0; i < shown.length; i++) {
      shown[i] = types[i] == 0 ? "?" : text(i);
    }
    return Arrays.toString(shown);
  }
}
