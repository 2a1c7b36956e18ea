package dev.customerpulse.importer;

import dev.customerpulse.avro.OrderEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the job must hold for each customer once it has processed an import, computed from the order
 * events alone as docs/features.md defines the fields: paid orders, refunds, and net spend in the
 * currency of the first paid order (refunds taken back; orders in another currency counted, not summed).
 *
 * @param orders paid orders ({@code orders} in the profile)
 * @param refunds refunded orders ({@code refunds})
 * @param spendMinor net spend ({@code spend_minor})
 */
public record CustomerTotals(long orders, long refunds, long spendMinor) {

  /** Per customer id, from events in event-time order. */
  public static Map<String, CustomerTotals> of(List<OrderEvent> events) {
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, String> currencies = new TreeMap<>();
    for (OrderEvent e : events) {
      long[] s = sums.computeIfAbsent(e.getCustomerId(), c -> new long[3]);
      String customer = e.getCustomerId();
      switch (e.getStatus()) {
        case PAID -> {
          s[0]++;
          currencies.putIfAbsent(customer, e.getCurrency());
          if (e.getCurrency().equals(currencies.get(customer))) {
            s[2] += e.getAmountMinor();
          }
        }
        case REFUNDED -> {
          s[1]++;
          currencies.putIfAbsent(customer, e.getCurrency());
          if (e.getCurrency().equals(currencies.get(customer))) {
            s[2] -= e.getAmountMinor();
          }
        }
        default -> { }
      }
    }
    Map<String, CustomerTotals> out = new TreeMap<>();
    sums.forEach((customer, s) -> out.put(customer, new CustomerTotals(s[0], s[1], s[2])));
    return out;
  }

  /**
   * The differences between what the file says ({@code expected}) and what Redis holds
   * ({@code profiles}: customer → the profile's orders, refunds and spend_minor; empty when there is
   * no profile), one line each.
   */
  public static List<String> differences(Map<String, CustomerTotals> expected, Map<String, List<String>> profiles) {
    List<String> out = new ArrayList<>();
    expected.forEach((customer, want) -> {
      List<String> held = profiles.get(customer);
      if (held == null || held.get(0) == null) {
        out.add(customer + ": no profile in Redis (the file has " + want.orders() + " paid orders)");
        return;
      }
      String got = "orders " + held.get(0) + ", refunds " + held.get(1) + ", net spend " + held.get(2);
      String file = "orders " + want.orders() + ", refunds " + want.refunds() + ", net spend " + want.spendMinor();
      if (!got.equals(file)) {
        out.add(customer + ": file has " + file + "; Redis has " + got);
      }
    });
    return out;
  }
}
