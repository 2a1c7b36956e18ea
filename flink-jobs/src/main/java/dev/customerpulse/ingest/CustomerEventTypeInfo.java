package dev.customerpulse.ingest;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information that gives {@link CustomerEvent} its hand-written serializer. */
public final class CustomerEventTypeInfo extends TypeInformation<CustomerEvent> {
  public static final CustomerEventTypeInfo INSTANCE = new CustomerEventTypeInfo();

  /** Picked up through the {@code @TypeInfo} annotation on {@link CustomerEvent}. */
  public static final class Factory extends TypeInfoFactory<CustomerEvent> {
    @Override
    public TypeInformation<CustomerEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
      return INSTANCE;
    }
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<CustomerEvent> getTypeClass() {
    return CustomerEvent.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<CustomerEvent> createSerializer(SerializerConfig config) {
    return CustomerEventSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "CustomerEvent";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CustomerEventTypeInfo;
  }

  @Override
  public int hashCode() {
    return CustomerEventTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof CustomerEventTypeInfo;
  }
}
