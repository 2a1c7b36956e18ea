package dev.customerpulse.job;

import dev.customerpulse.connectors.registry.ConfluentWireFormat;
import dev.customerpulse.connectors.registry.UnknownSchemaIdException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.SchemaCoder;

/** A fixed set of writer schemas by id, in place of the registry. */
final class FixedSchemas implements SchemaCoder.SchemaCoderProvider {
  private final Map<Integer, String> schemas;

  FixedSchemas(Map<Integer, Schema> schemas) {
    Map<Integer, String> json = new java.util.HashMap<>();
    schemas.forEach((id, schema) -> json.put(id, schema.toString()));
    this.schemas = json;
  }

  /** The Confluent wire format of this record, written with the schema it has under {@code id}. */
  static <T extends SpecificRecord> byte[] framed(int id, T record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(new byte[] {ConfluentWireFormat.MAGIC_BYTE, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public SchemaCoder get() {
    Map<Integer, Schema> parsed = new java.util.HashMap<>();
    schemas.forEach((id, json) -> parsed.put(id, new Schema.Parser().parse(json)));
    return new SchemaCoder() {
      @Override
      public Schema readSchema(InputStream in) throws IOException {
        // The decoder has checked the magic byte and the header's length already.
        in.read();
        int id = new DataInputStream(in).readInt();
        Schema schema = parsed.get(id);
        if (schema == null) {
          throw new UnknownSchemaIdException(id, "in-memory");
        }
        return schema;
      }

      @Override
      public void writeSchema(Schema schema, OutputStream out) {
        throw new UnsupportedOperationException("reading only");
      }
    };
  }
}
