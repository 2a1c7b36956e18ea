package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * What Flink decides on restore, asking today's snapshot about the savepoint's: as is for format 10, migrated for 9,
 * also under the class name the checked-in savepoint uses; refused for any format this job has no
 * reader of. (Migration from an older known format: StateFormatsTest; the savepoint itself restoring:
 * SavepointFixtureTest, which goes through this decision: checked by hand, with the old class name
 * saying format 8, the restore fails with Flink's StateMigrationException.)
 */
class CustomerStateSnapshotTest {
  private static final TypeSerializerSnapshot<CustomerState> TODAY = CustomerStateSerializer.INSTANCE.snapshotConfiguration();

  private static TypeSerializerSchemaCompatibility<CustomerState> restoring(TypeSerializerSnapshot<CustomerState> old) {
    return TODAY.resolveSchemaCompatibility(old);
  }

  /** What a savepoint holds of a snapshot: its class name, version and content. */
  private static byte[] written(TypeSerializerSnapshot<?> snapshot) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    return out.getCopyOfBuffer();
  }

  private static TypeSerializerSnapshot<CustomerState> readBack(byte[] bytes) throws Exception {
    return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(bytes), CustomerStateSnapshotTest.class.getClassLoader());
  }

  @Test
  void todaysSerializerRecordsFormat10InItsSnapshot() throws Exception {
    assertThat(TODAY).isEqualTo(new CustomerStateSnapshot(10));
    byte[] bytes = written(TODAY);
    assertThat(Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length)).as("snapshot version 1, then format 10")
        .containsExactly(0, 0, 0, 1, 0, 0, 0, 10);
    TypeSerializerSnapshot<CustomerState> read = readBack(bytes);
    assertThat(read).isInstanceOf(CustomerStateSnapshot.class).isEqualTo(TODAY);
    assertThat(read.restoreSerializer()).isSameAs(CustomerStateSerializer.INSTANCE);
  }

  @Test
  void theSameFormatIsCompatibleAsIs() throws Exception {
    assertThat(restoring(readBack(written(TODAY))).isCompatibleAsIs()).isTrue();
  }

  @Test
  void theSnapshotClassOfTheCheckedInSavepointIsFormat9AndMigratedByItsFrozenReader() throws Exception {
    TypeSerializerSnapshot<CustomerState> legacy = readBack(written(new dev.customerpulse.profile.CustomerStateSerializer.Snapshot()));
    assertThat(legacy).isInstanceOf(dev.customerpulse.profile.CustomerStateSerializer.Snapshot.class);
    assertThat(((StateFormatSnapshot) legacy).format()).isEqualTo(9);
    assertThat(restoring(legacy).isCompatibleAfterMigration()).isTrue();
    assertThat(legacy.restoreSerializer()).isSameAs(dev.customerpulse.state.format.CustomerStateFormat9.INSTANCE);
  }

  @Test
  void aNewerFormatAfterADowngradeIsIncompatibleAndHasNoReader() throws Exception {
    TypeSerializerSnapshot<CustomerState> newer = readBack(written(new CustomerStateSnapshot(11)));
    assertThat(restoring(newer).isIncompatible()).isTrue();
    assertThatThrownBy(newer::restoreSerializer).isInstanceOf(IllegalStateException.class)
        .hasMessage("customer state format 11 is not one this job reads ([9, 10])");
  }

  @Test
  void anOlderFormatWithoutAFrozenReaderIsIncompatible() {
    assertThat(restoring(new CustomerStateSnapshot(8)).isIncompatible()).isTrue();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Test
  void aSnapshotOfAnotherSerializerIsIncompatible() {
    TypeSerializerSnapshot other = StringSerializer.INSTANCE.snapshotConfiguration();
    assertThat(restoring(other).isIncompatible()).isTrue();
  }

  @Test
  void aNewerSnapshotLayoutIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> new CustomerStateSnapshot().readSnapshot(2, new DataInputDeserializer(new byte[] {0, 0, 0, 9}), null))
        .hasMessage("customer state serializer snapshot version 2 is not one this job reads (1)");
  }
}
