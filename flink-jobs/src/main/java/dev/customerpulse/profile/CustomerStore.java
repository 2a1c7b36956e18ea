package dev.customerpulse.profile;

import dev.customerpulse.state.CustomerState;
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
  /** The key whose state {@link #loadForChange} handed out, and whether it handed a copy. */
  private String changing;
  private CustomerState handedCopy;

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
   * unchanged; a cached state with changes not yet written back is handed out as a copy.
   */
  CustomerState loadForChange(String key) throws Exception {
    CustomerState customer = load(key);
    changing = key;
    handedCopy = null;
    if (cache != null && customer != null && cache.isDirty(key)) {
      handedCopy = customer.copy();
      return handedCopy;
    }
    return customer;
  }

  /**
   * The engine left the state from {@link #loadForChange} as it is (no store, no delete): a copy it
   * may have changed in place replaces the cached state, as the cached state itself would have been.
   */
  void keepChange(String key) throws Exception {
    if (handedCopy != null && key.equals(changing)) {
      cache.put(key, handedCopy, writer);
    }
    changing = null;
    handedCopy = null;
  }

  /**
   * The engine threw while changing the state from {@link #loadForChange}: the state stays as it was
   * before. A cached state that may have been changed in place is dropped (RocksDB holds it as it was);
   * a key cached as deleted and not yet written back was handed out as null, which nothing changed.
   */
  void discardChange(String key) {
    if (cache != null && handedCopy == null && key.equals(changing) && !cache.isDirty(key)) {
      cache.forget(key);
    }
    changing = null;
    handedCopy = null;
  }

  /** Sets the current key's state; null deletes it. */
  void store(String key, CustomerState customer) throws Exception {
    changing = null;
    handedCopy = null;
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
