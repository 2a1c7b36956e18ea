package dev.customerpulse.connectors.registry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schema ids the registry kept answering 404 for, each remembered for a while: a flood of records
 * with one bogus id costs the retries once per {@link RegistryRetries#unknownIdMemory()}, not once
 * per record, and a schema registered later is found once its verdict has expired.
 */
final class UnknownIdVerdicts {
  /** Most ids remembered at once; past it, expired verdicts are dropped, and if none has expired, all. */
  static final int MOST_IDS = 10_000;

  private final Duration memory;
  private final Map<Integer, Long> expiresAt = new ConcurrentHashMap<>();

  UnknownIdVerdicts(Duration memory) {
    this.memory = memory;
  }

  /** Whether {@code id} was found unknown less than the memory's duration before {@code now}. */
  boolean stillUnknown(int id, long now) {
    Long until = expiresAt.get(id);
    if (until == null) {
      return false;
    }
    if (now - until >= 0) {
      expiresAt.remove(id, until);
      return false;
    }
    return true;
  }

  /** {@code id} was found unknown at {@code now}, after its retries. */
  void remember(int id, long now) {
    if (memory.isZero()) {
      return;
    }
    if (expiresAt.size() >= MOST_IDS) {
      expiresAt.values().removeIf(until -> now - until >= 0);
      if (expiresAt.size() >= MOST_IDS) {
        expiresAt.clear();
      }
    }
    expiresAt.put(id, now + memory.toNanos());
  }

  int size() {
    return expiresAt.size();
  }
}
