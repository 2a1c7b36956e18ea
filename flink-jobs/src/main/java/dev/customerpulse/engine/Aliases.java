package dev.customerpulse.engine;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.state.CustomerState;
import java.util.Arrays;

/**
 * The other keys that refer to a customer ({@link CustomerState#aliases}): linked visitors, merged
 * ids and the email and phone index keys. Kept so that an erasure reaches every one of them.
 */
final class Aliases {
  /** Keys of the email and phone index: {@code pii:<pseudonym>} holds the customers seen with it. */
  static final String INDEX_PREFIX = dev.customerpulse.ingest.PrivacyRequestMapper.INDEX_PREFIX;

  private Aliases() {}

  static boolean isIndexKey(String key) {
    return key.startsWith(INDEX_PREFIX);
  }

  /** {@code keys} with {@code key} in its sorted place; the same array when it is there already. */
  static String[] with(String[] keys, String key) {
    int at = Arrays.binarySearch(keys, key);
    if (at >= 0) {
      return keys;
    }
    int insert = -at - 1;
    String[] more = new String[keys.length + 1];
    System.arraycopy(keys, 0, more, 0, insert);
    more[insert] = key;
    System.arraycopy(keys, insert, more, insert + 1, keys.length - insert);
    return more;
  }

  /** {@code keys} without {@code key}; the same array when it is not there. */
  static String[] without(String[] keys, String key) {
    int at = Arrays.asList(keys).indexOf(key);
    if (at < 0) {
      return keys;
    }
    String[] fewer = new String[keys.length - 1];
    System.arraycopy(keys, 0, fewer, 0, at);
    System.arraycopy(keys, at + 1, fewer, at, keys.length - at - 1);
    return fewer;
  }

  /**
   * Records the aliases an event of this customer reveals: the visitor a login or IDENTIFY links, and
   * the index keys of the contact pseudonyms an IDENTIFY carries; each index key not known before is
   * told (an INDEX handoff), so that a request by email or phone finds the customer.
   */
  static void learn(String key, CustomerState customer, CustomerEvent event, Effects effects) {
    if (event.kind != EventKind.LOGIN && event.kind != EventKind.IDENTIFY) {
      return;
    }
    if (event.otherKey != null) {
      customer.aliases = with(customer.aliases, event.otherKey);
    }
    index(key, customer, event.emailPseudonym, event, effects);
    index(key, customer, event.phonePseudonym, event, effects);
  }

  private static void index(String key, CustomerState customer, String pseudonym, CustomerEvent cause, Effects effects) {
    if (pseudonym == null) {
      return;
    }
    String indexKey = INDEX_PREFIX + pseudonym;
    String[] before = customer.aliases;
    customer.aliases = with(before, indexKey);
    if (customer.aliases != before) {
      effects.handoffs.add(indexEvent(indexKey, key, cause));
    }
  }

  /** An INDEX handoff: at {@code target}, {@code referrer} is tied to it. */
  static CustomerEvent indexEvent(String target, String referrer, CustomerEvent cause) {
    CustomerEvent index = new CustomerEvent(target, cause.eventId + "/index", EventKind.INDEX, cause.eventTime,
        cause.sourceTimestamp, 0, null).withIdentity(referrer, null, null, Long.MIN_VALUE);
    index.hops = cause.hops;
    return index;
  }
}
