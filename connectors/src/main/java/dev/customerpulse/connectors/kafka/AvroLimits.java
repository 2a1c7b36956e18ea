package dev.customerpulse.connectors.kafka;

/**
 * Caps the lengths Avro will allocate for while decoding. Without a cap, a corrupt length prefix
 * in one bad record can ask for a 2 GiB array and take the task manager down; with it, the record
 * fails to decode and goes to the dead-letter topic. Avro reads these properties once, when its
 * limit class loads, so entry points call {@link #applyDefaults()} first thing; where other code may
 * have loaded Avro first (a shared task manager, a test JVM), the JVM is started with them
 * ({@link #JVM_OPTIONS}, in {@code env.java.opts.all}) and {@link #inEffect()} checks.
 */
public final class AvroLimits {
  /** Largest string or bytes value accepted in an input record. */
  public static final String MAX_LENGTH = String.valueOf(16 * 1024 * 1024);
  /** Largest number of items in an array or map of an input record. */
  public static final String MAX_ITEMS = String.valueOf(1_000_000);

  /** The same limits as JVM options, for {@code env.java.opts.all} and test JVMs. */
  public static final String JVM_OPTIONS = "-Dorg.apache.avro.limits.string.maxLength=" + MAX_LENGTH
      + " -Dorg.apache.avro.limits.bytes.maxLength=" + MAX_LENGTH
      + " -Dorg.apache.avro.limits.collectionItems.maxLength=" + MAX_ITEMS;

  private AvroLimits() {}

  /** Whether Avro in this JVM refuses strings, bytes and collections over the limits. */
  public static boolean inEffect() {
    return refuses(() -> org.apache.avro.SystemLimitException.checkMaxStringLength(Long.parseLong(MAX_LENGTH) + 1))
        && refuses(() -> org.apache.avro.SystemLimitException.checkMaxBytesLength(Long.parseLong(MAX_LENGTH) + 1))
        && refuses(() -> org.apache.avro.SystemLimitException.checkMaxCollectionLength(Long.parseLong(MAX_ITEMS) + 1));
  }

  private static boolean refuses(Runnable check) {
    try {
      check.run();
      return false;
    } catch (org.apache.avro.SystemLimitException expected) {
      return true;
    }
  }

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
