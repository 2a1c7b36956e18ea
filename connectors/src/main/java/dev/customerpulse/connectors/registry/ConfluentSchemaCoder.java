package dev.customerpulse.connectors.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.flink.formats.avro.SchemaCoder;

/**
 * Reads and writes the Confluent wire-format header for flink-avro's registry (de)serialization
 * schemas. One instance serves one task thread, so its caches need no locking; the shared
 * {@link SchemaRegistryClient} below it caches across instances.
 */
public final class ConfluentSchemaCoder implements SchemaCoder {
  private final SchemaRegistryClient client;
  private final String subject;
  private final Map<Integer, Schema> readCache = new HashMap<>();
  // Keyed by identity: the serializer passes the same Schema instance for every record.
  private final Map<Schema, byte[]> writeHeaders = new IdentityHashMap<>();

  public ConfluentSchemaCoder(SchemaRegistryClient client, String subject) {
    this.client = client;
    this.subject = subject;
  }

  @Override
  public Schema readSchema(InputStream in) throws IOException {
    int magic = in.read();
    if (magic != ConfluentWireFormat.MAGIC_BYTE) {
      throw new NotConfluentFramedException(magic < 0 ? "record value is empty"
          : String.format("first byte is 0x%02x, not the Confluent magic byte 0x00", magic));
    }
    int id = 0;
    for (int i = 0; i < 4; i++) {
      int b = in.read();
      if (b < 0) {
        throw new NotConfluentFramedException("record ends inside the 5-byte Confluent header");
      }
      id = (id << 8) | b;
    }
    Schema schema = readCache.get(id);
    if (schema == null) {
      schema = client.schemaById(id);
      readCache.put(id, schema);
    }
    return schema;
  }

  @Override
  public void writeSchema(Schema schema, OutputStream out) throws IOException {
    byte[] header = writeHeaders.get(schema);
    if (header == null) {
      if (subject == null) {
        throw new IllegalStateException("this schema coder was built for reading only (no subject)");
      }
      int id = client.idForWriting(subject, schema);
      header = new byte[] {ConfluentWireFormat.MAGIC_BYTE, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
      writeHeaders.put(schema, header);
    }
    out.write(header);
  }
}
