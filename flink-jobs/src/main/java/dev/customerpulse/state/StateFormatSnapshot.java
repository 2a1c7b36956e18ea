package dev.customerpulse.state;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * A serializer snapshot of customer state that says which record format the state it describes is
 * in: {@link CustomerStateSnapshot}, and the frozen snapshot class that older savepoints name.
 */
public interface StateFormatSnapshot extends TypeSerializerSnapshot<CustomerState> {
  /** The customer-state record format (the first byte of each record) of the state described. */
  int format();
}
