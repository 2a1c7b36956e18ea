package dev.customerpulse.connectors.kafka;

import dev.customerpulse.connectors.registry.ConfluentAvroDeserializationSchema;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.ConfluentWireFormat;
import dev.customerpulse.connectors.registry.NotConfluentFramedException;
import dev.customerpulse.connectors.registry.RegistryMetrics;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.connectors.registry.SchemaRegistryException;
import dev.customerpulse.connectors.registry.UnknownSchemaIdException;
import java.io.IOException;
import java.io.Serializable;
import org.apache.avro.AvroTypeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.formats.avro.SchemaCoder;
import org.apache.flink.metrics.MetricGroup;


/**
 * Decodes Confluent-framed Avro into a generated record class, resolving the writer schema by id
 * and reading it into the class's schema (so producers may evolve compatibly). Input faults become
 * a {@link DecodeException} with a reason (an unknown schema id only after the registry client's
 * retries); a registry outage is waited out inside {@link #decode} for the outage tolerance, and
 * beyond it, like refused credentials, propagates as {@link SchemaRegistryException}, so that good
 * records are never dead-lettered for the registry's sake.
 */
public final class ConfluentAvroDecoder<T extends SpecificRecord> implements Serializable {

  static {
    AvroLimits.applyDefaults();
  }

  private final ConfluentAvroDeserializationSchema<T> avro;
  private final SchemaCoder.SchemaCoderProvider schemas;
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
    this.schemas = schemas;
    this.recordName = recordClass.getSimpleName();
  }

  /**
   * Adds the registry client's metrics ({@link RegistryMetrics}) to {@code group}; nothing when this
   * decoder reads through fixed schemas.
   */
  public void registerRegistryMetrics(MetricGroup group) {
    if (schemas instanceof ConfluentSchemaCoderProvider registry) {
      RegistryMetrics.register(group, registry.client());
    }
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
