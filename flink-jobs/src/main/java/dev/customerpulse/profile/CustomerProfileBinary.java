package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.engine.ProfileSegments;
import dev.customerpulse.state.CustomerState;
import dev.customerpulse.published.ProfileField;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.scoring.Scores;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a profile as the Avro binary encoding of {@code CustomerProfile}, straight from the state
 * and the scores: no record object, no boxing, one loop over the Kafka fields of {@link ProfileField},
 * each written as its {@link dev.customerpulse.published.FieldType} says. The customer-profiles
 * snapshots are the largest single cost of the profile task (JFR: over a quarter of all samples with
 * the generic per-field writer). The bytes are exactly Avro's encoding of the record: one test checks
 * that the declared fields and the schema agree field by field (names, order, types), another builds
 * the record and compares the bytes for generated customers.
 * One instance per task thread: it reuses its buffer.
 */
public final class CustomerProfileBinary {
  /** Upper bound of the bytes of everything but strings and the header. */
  private static final int FIXED_PARTS = 1024;
  private static final ProfileField[] FIELDS = ProfileFields.KAFKA.toArray(new ProfileField[0]);

  private byte[] buffer = new byte[2048];
  private int size;

  /** {@code header} (the Confluent magic byte and schema id) followed by the profile. */
  public byte[] encode(byte[] header, ProfileUpdate update, Scores s) {
    size = 0;
    // Room for every fixed-size part at once (72 fields of at most 10 bytes, union indexes, array
    // counts); strings make room for themselves. Numbers then write without bounds checks.
    ensure(header.length + FIXED_PARTS);
    raw(header);
    CustomerState p = update.profile;
    String id = update.customerId;
    ProfileField[] fields = FIELDS;
    for (ProfileField field : fields) {
      switch (field.type()) {
        case LONG, TIME, SCORE -> varLong(field.longValue(id, p, s));
        case OPTIONAL_LONG, OPTIONAL_INT, OPTIONAL_TIME -> nullableLong(field.longValue(id, p, s));
        case DECIMAL -> real(field.doubleValue(id, p, s));
        case OPTIONAL_DECIMAL -> nullableReal(field.doubleValue(id, p, s));
        case TEXT -> string(field.textValue(id, p, s));
        case OPTIONAL_TEXT -> nullableString(field.textValue(id, p, s));
        case LIST -> categories(field.textValue(id, p, s));
        case SEGMENTS -> strings(ProfileSegments.all(p));
      }
    }
    return Arrays.copyOf(buffer, size);
  }

  /** Avro array of strings: one block, then the end marker (an empty array is the end marker alone). */
  private void strings(List<String> values) {
    if (!values.isEmpty()) {
      varLong(values.size());
      for (int i = 0; i < values.size(); i++) {
        string(values.get(i));
      }
    }
    varLong(0);
  }

  /** Avro array of strings from a comma-separated list: one block, then the end marker. */
  private void categories(String joined) {
    if (joined.isEmpty()) {
      varLong(0);
      return;
    }
    int count = 1;
    for (int i = 0; i < joined.length(); i++) {
      if (joined.charAt(i) == ',') {
        count++;
      }
    }
    varLong(count);
    int start = 0;
    for (int i = 0; i <= joined.length(); i++) {
      if (i == joined.length() || joined.charAt(i) == ',') {
        string(joined.substring(start, i));
        start = i + 1;
      }
    }
    varLong(0);
  }

  /** Avro union of null and long or int, {@link CustomerState#NONE} for null. */
  private void nullableLong(long value) {
    if (value == CustomerState.NONE) {
      varLong(0);
    } else {
      varLong(1);
      varLong(value);
    }
  }

  private void nullableString(String value) {
    if (value == null) {
      varLong(0);
    } else {
      varLong(1);
      string(value);
    }
  }

  private void nullableReal(double value) {
    if (Double.isNaN(value)) {
      varLong(0);
    } else {
      varLong(1);
      real(value);
    }
  }

  private void string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    // Keeps the room reserved for fixed parts free after the string.
    ensure(utf8.length + 10 + FIXED_PARTS);
    varLong(utf8.length);
    System.arraycopy(utf8, 0, buffer, size, utf8.length);
    size += utf8.length;
  }

  /** Zig-zag varint, as Avro writes int and long (an int's zig-zag form equals its long's). */
  private void varLong(long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    buffer[size++] = (byte) n;
  }

  /** Eight bytes, little-endian, of the raw IEEE bits (Avro's double). */
  private void real(double value) {
    long bits = Double.doubleToRawLongBits(value);
    for (int i = 0; i < 8; i++) {
      buffer[size++] = (byte) (bits >>> (8 * i));
    }
  }

  private void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
