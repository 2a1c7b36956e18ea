package dev.customerpulse.profile;

import dev.customerpulse.state.CustomerState;
import dev.customerpulse.state.StateFormatSnapshot;
import dev.customerpulse.state.StateFormats;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;

/**
 * Where savepoints taken before the customer state moved to {@code dev.customerpulse.state} name its
 * serializer snapshot. Flink finds a snapshot by its class name, so this name stays, frozen. Those
 * savepoints hold state of format 9 and their snapshot has no content (a {@link
 * SimpleTypeSerializerSnapshot}); this one says so, and restores the reader of format 9: today's
 * serializer while 9 is current (compatible as is), its frozen reader after (migrated). Nothing new
 * is written under this name.
 */
public final class CustomerStateSerializer {
  /** The state format of every savepoint that names this snapshot. */
  static final int FORMAT = 9;

  private CustomerStateSerializer() {}

  /** The snapshot class of savepoints written before the move. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<CustomerState> implements StateFormatSnapshot {
    public Snapshot() {
      super(() -> StateFormats.KNOWN.reader(FORMAT));
    }

    @Override
    public int format() {
      return FORMAT;
    }
  }
}
