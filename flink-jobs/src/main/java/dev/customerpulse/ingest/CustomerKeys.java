package dev.customerpulse.ingest;

/** How the job keys customers: by customer id, or by anonymous id until the visitor identifies. */
public final class CustomerKeys {
  public static final String ANONYMOUS_PREFIX = "anon:";

  private CustomerKeys() {}

  public static String anonymous(String anonymousId) {
    return ANONYMOUS_PREFIX + anonymousId;
  }

  public static boolean isAnonymous(String key) {
    return key.startsWith(ANONYMOUS_PREFIX);
  }

  public static boolean present(String id) {
    return id != null && !id.isBlank();
  }
}
