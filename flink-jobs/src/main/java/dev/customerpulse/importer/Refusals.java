package dev.customerpulse.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rows not imported, by reason, each with its line number and what was wrong. */
public final class Refusals {
  /** A refused row: its line number and the detail. */
  public record Refusal(int line, String detail) {}

  private final Map<String, List<Refusal>> byReason = new TreeMap<>();

  void add(String reason, int line, String detail) {
    byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(new Refusal(line, detail));
  }

  /** Reason → refused rows in line order. */
  public Map<String, List<Refusal>> byReason() {
    return byReason;
  }

  /** The refused rows of {@code reason} (empty when none). */
  public List<Refusal> of(String reason) {
    return byReason.getOrDefault(reason, List.of());
  }

  public int total() {
    return byReason.values().stream().mapToInt(List::size).sum();
  }
}
