package dev.customerpulse.ingest;

import dev.customerpulse.types.WireCodes;
import java.io.IOException;

/**
 * What a customer did, across the input streams; the last four tie identities together. Written as
 * its {@link #code()} (the shuffle, the customer-handoffs topic), fixed forever: a new kind takes a new
 * code, whatever its place here.
 */
public enum EventKind {
  PAGE_VIEW(0), PRODUCT_VIEW(1), SEARCH(2), ADD_TO_CART(3), REMOVE_FROM_CART(4), CHECKOUT_START(5), LOGIN(6), LOGOUT(7),
  CLICK_OTHER(8),
  ORDER_PLACED(9), ORDER_PAID(10), ORDER_CANCELLED(11), ORDER_REFUNDED(12), ORDER_OTHER(13),
  SERVICE_CALL(14),
  /** Facts about a customer: contact pseudonyms, sign-up time. */
  IDENTIFY(15),
  /** At an anonymous key: this visitor is customer {@code otherKey}. */
  LINK(16),
  /** At the merged customer's key: this customer is {@code otherKey}, which survives. */
  MERGE(17),
  /** At the surviving key: take over the state of {@code otherKey}, carried in {@code payload}. */
  ABSORB(18),
  /** The customer granted or withdrew consent for {@code purpose}. */
  CONSENT(19),
  /** A data subject's request to erase the customer ({@code requestId}); at {@code pii:} keys, every customer indexed there. */
  ERASE(20),
  /** A data subject's request for everything held about the customer ({@code requestId}). */
  EXPORT(21),
  /** At an email or phone index key ({@code pii:<pseudonym>}): customer {@code otherKey} was seen with it. */
  INDEX(22),
  /** At an alias key (linked visitor, merged id, index key): customer {@code otherKey} was erased; forget them. */
  ERASE_ALIAS(23);

  private static final WireCodes<EventKind> CODES = new WireCodes<>("event kind", values(), EventKind::code);
  private final int code;

  EventKind(int code) {
    this.code = code;
  }

  /** Its code in written events (one byte). */
  public int code() {
    return code;
  }

  /** @throws IOException when no kind has {@code code} (written by a newer job, or not an event) */
  public static EventKind ofCode(int code) throws IOException {
    return CODES.decode(code);
  }

  /**
   * Events about who a customer is rather than what they did, and the data subject's decisions and
   * requests: never late, never in a time bucket.
   */
  public boolean isIdentity() {
    return this == IDENTIFY || this == LINK || this == MERGE || this == ABSORB || isPrivacy();
  }

  /** Consent decisions, privacy requests and their bookkeeping between keys. */
  public boolean isPrivacy() {
    return this == CONSENT || this == ERASE || this == EXPORT || this == INDEX || this == ERASE_ALIAS;
  }
}
