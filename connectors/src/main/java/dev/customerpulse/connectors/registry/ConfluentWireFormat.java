package dev.customerpulse.connectors.registry;

/**
 * The Confluent Schema Registry wire format: magic byte {@code 0}, the schema id as a 4-byte
 * big-endian int, then the Avro binary body.
 */
public final class ConfluentWireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_LENGTH = 5;

  private ConfluentWireFormat() {}

  /** Returns the schema id of a framed record, or throws saying why the bytes are not framed. */
  public static int schemaId(byte[] record) throws NotConfluentFramedException {
    if (record == null || record.length == 0) {
      throw new NotConfluentFramedException("record value is empty");
    }
    if (record[0] != MAGIC_BYTE) {
      throw new NotConfluentFramedException(String.format(
          "first byte is 0x%02x, not the Confluent magic byte 0x00", record[0] & 0xff));
    }
    if (record.length < HEADER_LENGTH) {
      throw new NotConfluentFramedException(
          "record is " + record.length + " bytes, shorter than the 5-byte Confluent header");
    }
    return ((record[1] & 0xff) << 24) | ((record[2] & 0xff) << 16) | ((record[3] & 0xff) << 8) | (record[4] & 0xff);
  }

  /** TopicNameStrategy: the value schema of topic {@code t} lives under subject {@code t-value}. */
  public static String valueSubject(String topic) {
    return topic + "-value";
  }
}
