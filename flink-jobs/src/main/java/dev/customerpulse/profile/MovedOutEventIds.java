package dev.customerpulse.profile;

import dev.customerpulse.engine.EventIdMemory;
import org.apache.flink.api.common.state.MapState;

/** The moved-out event ids of the current key, in a RocksDB map whose entries expire (time to live). */
final class MovedOutEventIds implements EventIdMemory {
  private final MapState<Long, Boolean> ids;

  MovedOutEventIds(MapState<Long, Boolean> ids) {
    this.ids = ids;
  }

  @Override
  public boolean contains(long id) throws Exception {
    return ids.contains(id);
  }

  @Override
  public void put(long id) throws Exception {
    ids.put(id, Boolean.TRUE);
  }

  @Override
  public Iterable<Long> ids() throws Exception {
    return ids.keys();
  }

  @Override
  public void clear() throws Exception {
    ids.clear();
  }
}
