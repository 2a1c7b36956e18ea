package dev.customerpulse.dlq;

import dev.customerpulse.avro.DeadLetter;
import java.util.List;

/**
 * Which dead letters can go back to their topic as the record they stand for: not a truncated one
 * (it holds a prefix of the record) and not one without a value (a timer's processing error, or a
 * value withheld because it carries personal data). Those are re-published from their source offset
 * instead, if at all.
 */
public final class Republishing {
  private Republishing() {}

  /** Why this letter cannot be re-published as the record it stands for; null when it can. */
  public static String whyNot(DeadLetter letter) {
    if (letter.getTruncated()) {
      return "truncated (" + DeadLetterSummary.cut(letter) + ")";
    }
    if (letter.getValue() == null) {
      return "holds no value";
    }
    return null;
  }

  /**
   * The one-line refusal for a selection that holds letters {@link #whyNot} refuses, naming the first;
   * null when every selected letter can be re-published.
   */
  public static String refusal(List<DeadLetter> selected) {
    List<DeadLetter> refused = selected.stream().filter(letter -> whyNot(letter) != null).toList();
    if (refused.isEmpty()) {
      return null;
    }
    DeadLetter first = refused.get(0);
    return "refusing to re-publish: " + refused.size() + " of the " + selected.size() + " selected dead letters cannot go"
        + " back as the record they stand for, e.g. " + DeadLetterSummary.origin(first) + " is " + whyNot(first)
        + "; re-send those from their source offsets, or add --skip-incomplete to re-publish only the "
        + (selected.size() - refused.size()) + " whole ones";
  }
}
