package dev.customerpulse.engine;

import dev.customerpulse.state.CustomerState;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ProfileUpdateSerializerTest {
  @Test
  void flinkUsesItAndCopiesAreTheSameObject() {
    var serializer = TypeInformation.of(ProfileUpdate.class).createSerializer(new SerializerConfigImpl());
    assertThat(serializer).isSameAs(ProfileUpdateSerializer.INSTANCE);
    ProfileUpdate update = new ProfileUpdate("c-1", 5, CustomerState.empty());
    assertThat(serializer.copy(update)).isSameAs(update);
    assertThat(serializer.isImmutableType()).isTrue();
  }

  @Test
  void updatesAndDeletionsRoundTrip() throws Exception {
    CustomerState state = CustomerState.empty();
    state.firstSeen = 1_000;
    state.lastSeen = 9_000;
    state.version = 4;
    state.currency = "EUR";
    ProfileUpdate update = new ProfileUpdate("kunde-ä", 77, state);
    ProfileUpdate deletion = ProfileUpdate.deletion("c-2", state);
    ProfileUpdate restricted = new ProfileUpdate("c-3", 0, state);
    restricted.restricted = true;
    DataOutputSerializer out = new DataOutputSerializer(64);
    ProfileUpdateSerializer.INSTANCE.serialize(update, out);
    ProfileUpdateSerializer.INSTANCE.serialize(deletion, out);
    ProfileUpdateSerializer.INSTANCE.serialize(restricted, out);

    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    ProfileUpdate first = ProfileUpdateSerializer.INSTANCE.deserialize(in);
    ProfileUpdate second = ProfileUpdateSerializer.INSTANCE.deserialize(in);
    assertThat(first).usingRecursiveComparison().ignoringFields("profile.daily").isEqualTo(update);
    assertThat(second.deleted).isTrue();
    assertThat(second.customerId).isEqualTo("c-2");
    assertThat(second.restricted).isFalse();
    ProfileUpdate third = ProfileUpdateSerializer.INSTANCE.deserialize(in);
    assertThat(third.restricted).isTrue();
    assertThat(third.deleted).isFalse();
    assertThat(in.available()).isZero();
  }
}
