package dev.customerpulse.connectors.kafka;

import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.RegistrySettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.flink.formats.avro.SchemaCoder;

/**
 * Encodes generated Avro records to one topic in the Confluent wire format (magic byte, schema id,
 * Avro binary), with {@link FastAvroWriter} where the schema allows and flink-avro's registry
 * serialization schema otherwise. One instance per task thread: it reuses its buffers.
 */
public final class ConfluentAvroEncoder<T extends SpecificRecord> implements Serializable {
  private final Class<T> recordClass;
  private final ConfluentSchemaCoderProvider coders;
  private final RegistryAvroSerializationSchema<T> fallback;

  private transient Schema schema;
  private transient SchemaCoder coder;
  private transient FastAvroWriter writer;
  private transient ByteArrayOutputStream bytes;
  private transient BinaryEncoder encoder;

  public ConfluentAvroEncoder(Class<T> recordClass, RegistrySettings registry, String topic) {
    this.recordClass = recordClass;
    this.coders = ConfluentSchemaCoderProvider.forWritingTo(registry, topic);
    this.fallback = RegistryAvroSerializationSchema.forSpecific(recordClass, coders);
  }

  public void open(org.apache.flink.api.common.serialization.SerializationSchema.InitializationContext context) throws Exception {
    fallback.open(context);
  }

  /**
   * The Confluent header (magic byte and schema id, registering the schema if needed) that
   * {@link #encode} puts before the Avro body, for writers that encode the body themselves.
   */
  public byte[] header() {
    try {
      ByteArrayOutputStream header = new ByteArrayOutputStream(5);
      coders.get().writeSchema(SpecificData.get().getSchema(recordClass), header);
      return header.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look up the schema id of " + recordClass.getSimpleName(), e);
    }
  }

  public byte[] encode(T record) {
    if (schema == null) {
      schema = SpecificData.get().getSchema(recordClass);
      if (!FastAvroWriter.supports(schema)) {
        return fallback.serialize(record);
      }
      coder = coders.get();
      writer = new FastAvroWriter(schema);
      bytes = new ByteArrayOutputStream(512);
    }
    if (writer == null) {
      return fallback.serialize(record);
    }
    try {
      bytes.reset();
      coder.writeSchema(schema, bytes);
      encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
      writer.write(record, encoder);
      encoder.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + recordClass.getSimpleName() + " for the registry", e);
    }
  }
}
