package dev.customerpulse.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.text.StringTokenizer;

/**
 * The UCI Online Retail file (every invoice line of a UK online shop, Dec 2010 to Dec 2011) read
 * raw and grouped into invoices, for the tests alone (no production code). An exact duplicate row
 * is the same line of the same invoice twice, taken for an export duplicate: each invoice keeps its
 * distinct rows once and counts what it dropped.
 */
final class OnlineRetail {
  /** InvoiceDate is the shop's local time. */
  static final ZoneId SHOP_TIME = ZoneId.of("Europe/London");
  private static final DateTimeFormatter INVOICE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  record Line(String stockCode, int quantity, BigDecimal unitPrice) {}

  /**
   * One invoice: its distinct rows, its customer ({@code null} for a guest checkout) and its time
   * (the earliest of its rows: 43 invoices span two minutes).
   */
  record Invoice(String number, String customer, Instant time, List<Line> lines, int duplicateRows) {
    /** "C..." invoices cancel (credit) earlier purchases; their quantities are negative. */
    boolean cancellation() {
      return number.startsWith("C");
    }

    /** "A..." invoices are accounting adjustments (bad debt), not orders. */
    boolean adjustment() {
      return number.startsWith("A");
    }

    boolean sale() {
      return !cancellation() && !adjustment();
    }

    boolean guest() {
      return customer == null;
    }

    /** The invoice number without its letter. */
    long numeric() {
      return Long.parseLong(sale() ? number : number.substring(1));
    }

    /** Σ quantity × unit price in pence, rounded half up once per invoice (4 invoices have prices of 0.001). */
    long totalPence() {
      BigDecimal total = BigDecimal.ZERO;
      for (Line line : lines) {
        total = total.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
      }
      return pence(total);
    }
  }

  /** The whole file: its row count and its invoices in time order (ties by invoice number). */
  record Contents(int rows, List<Invoice> invoices) {}

  private OnlineRetail() {}

  static long pence(BigDecimal pounds) {
    return pounds.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** CustomerID is written as float text ("17850.0"): the customer is 17850; empty for a guest. */
  private static String customerId(String field) {
    return field.isEmpty() ? null : new BigDecimal(field).toBigIntegerExact().toString();
  }

  static Contents read(Path file) throws IOException {
    Map<String, List<String[]>> rowsByInvoice = new LinkedHashMap<>();
    Map<String, Set<String>> distinctRows = new LinkedHashMap<>();
    Map<String, Integer> allRows = new LinkedHashMap<>();
    int rows = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (!"InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country".equals(header)) {
        throw new AssertionError("not the Online Retail file: header " + header);
      }
      String row;
      while ((row = in.readLine()) != null) {
        rows++;
        // Descriptions hold commas inside quotes.
        String[] f = StringTokenizer.getCSVInstance(row).getTokenArray();
        if (f.length != 8) {
          throw new AssertionError("row " + rows + " has " + f.length + " fields: " + row);
        }
        allRows.merge(f[0], 1, Integer::sum);
        if (distinctRows.computeIfAbsent(f[0], k -> new LinkedHashSet<>()).add(row)) {
          rowsByInvoice.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
        }
      }
    }
    List<Invoice> invoices = new ArrayList<>();
    for (var entry : rowsByInvoice.entrySet()) {
      List<String[]> fields = entry.getValue();
      String customer = customerId(fields.get(0)[6]);
      Instant time = null;
      List<Line> lines = new ArrayList<>();
      for (String[] f : fields) {
        if (!java.util.Objects.equals(customer, customerId(f[6]))) {
          throw new AssertionError("invoice " + entry.getKey() + " has rows of two customers");
        }
        Instant rowTime = LocalDateTime.parse(f[4], INVOICE_DATE).atZone(SHOP_TIME).toInstant();
        time = time == null || rowTime.isBefore(time) ? rowTime : time;
        lines.add(new Line(f[1], Integer.parseInt(f[3]), new BigDecimal(f[5])));
      }
      invoices.add(new Invoice(entry.getKey(), customer, time, List.copyOf(lines), allRows.get(entry.getKey()) - fields.size()));
    }
    invoices.sort(Comparator.comparing(Invoice::time).thenComparing(Invoice::number));
    return new Contents(rows, invoices);
  }
}
