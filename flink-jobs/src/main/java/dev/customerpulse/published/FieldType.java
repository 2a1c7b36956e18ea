package dev.customerpulse.published;

/**
 * How a published profile field's value is written: as text in the Redis hash and typed in the Kafka
 * {@code CustomerProfile} record. A field whose value may be unknown says so by its type: the
 * optional whole numbers are {@link dev.customerpulse.state.CustomerState#NONE} when not known, a
 * score is 0, an optional decimal NaN and an optional text null. Redis writes every unknown value as
 * an empty string, Kafka as null (a score as 0).
 */
public enum FieldType {
  LONG(Kind.WHOLE, "integer", "`long`", "\"long\""),
  TIME(Kind.WHOLE, "epoch ms", "`timestamp-millis`", Avro.TIME),
  /** A 1-5 score, 0 when not known. */
  SCORE(Kind.WHOLE, "integer; empty for 0", "`int`", "\"int\""),
  OPTIONAL_LONG(Kind.WHOLE, "integer or empty", "`long` or null", Avro.nullable("\"long\"")),
  OPTIONAL_INT(Kind.WHOLE, "integer or empty", "`int` or null", Avro.nullable("\"int\"")),
  OPTIONAL_TIME(Kind.WHOLE, "epoch ms or empty", "`timestamp-millis` or null", Avro.nullable(Avro.TIME)),
  /** Four decimals in Redis, the full double in Kafka. */
  DECIMAL(Kind.REAL, "decimal, 4 places", "`double`", "\"double\""),
  OPTIONAL_DECIMAL(Kind.REAL, "decimal, 4 places, or empty", "`double` or null", Avro.nullable("\"double\"")),
  TEXT(Kind.TEXT, "text", "`string`", "\"string\""),
  OPTIONAL_TEXT(Kind.TEXT, "text or empty", "`string` or null", Avro.nullable("\"string\"")),
  /** Comma-separated text, an array in Kafka. */
  LIST(Kind.TEXT, "comma-separated", "array of `string`", Avro.STRINGS),
  /** The customer's segments: not computed by the field, given by whoever publishes the profile. */
  SEGMENTS(Kind.GIVEN, "comma-separated", "array of `string`", Avro.STRINGS);

  /** Which accessor a field of the type has. */
  public enum Kind { WHOLE, REAL, TEXT, GIVEN }

  private final Kind kind;
  private final String redisFormat;
  private final String kafkaFormat;
  private final String avroSchema;

  FieldType(Kind kind, String redisFormat, String kafkaFormat, String avroSchema) {
    this.kind = kind;
    this.redisFormat = redisFormat;
    this.kafkaFormat = kafkaFormat;
    this.avroSchema = avroSchema;
  }

  public Kind kind() {
    return kind;
  }

  /** The Redis value's format, for the documentation. */
  public String redisFormat() {
    return redisFormat;
  }

  /** The Kafka field's type, for the documentation (Markdown). */
  public String kafkaFormat() {
    return kafkaFormat;
  }

  /** The Avro schema (JSON) of the {@code CustomerProfile} field. */
  public String avroSchema() {
    return avroSchema;
  }

  private static final class Avro {
    static final String TIME = "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}";
    static final String STRINGS = "{\"type\":\"array\",\"items\":\"string\"}";

    static String nullable(String type) {
      return "[\"null\"," + type + "]";
    }
  }
}
