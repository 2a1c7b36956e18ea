package dev.customerpulse.ingest;

import dev.customerpulse.avro.PrivacyRequest;
import dev.customerpulse.connectors.kafka.ConfluentAvroEncoder;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.privacy.Pseudonymizer.Kind;

/** Dead letters of privacy-requests keep the request with its email and phone pseudonymised. */
public final class PrivacyRequestDeadLetters implements InputDeserializer.PersonalData<PrivacyRequest> {
  private final IdentityMapper contacts;
  private final ConfluentAvroEncoder<PrivacyRequest> encoder;
  private transient boolean opened;

  public PrivacyRequestDeadLetters(IdentityMapper contacts, RegistrySettings registry, String topic) {
    this.contacts = contacts;
    this.encoder = new ConfluentAvroEncoder<>(PrivacyRequest.class, registry, topic);
  }

  @Override
  public byte[] scrubbedValue(PrivacyRequest decoded) {
    if (!opened) {
      try {
        encoder.open(null);
      } catch (Exception e) {
        throw new IllegalStateException("cannot prepare the privacy-request dead-letter encoder", e);
      }
      opened = true;
    }
    PrivacyRequest copy = PrivacyRequest.newBuilder(decoded).build();
    copy.setEmail(contacts.scrub(decoded.getEmail(), Kind.EMAIL, decoded.getCountry()));
    copy.setPhone(contacts.scrub(decoded.getPhone(), Kind.PHONE, decoded.getCountry()));
    return encoder.encode(copy);
  }
}
