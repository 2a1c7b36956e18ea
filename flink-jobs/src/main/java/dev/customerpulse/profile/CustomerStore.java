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

  /** Sets the current key's state; null deletes it. */
  void store(String key, CustomerState customer) throws Exception {
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
