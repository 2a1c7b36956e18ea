package dev.customerpulse.connectors.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.RegistryAvroDeserializationSchema;
import org.apache.flink.formats.avro.SchemaCoder;

/**
 * flink-avro's registry deserialization schema, made fast for the Confluent wire format: one datum
 * reader per writer schema, built once. (The parent re-targets a single reader for every record,
 * which makes Avro rebuild its schema resolution each time: a fifth of the job's CPU in profiles.)
 * Also refuses bytes left over after the record, which mean the writer schema was not the one used.
 */
public final class ConfluentAvroDeserializationSchema<T extends SpecificRecord> extends RegistryAvroDeserializationSchema<T> {
  private final Class<T> type;
  private final SchemaCoder.SchemaCoderProvider coders;

  private transient SchemaCoder coder;
  private transient Schema readerSchema;
  private transient SpecificData model;
  private transient Map<Schema, DatumReader<T>> readers;
  private transient BinaryDecoder decoder;

  public ConfluentAvroDeserializationSchema(Class<T> type, SchemaCoder.SchemaCoderProvider coders) {
    super(type, null, coders);
    this.type = type;
    this.coders = coders;
  }

  @Override
  public T deserialize(byte[] message) throws IOException {
    if (message == null) {
      return null;
    }
    if (coder == null) {
      coder = coders.get();
      model = SpecificData.getForClass(type);
      readerSchema = model.getSchema(type);
      readers = new IdentityHashMap<>();
    }
    // The coder returns one Schema instance per id, so an identity map finds the reader.
    Schema writer = coder.readSchema(new ByteArrayInputStream(message, 0, ConfluentWireFormat.HEADER_LENGTH));
    DatumReader<T> reader = readers.get(writer);
    if (reader == null) {
      reader = new SpecificDatumReader<>(writer, readerSchema, model);
      readers.put(writer, reader);
    }
    int header = ConfluentWireFormat.HEADER_LENGTH;
    decoder = DecoderFactory.get().binaryDecoder(message, header, message.length - header, decoder);
    T record = reader.read(null, decoder);
    if (!decoder.isEnd()) {
      throw new IOException("bytes left after the record: the writer schema does not describe this record");
    }
    return record;
  }
}
