package dev.customerpulse.published;

import dev.customerpulse.state.Consents;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis hash's {@code consent_decisions} field: every consent decision the customer made, granted
 * or withdrawn, as {@code <purpose>:<granted|withdrawn>:<epoch ms>:<source>} joined by commas, sorted
 * by purpose. The source is URL-encoded (it comes from other systems and may hold any character),
 * empty when not known. What {@code pulse consent ID} reads.
 */
public final class ConsentDetail {
  private ConsentDetail() {}

  /** One decision as the field holds it; {@code source} null when not known. */
  public record Decision(String purpose, boolean granted, long at, String source) {}

  public static String format(Consents consents) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < consents.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String source = consents.source(i);
      out.append(consents.purpose(i)).append(':').append(consents.grantedAt(i) ? "granted" : "withdrawn").append(':')
          .append(consents.time(i)).append(':')
          .append(source == null ? "" : URLEncoder.encode(source, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  /** @throws IllegalArgumentException when {@code field} is not in the format {@link #format} writes */
  public static List<Decision> parse(String field) {
    List<Decision> decisions = new ArrayList<>();
    if (field == null || field.isEmpty()) {
      return decisions;
    }
    for (String entry : field.split(",")) {
      String[] parts = entry.split(":", 4);
      if (parts.length != 4 || !(parts[1].equals("granted") || parts[1].equals("withdrawn"))) {
        throw new IllegalArgumentException("not a consent decision: '" + entry + "'");
      }
      String source = parts[3].isEmpty() ? null : URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
      decisions.add(new Decision(parts[0], parts[1].equals("granted"), Long.parseLong(parts[2]), source));
    }
    return decisions;
  }
}
