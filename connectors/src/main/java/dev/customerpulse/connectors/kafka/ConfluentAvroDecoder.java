package dev.customerpulse.connectors.kafka;

import dev.customerpulse.connectors.registry.ConfluentAvroDeserializationSchema;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.ConfluentWireFormat;
import dev.customerpulse.connectors.registry.NotConfluentFramedException;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.connectors.registry.SchemaRegistryException;
import dev.customerpulse.connectors.registry.UnknownSchemaIdException;
import java.io.IOException;
import java.io.Serializable;
import org.apache.avro.AvroTypeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.SchemaCoder;


/**
 * Decodes Confluent-framed Avro into a generated record class, resolving the writer schema by id
 * and reading it into the class's schema (so producers may evolve compatibly). Input faults become
 * a {@link DecodeException} with a reason; registry outages propagate as {@link SchemaRegistryException}
 * so that the job retries instead of dead-lettering good records.
 */
public final class ConfluentAvroDecoder<T extends SpecificRecord> implements Serializable {

  static {
    AvroLimits.applyDefaults();
  }

  private final ConfluentAvroDeserializationSchema<T> avro;
  private final String recordName;

  public ConfluentAvroDecoder(Class<T> recordClass, RegistrySettings registry) {
    this(recordClass, ConfluentSchemaCoderProvider.forReading(registry));
  }

  /**
   * A decoder that looks writer schemas up through these coders instead of a registry client (tests
   * that run the job's decoding on in-memory records give it a fixed set of schemas).
   */
  public ConfluentAvroDecoder(Class<T> recordClass, SchemaCoder.SchemaCoderProvider schemas) {
    this.avro = new ConfluentAvroDeserializationSchema<>(recordClass, schemas);
    this.recordName = recordClass.getSimpleName();
  }

  public T decode(byte[] value) throws DecodeException, SchemaRegistryException {
    if (value == null || value.length == 0) {
      throw new DecodeException(DeadLetterReason.EMPTY_RECORD, "record value is empty", null);
    }
    try {
      ConfluentWireFormat.schemaId(value);
    } catch (NotConfluentFramedException e) {
      throw new DecodeException(DeadLetterReason.NOT_CONFLUENT_FRAMED, e.getMessage(), e);
    }
    try {
      return avro.deserialize(value);
    } catch (UnknownSchemaIdException e) {
      throw new DecodeException(DeadLetterReason.UNKNOWN_SCHEMA_ID, e.getMessage(), e);
    } catch (SchemaRegistryException e) {
      throw e;
    } catch (AvroTypeException e) {
      throw new DecodeException(DeadLetterReason.INCOMPATIBLE_SCHEMA,
          "writer schema cannot be read as " + recordName + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new DecodeException(DeadLetterReason.UNDECODABLE_AVRO,
          "Avro body cannot be decoded: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
  }
}
