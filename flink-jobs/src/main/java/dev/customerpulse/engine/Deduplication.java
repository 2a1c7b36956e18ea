package dev.customerpulse.engine;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.SeenEventIds;
import java.util.stream.LongStream;

/**
 * Which events a customer has sent before, within the horizon: the newest ids in the state, older
 * ones moved out to an {@link EventIdMemory}. Off when the horizon is zero.
 */
final class Deduplication {
  private final EventIdMemory movedOut;
  private final long horizon;

  /** @param movedOut null when de-duplication is off */
  Deduplication(EventIdMemory movedOut, long horizonMillis) {
    this.movedOut = movedOut;
    this.horizon = horizonMillis;
  }

  boolean enabled() {
    return movedOut != null;
  }

  /** Whether this customer sent the event id within the horizon (processing time {@code now}). */
  boolean seenBefore(CustomerState customer, long id, long now) throws Exception {
    customer.seenIds.expire(now, horizon);
    return customer.seenIds.contains(id) || customer.seenIds.mayHaveSpilled(now) && movedOut.contains(id);
  }

  void remember(CustomerState customer, long id, long now) throws Exception {
    if (customer.seenIds.add(id, now, horizon)) {
      movedOut.put(customer.seenIds.movedOut());
    }
  }

  /** Empties the moved-out ids, if this key ever had any (clearing walks a RocksDB iterator). */
  void forgetMovedOut(CustomerState customer) throws Exception {
    if (movedOut != null && customer.seenIds.spilledUntil() != SeenEventIds.NEVER) {
      movedOut.clear();
    }
  }

  /** Every id this customer's key remembers, moved out or in the state (what a handoff carries). */
  long[] all(CustomerState customer) throws Exception {
    LongStream.Builder ids = LongStream.builder();
    if (movedOut != null && customer.seenIds.spilledUntil() != SeenEventIds.NEVER) {
      for (Long id : movedOut.ids()) {
        ids.add(id);
      }
    }
    for (int i = 0; i < customer.seenIds.size(); i++) {
      ids.add(customer.seenIds.id(i));
    }
    return ids.build().toArray();
  }
}
