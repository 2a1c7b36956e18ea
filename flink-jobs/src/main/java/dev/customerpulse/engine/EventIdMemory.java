package dev.customerpulse.engine;

/**
 * Where the event ids a customer's state has moved out ({@link dev.customerpulse.state.SeenEventIds}
 * keeps the newest) are remembered, for the current customer: a RocksDB map with a time to live in
 * the job, a set in tests.
 */
public interface EventIdMemory {
  boolean contains(long id) throws Exception;

  void put(long id) throws Exception;

  /** Every id remembered for the current customer. */
  Iterable<Long> ids() throws Exception;

  /** Forgets every id of the current customer. */
  void clear() throws Exception;
}
