package dev.customerpulse.ingest;

import dev.customerpulse.avro.PrivacyRequest;
import dev.customerpulse.connectors.kafka.DecodeException;
import java.io.Serializable;

/**
 * Turns a data subject's request into an ERASE or EXPORT event. A request by customer id goes to the
 * customer's key; one by email or phone goes to the index key of its pseudonym ({@code pii:<pseudonym>}),
 * which knows every customer seen with it. The raw email or phone goes no further than this class.
 */
public final class PrivacyRequestMapper implements EventMapper.Mapping<PrivacyRequest>, Serializable {
  /** Keys of the email and phone index (the engine's {@code Aliases.INDEX_PREFIX}). */
  public static final String INDEX_PREFIX = "pii:";

  private final IdentityMapper contacts;

  public PrivacyRequestMapper(IdentityMapper contacts) {
    this.contacts = contacts;
  }

  @Override
  public CustomerEvent map(PrivacyRequest request, long sourceTimestamp) throws DecodeException {
    EventKind kind = switch (request.getType()) {
      case ERASE -> EventKind.ERASE;
      case EXPORT -> EventKind.EXPORT;
      case OTHER -> null;
    };
    if (kind == null) {
      return null;
    }
    String key;
    if (CustomerKeys.present(request.getCustomerId())) {
      key = request.getCustomerId();
    } else if (CustomerKeys.present(request.getEmail())) {
      key = INDEX_PREFIX + contacts.email(request.getEmail());
    } else {
      key = INDEX_PREFIX + contacts.phone(request.getPhone(), request.getCountry());
    }
    return new CustomerEvent(key, "privacy/" + request.getRequestId(), kind, request.getRequestedAt().toEpochMilli(),
        sourceTimestamp, 0, null).withRequest(request.getRequestId(), request.getRequestedBy());
  }
}
