package dev.customerpulse.cli;

import dev.customerpulse.avro.PrivacyOutcome;
import dev.customerpulse.avro.PrivacyReceipt;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one line that sums up what the job did with a request, from its receipts. Never holds a raw email or phone. */
final class PrivacySummary {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private PrivacySummary() {}

  /** An erasure: by customer id {@code subject} is the id; by email or phone it is "the given email" and the RESOLVED receipt is given. */
  static String erasure(String subject, PrivacyRoundTrip.Answer answer) {
    PrivacyReceipt resolved = answer.resolved();
    if (resolved == null) {
      PrivacyReceipt receipt = answer.answers().values().iterator().next();
      return customer(receipt) + deadline(List.of(receipt));
    }
    String who = subject + " (" + resolved.getSubject() + ")";
    List<String> customers = resolved.getForwardedTo();
    if (customers.isEmpty()) {
      return "nothing held about " + who;
    }
    List<String> parts = new ArrayList<>();
    List<PrivacyReceipt> receipts = new ArrayList<>();
    for (String customer : customers) {
      PrivacyReceipt receipt = answer.answers().get(customer);
      receipts.add(receipt);
      parts.add(customer(receipt));
    }
    return who + " was seen with " + count(customers.size(), "customer") + ": " + String.join("; ", parts) + deadline(receipts);
  }

  /** Why a request is not answered yet: no receipt at all, or not from every customer an email or phone was seen with. */
  static String timedOut(PrivacyRoundTrip.Answer answer, String subject, java.time.Duration timeout) {
    String within = org.apache.flink.util.TimeUtils.formatWithHighestUnit(timeout);
    String id = answer.request().getRequestId();
    if (answer.resolved() == null && answer.answers().isEmpty()) {
      return "no receipt for request " + id + " within " + within + "; is the job running? It answers the request"
          + " when it reads it";
    }
    List<String> waiting = new ArrayList<>(answer.resolved().getForwardedTo());
    waiting.removeAll(answer.answers().keySet());
    return "request " + id + ": " + count(waiting.size(), "customer") + " seen with " + subject + " not answered within "
        + within + " (" + String.join(", ", waiting) + ")";
  }

  /** What one customer's receipt says, without the deadline. */
  static String customer(PrivacyReceipt receipt) {
    return switch (receipt.getOutcome()) {
      case ERASED -> "erased " + receipt.getSubject() + ": " + count(receipt.getRemovedKeys().size(), "key") + ", "
          + count(receipt.getRemovedRedis().size(), "Redis key") + ", " + count(receipt.getRemovedRecords().size(), "record");
      case EXPORTED -> "exported " + receipt.getSubject();
      case NOT_FOUND -> "nothing held about " + receipt.getSubject();
      default -> "the job answered " + receipt.getSubject() + " with " + receipt.getOutcome();
    };
  }

  /** "; every copy gone by ..." with the latest deadline of the erased customers, or nothing when none was erased. */
  private static String deadline(List<PrivacyReceipt> receipts) {
    Instant latest = null;
    for (PrivacyReceipt receipt : receipts) {
      Instant by = receipt.getOutcome() == PrivacyOutcome.ERASED ? receipt.getCopiesGoneBy() : null;
      if (by != null && (latest == null || by.isAfter(latest))) {
        latest = by;
      }
    }
    return latest == null ? "" : "; every copy gone by " + minute(latest);
  }

  /** The minute at or after {@code at}: a deadline shown shorter would promise more than the receipt. */
  static String minute(Instant at) {
    Instant down = at.truncatedTo(ChronoUnit.MINUTES);
    return MINUTE.format(down.equals(at) ? down : down.plus(1, ChronoUnit.MINUTES));
  }

  static String count(int n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
