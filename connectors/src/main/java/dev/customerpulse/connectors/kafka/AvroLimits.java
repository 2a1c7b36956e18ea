package dev.customerpulse.connectors.kafka;

/**
 * Caps the lengths Avro will allocate for while decoding. Without a cap, a corrupt length prefix
 * in one bad record can ask for a 2 GiB array and take the task manager down; with it, the record
 * fails to decode and goes to the dead-letter topic. Avro reads these properties once, when its
 * limit class loads, so entry points call {@link #applyDefaults()} first thing.
 */
public final class AvroLimits {
  /** Largest string or bytes value accepted in an input record. */
  public static final String MAX_LENGTH = String.valueOf(16 * 1024 * 1024);
  /** Largest number of items in an array or map of an input record. */
  public static final String MAX_ITEMS = String.valueOf(1_000_000);

  private AvroLimits() {}

  public static void applyDefaults() {
    setIfAbsent("org.apache.avro.limits.string.maxLength", MAX_LENGTH);
    setIfAbsent("org.apache.avro.limits.bytes.maxLength", MAX_LENGTH);
    setIfAbsent("org.apache.avro.limits.collectionItems.maxLength", MAX_ITEMS);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
