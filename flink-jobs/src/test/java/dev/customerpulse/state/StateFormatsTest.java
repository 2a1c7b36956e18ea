package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.state.format.FrozenStateReader;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The mechanism a new format uses, on a registry as it will look then: format 9 current and the
 * frozen reader of a (made-up, tiny) format 7 beside it. The job's own registry has no older format yet.
 */
class StateFormatsTest {
  /** A frozen reader of a made-up format 7: the first-seen time and nothing else. */
  static final class Format7 extends FrozenStateReader {
    Format7() {
      super(7);
    }

    @Override
    protected CustomerState read(DataInputView in) throws IOException {
      CustomerState s = CustomerState.empty();
      s.firstSeen = in.readLong();
      s.lastSeen = s.firstSeen;
      return s;
    }
  }

  private static final Format7 FORMAT_7 = new Format7();
  private static final StateFormats THEN = new StateFormats(9, CustomerStateSerializer.INSTANCE, Map.of(7, FORMAT_7));
  private static final byte[] FORMAT_7_RECORD = {7, 0, 0, 1, -101, 118, -38, -88, 0};

  @Test
  void theJobWritesFormat10AndMigratesFormat9() throws Exception {
    assertThat(StateFormats.KNOWN.current()).isEqualTo(10);
    assertThat(StateFormats.KNOWN.compatibility(10).isCompatibleAsIs()).isTrue();
    assertThat(StateFormats.KNOWN.compatibility(9).isCompatibleAfterMigration()).isTrue();
    assertThat(StateFormats.KNOWN.readerOf(9)).isSameAs(dev.customerpulse.state.format.CustomerStateFormat9.INSTANCE);
    for (int format : new int[] {0, 7, 8, 11}) {
      assertThat(StateFormats.KNOWN.compatibility(format).isIncompatible()).as("format %d", format).isTrue();
    }
  }

  @Test
  void anOlderKnownFormatIsMigratedTheCurrentUsedAsIsAnythingElseRefused() {
    assertThat(THEN.compatibility(7).isCompatibleAfterMigration()).isTrue();
    assertThat(THEN.compatibility(9).isCompatibleAsIs()).isTrue();
    for (int format : new int[] {6, 8, 10}) {
      assertThat(THEN.compatibility(format).isIncompatible()).as("format %d", format).isTrue();
    }
    assertThat(THEN.reader(7)).isSameAs(FORMAT_7);
    assertThat(THEN.reader(9)).isSameAs(CustomerStateSerializer.INSTANCE);
    assertThatThrownBy(() -> THEN.readerOf(8)).isInstanceOf(IOException.class)
        .hasMessage("customer state format 8 is not one this job reads ([7, 9])");
  }

  /** What Flink does with each value when it migrates: read with the old snapshot's reader, write with today's. */
  @Test
  void migratedStateIsReadByTheFrozenReaderAndWrittenInTheCurrentFormat() throws Exception {
    CustomerStateSnapshot old = new CustomerStateSnapshot(7);
    CustomerState read = THEN.reader(old.format()).deserialize(new DataInputDeserializer(FORMAT_7_RECORD));
    assertThat(read.firstSeen).isEqualTo(1_767_225_600_000L);
    DataOutputSerializer out = new DataOutputSerializer(64);
    CustomerStateSerializer.INSTANCE.serialize(read, out);
    assertThat(out.getCopyOfBuffer()[0]).isEqualTo((byte) CustomerStateSerializer.FORMAT);
    assertThat(CustomerStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())).firstSeen)
        .isEqualTo(1_767_225_600_000L);
  }

  @Test
  void aFrozenReaderReadsItsOwnFormatOnlyWritesNothingAndSnapshotsItsFormat() {
    assertThatThrownBy(() -> FORMAT_7.deserialize(new DataInputDeserializer(new byte[] {9})))
        .hasMessage("customer state format 9 read by the frozen reader of format 7");
    assertThatThrownBy(() -> FORMAT_7.serialize(CustomerState.empty(), new DataOutputSerializer(8)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("customer state format 7 is only read, to migrate it; state is written in format 10");
    assertThat(FORMAT_7.snapshotConfiguration()).isEqualTo(new CustomerStateSnapshot(7));
  }

  @Test
  void anOlderFormatMustBeOlder() {
    assertThatThrownBy(() -> new StateFormats(9, CustomerStateSerializer.INSTANCE, Map.of(9, FORMAT_7)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
