package dev.customerpulse.profile;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used values of a keyed store, on the heap, written back only when evicted or
 * flushed: a customer with several events between two checkpoints is read from RocksDB once and
 * written once, instead of read, deserialized, serialized and written per event. A key may be cached
 * as absent (nothing stored, or deleted). No Flink types: the operator supplies the store's writer.
 */
public final class WriteBackCache<V> {
  /** Writes one key's value to the store; {@code null} deletes it. */
  public interface Writer<V> {
    void write(String key, V value) throws Exception;
  }

  private static final class Slot<V> {
    V value;
    boolean dirty;

    Slot(V value, boolean dirty) {
      this.value = value;
      this.dirty = dirty;
    }
  }

  private final int capacity;
  private final LinkedHashMap<String, Slot<V>> slots;

  public WriteBackCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
    this.slots = new LinkedHashMap<>(16, 0.75f, true);
  }

  public boolean contains(String key) {
    return slots.containsKey(key);
  }

  /** The cached value (null when cached as absent); only meaningful when {@link #contains} is true. */
  public V get(String key) {
    Slot<V> slot = slots.get(key);
    return slot == null ? null : slot.value;
  }

  /** Whether the key is cached with a value not yet written back. */
  public boolean isDirty(String key) {
    Slot<V> slot = slots.get(key);
    return slot != null && slot.dirty;
  }

  /** Forgets one key without writing it back (the store holds what it should be). */
  public void forget(String key) {
    slots.remove(key);
  }

  /** Caches what the store holds for a key (read after a miss); nothing to write back. */
  public void loaded(String key, V value, Writer<V> writer) throws Exception {
    slots.put(key, new Slot<>(value, false));
    evict(writer);
  }

  /** Sets a key's value ({@code null}: deleted), to be written back later. */
  public void put(String key, V value, Writer<V> writer) throws Exception {
    Slot<V> slot = slots.get(key);
    if (slot != null) {
      slot.value = value;
      slot.dirty = true;
      return;
    }
    slots.put(key, new Slot<>(value, true));
    evict(writer);
  }

  /** Writes every changed value back; they stay cached. */
  public void flush(Writer<V> writer) throws Exception {
    for (Map.Entry<String, Slot<V>> entry : slots.entrySet()) {
      Slot<V> slot = entry.getValue();
      if (slot.dirty) {
        writer.write(entry.getKey(), slot.value);
        slot.dirty = false;
      }
    }
  }

  /** Forgets everything without writing: call after {@link #flush} when the store changed underneath. */
  public void clear() {
    slots.clear();
  }

  public int size() {
    return slots.size();
  }

  public int dirty() {
    int dirty = 0;
    for (Slot<V> slot : slots.values()) {
      if (slot.dirty) {
        dirty++;
      }
    }
    return dirty;
  }

  private void evict(Writer<V> writer) throws Exception {
    Iterator<Map.Entry<String, Slot<V>>> eldest = slots.entrySet().iterator();
    while (slots.size() > capacity) {
      Map.Entry<String, Slot<V>> entry = eldest.next();
      if (entry.getValue().dirty) {
        writer.write(entry.getKey(), entry.getValue().value);
      }
      eldest.remove();
    }
  }
}
