package dev.customerpulse.profile;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.CustomerStateSerializer;
import dev.customerpulse.state.SeenEventIds;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.KeyContext;

/**
 * Each customer's state: in RocksDB, and optionally on the heap between checkpoints (a write-back
 * cache), which saves the (de)serialization of a busy customer's every event.
 */
final class CustomerStore {
  private final ValueState<CustomerState> state;
  /** Null: RocksDB on every event. */
  private WriteBackCache<CustomerState> cache;
  private WriteBackCache.Writer<CustomerState> writer;
  private Counter cacheHits;
  private Counter cacheMisses;
  /** The key whose state {@link #loadForChange} handed out, and whether its state before is in {@link #undo}. */
  private String changing;
  private boolean undoable;
  /**
   * A dirty cached state as it was before the event, serialized into one buffer that is reused: a
   * copy of the state per event doubled the bytes the job allocates per event, to guard against
   * exceptions that almost never come. Its remembered event ids are not serialized but copied aside
   * into {@link #undoIds} (arrays copied as they are: a third of the serialization's CPU time was
   * theirs, in a profile of pulse bench).
   */
  private final DataOutputSerializer undo = new DataOutputSerializer(4096);
  private final SeenEventIds undoIds = new SeenEventIds();
  /** Stands in for a state's event ids while the rest of it is serialized into {@link #undo}. */
  private static final SeenEventIds NO_IDS = new SeenEventIds();

  CustomerStore(ValueState<CustomerState> state) {
    this.state = state;
  }

  /**
   * Keeps up to {@code customers} states on the heap, written back through {@code keys} (the
   * operator, which can switch to another key) when evicted and at {@link #writeBack}.
   */
  void cache(int customers, KeyContext keys, MetricGroup metrics) {
    cache = new WriteBackCache<>(customers);
    cacheHits = metrics.counter("stateCacheHits");
    cacheMisses = metrics.counter("stateCacheMisses");
    Counter writes = metrics.counter("stateCacheWrites");
    writer = (key, value) -> {
      writes.inc();
      Object current = keys.getCurrentKey();
      keys.setCurrentKey(key);
      writeToRocksDb(value);
      if (current != null) {
        keys.setCurrentKey(current);
      }
    };
  }

  /** Writes every changed customer state back to RocksDB (before a checkpoint, at the end of input). */
  void writeBack() throws Exception {
    if (cache != null) {
      cache.flush(writer);
    }
  }

  /** Forgets the cached states: RocksDB is about to change underneath (applyToKeyedState). */
  void dropCache() {
    if (cache != null) {
      cache.clear();
    }
  }

  /** The current key's state (null when none), from the cache or RocksDB. */
  CustomerState load(String key) throws Exception {
    if (cache == null) {
      return state.value();
    }
    if (cache.contains(key)) {
      cacheHits.inc();
      return cache.get(key);
    }
    cacheMisses.inc();
    CustomerState customer = state.value();
    cache.loaded(key, customer, writer);
    return customer;
  }

  /**
   * The current key's state for the engine to change in place, such that {@link #discardChange} can
   * bring back the state as it was: RocksDB holds it when the state comes from there or is cached
   * unchanged; a cached state with changes not yet written back is first serialized into {@link #undo}.
   */
  CustomerState loadForChange(String key) throws Exception {
    CustomerState customer = load(key);
    changing = key;
    undoable = false;
    if (cache != null && customer != null && cache.isDirty(key)) {
      undo.clear();
      SeenEventIds ids = customer.seenIds;
      customer.seenIds = NO_IDS;
      try {
        CustomerStateSerializer.INSTANCE.serialize(customer, undo);
      } finally {
        customer.seenIds = ids;
      }
      undoIds.copyFrom(ids);
      undoable = true;
    }
    return customer;
  }

  /** The engine left the state from {@link #loadForChange} as it is, changed in place (no store, no delete). */
  void keepChange(String key) {
    changing = null;
    undoable = false;
  }

  /**
   * The engine threw while changing the state from {@link #loadForChange}: the state stays as it was
   * before. A dirty cached state comes back from {@link #undo}; one cached unchanged is dropped (RocksDB
   * holds it as it was); a key cached as deleted and not yet written back was handed out as null,
   * which nothing changed.
   */
  void discardChange(String key) throws Exception {
    if (cache != null && key.equals(changing)) {
      if (undoable) {
        CustomerState before = CustomerStateSerializer.INSTANCE.deserialize(
            new DataInputDeserializer(undo.getSharedBuffer(), 0, undo.length()));
        before.seenIds = undoIds.copy();
        cache.put(key, before, writer);
      } else if (!cache.isDirty(key)) {
        cache.forget(key);
      }
    }
    changing = null;
    undoable = false;
  }

  /** Sets the current key's state; null deletes it. */
  void store(String key, CustomerState customer) throws Exception {
    changing = null;
    undoable = false;
    if (cache == null) {
      writeToRocksDb(customer);
    } else {
      cache.put(key, customer, writer);
    }
  }

  private void writeToRocksDb(CustomerState customer) throws Exception {
    if (customer == null) {
      state.clear();
    } else {
      state.update(customer);
    }
  }
}
