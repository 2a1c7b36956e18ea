package dev.customerpulse.ingest;

import dev.customerpulse.types.SerializerTypeInfo;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Gives {@link CustomerEvent} its hand-written serializer wherever Flink meets the type. */
public final class CustomerEventTypeInfoFactory extends TypeInfoFactory<CustomerEvent> {
  @Override
  public TypeInformation<CustomerEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
    return new SerializerTypeInfo<>(CustomerEvent.class, CustomerEventSerializer.INSTANCE);
  }
}
