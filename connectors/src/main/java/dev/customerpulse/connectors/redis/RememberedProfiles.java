package dev.customerpulse.connectors.redis;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a writer last wrote per customer (the most recently written kept), so that it sends only changes. */
final class RememberedProfiles {
  private final int capacity;
  private final Map<String, Remembered> byCustomer;

  RememberedProfiles(int capacity) {
    this.capacity = capacity;
    this.byCustomer = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
        return size() > capacity;
      }
    };
  }

  Remembered get(String customerId) {
    return byCustomer.get(customerId);
  }

  void forget(String customerId) {
    byCustomer.remove(customerId);
  }

  /**
   * Overwrites what is remembered of a customer in place: the remembered profiles are long-lived
   * (old generation), and replacing one per write made old-generation garbage and, in G1, a
   * cross-generation reference per write.
   */
  void remember(String customerId, long version, FieldValues values) {
    if (capacity == 0) {
      return;
    }
    Remembered known = byCustomer.get(customerId);
    if (known == null) {
      byCustomer.put(customerId, new Remembered(version, values));
    } else {
      known.version = version;
      known.values.copyFrom(values);
    }
  }

  /** A profile as this writer last wrote it; overwritten in place by the next write. */
  static final class Remembered {
    long version;
    final FieldValues values;

    Remembered(long version, FieldValues values) {
      this.version = version;
      this.values = values;
    }
  }
}
