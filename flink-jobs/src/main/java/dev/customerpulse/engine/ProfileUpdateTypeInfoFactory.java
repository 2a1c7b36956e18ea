package dev.customerpulse.engine;

import dev.customerpulse.types.SerializerTypeInfo;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Gives {@link ProfileUpdate} its serializer (identity copies) wherever Flink meets the type. */
public final class ProfileUpdateTypeInfoFactory extends TypeInfoFactory<ProfileUpdate> {
  @Override
  public TypeInformation<ProfileUpdate> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
    return new SerializerTypeInfo<>(ProfileUpdate.class, ProfileUpdateSerializer.INSTANCE);
  }
}
