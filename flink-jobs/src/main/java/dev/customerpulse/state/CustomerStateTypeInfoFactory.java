package dev.customerpulse.state;

import dev.customerpulse.types.SerializerTypeInfo;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Gives {@link CustomerState} its compact serializer wherever Flink meets the type. */
public final class CustomerStateTypeInfoFactory extends TypeInfoFactory<CustomerState> {
  @Override
  public TypeInformation<CustomerState> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
    return new SerializerTypeInfo<>(CustomerState.class, CustomerStateSerializer.INSTANCE);
  }
}
