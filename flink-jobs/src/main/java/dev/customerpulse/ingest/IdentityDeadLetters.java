package dev.customerpulse.ingest;

import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.connectors.kafka.ConfluentAvroEncoder;
import dev.customerpulse.connectors.registry.RegistrySettings;

/**
 * Keeps identity dead letters free of raw emails and phone numbers: the record is re-encoded
 * (in the job's IdentityEvent schema, registered under the identities subject) with both pseudonymised.
 */
public final class IdentityDeadLetters implements InputDeserializer.PersonalData<IdentityEvent> {
  private final IdentityMapper mapper;
  private final ConfluentAvroEncoder<IdentityEvent> encoder;
  private transient boolean opened;

  public IdentityDeadLetters(IdentityMapper mapper, RegistrySettings registry, String topic) {
    this.mapper = mapper;
    this.encoder = new ConfluentAvroEncoder<>(IdentityEvent.class, registry, topic);
  }

  @Override
  public byte[] scrubbedValue(IdentityEvent decoded) {
    if (!opened) {
      try {
        encoder.open(null);
      } catch (Exception e) {
        throw new IllegalStateException("cannot prepare the identity dead-letter encoder", e);
      }
      opened = true;
    }
    return encoder.encode(mapper.scrubbed(decoded));
  }
}
