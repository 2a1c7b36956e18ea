package dev.customerpulse.privacy;

import java.util.Locale;

/** Normal form of an email address: trimmed, lower-cased, and plausibly shaped. */
public final class EmailAddresses {
  /** RFC 5321's limit on a whole address. */
  static final int MAX_LENGTH = 254;

  private EmailAddresses() {}

  /**
   * The address trimmed and lower-cased (the whole of it: providers treat the local part without
   * case, and a join that missed "Ann@x" vs "ann@x" would split one person in two).
   *
   * @throws IllegalArgumentException when it is not one address: no single '@', an empty side, a
   *     space, a domain without a dot or with empty labels, or over 254 characters
   */
  public static String normalise(String raw) {
    String email = trim(raw).toLowerCase(Locale.ROOT);
    int at = email.indexOf('@');
    if (email.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("an email address is longer than " + MAX_LENGTH + " characters");
    }
    if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1) {
      throw new IllegalArgumentException("not an email address (needs exactly one '@' with text on both sides)");
    }
    for (int i = 0; i < email.length(); i++) {
      char c = email.charAt(i);
      if (blank(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException("an email address contains white space or a control character");
      }
    }
    String domain = email.substring(at + 1);
    if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
      throw new IllegalArgumentException("the domain of an email address is not a dotted host name");
    }
    return email;
  }

  /** Trims white space including no-break spaces, which copy-paste from web forms brings along. */
  private static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && blank(s.charAt(start))) {
      start++;
    }
    while (end > start && blank(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean blank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
