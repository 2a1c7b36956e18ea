package dev.customerpulse.profile;

import dev.customerpulse.state.CustomerState;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;

/**
 * Where savepoints taken before the customer state moved to {@code dev.customerpulse.state} name its
 * serializer snapshot. Flink finds a snapshot by its class name, so this name stays, frozen: it
 * restores today's {@link dev.customerpulse.state.CustomerStateSerializer}, which reads those
 * savepoints' records (format 9) as they are. Nothing new is written under this name.
 */
public final class CustomerStateSerializer {
  private CustomerStateSerializer() {}

  /** The snapshot class of savepoints written before the move; compatible as is with today's. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<CustomerState> {
    public Snapshot() {
      super(() -> dev.customerpulse.state.CustomerStateSerializer.INSTANCE);
    }
  }
}
