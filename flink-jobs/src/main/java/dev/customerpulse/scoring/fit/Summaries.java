package dev.customerpulse.scoring.fit;

import dev.customerpulse.state.PurchaseHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an order history into per-customer summaries at a cut-off, with the streaming job's own code. */
public final class Summaries {
  private Summaries() {}

  /**
   * Summaries, as of the start of the day {@code endOfCalibration} falls on, of the customers who
   * bought by the end of that day (purchases on that day count, as in the CDNOW literature).
   */
  public static List<CustomerSummary> at(List<Transaction> transactions, long endOfCalibration, long unitMillis) {
    long lastDay = Math.floorDiv(endOfCalibration, PurchaseHistory.DAY_MILLIS);
    long cutOffMillis = lastDay * PurchaseHistory.DAY_MILLIS;
    Map<String, PurchaseHistory> histories = new LinkedHashMap<>();
    List<Transaction> ordered = new ArrayList<>(transactions);
    ordered.sort(Comparator.comparingLong(Transaction::timeMillis));
    for (Transaction t : ordered) {
      if (Math.floorDiv(t.timeMillis(), PurchaseHistory.DAY_MILLIS) <= lastDay) {
        histories.computeIfAbsent(t.customerId(), id -> new PurchaseHistory()).addPurchase(t.timeMillis(), t.amountMinor());
      }
    }
    List<CustomerSummary> summaries = new ArrayList<>(histories.size());
    histories.forEach((id, h) -> summaries.add(new CustomerSummary(id, h.repeatPurchases(), h.recency(unitMillis),
        h.age(cutOffMillis, unitMillis), h.meanRepeatAmountMinor() / 100.0)));
    return summaries;
  }
}
