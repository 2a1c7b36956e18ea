package dev.customerpulse.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * How the columns of an order-history CSV map onto orders: which column holds the customer, the
 * order, the time, the money, and how a cancellation is recognised. Given by a small mapping file
 * (Java properties, keys as in {@link #KEYS}) and flags of the same names, the flags winning.
 *
 * @param customer column of the customer id; rows where it is empty are guest rows
 * @param order column of the order or invoice id; rows with the same id are one order
 * @param time column of the order time
 * @param timePattern a java.time pattern for the time column (null: ISO-8601 and the job's other formats)
 * @param timeZone zone of times written without one
 * @param quantity column of the quantity (null: one)
 * @param unitPrice column of the unit price in major units (with quantity), or null
 * @param amount column of a line's amount in major units (instead of quantity × unit price), or null
 * @param currency column of the ISO 4217 currency, or null
 * @param fixedCurrency the currency when there is no currency column (or it is empty)
 * @param status column of the status (paid, refunded, cancelled, placed), or null
 * @param cancellationPrefix an order id starting with this is a cancellation (e.g. "C"), or null
 * @param product column of the product id, or null
 * @param category column of the product category, or null
 */
public record ImportMapping(String customer, String order, String time, String timePattern, ZoneId timeZone,
    String quantity, String unitPrice, String amount, String currency, String fixedCurrency, String status,
    String cancellationPrefix, String product, String category) {

  /** The keys of a mapping file, which are also the flags' names (without "--"). */
  public static final Set<String> KEYS = Set.of("customer", "order", "time", "time-pattern", "time-zone", "quantity",
      "unit-price", "amount", "currency-column", "currency", "status", "cancellation-prefix", "product", "category");

  public ImportMapping {
    require(customer, "customer");
    require(order, "order");
    require(time, "time");
    if (amount == null && unitPrice == null) {
      throw new IllegalArgumentException("the mapping needs the money: 'unit-price' (with 'quantity') or 'amount'");
    }
    if (amount != null && unitPrice != null) {
      throw new IllegalArgumentException("the mapping has both 'amount' and 'unit-price': give one");
    }
    if (currency == null && fixedCurrency == null) {
      throw new IllegalArgumentException("the mapping needs a 'currency' (e.g. EUR) or a 'currency-column'");
    }
    if (fixedCurrency != null) {
      fixedCurrency = fixedCurrency.toUpperCase(Locale.ROOT);
      try {
        Currency.getInstance(fixedCurrency);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("currency '" + fixedCurrency + "' is not an ISO 4217 code");
      }
    }
    if (timePattern != null) {
      try {
        DateTimeFormatter.ofPattern(timePattern);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("time-pattern '" + timePattern + "': " + e.getMessage());
      }
    }
  }

  /**
   * The mapping from {@code file} (may be null) overridden by {@code flags} (key → value, nulls
   * ignored).
   */
  public static ImportMapping of(Path file, Map<String, String> flags) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    if (file != null) {
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(in);
      }
      for (String key : properties.stringPropertyNames()) {
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException(file + ": unknown key '" + key + "'; known: " + new java.util.TreeSet<>(KEYS));
        }
        values.put(key, properties.getProperty(key).strip());
      }
    }
    flags.forEach((key, value) -> {
      if (value != null) {
        values.put(key, value.strip());
      }
    });
    values.values().removeIf(String::isEmpty);
    ZoneId zone;
    try {
      zone = ZoneId.of(values.getOrDefault("time-zone", "UTC"));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("time-zone '" + values.get("time-zone") + "' is not a zone id (e.g. Europe/London)");
    }
    return new ImportMapping(values.get("customer"), values.get("order"), values.get("time"), values.get("time-pattern"),
        zone, values.get("quantity"), values.get("unit-price"), values.get("amount"), values.get("currency-column"),
        values.get("currency"), values.get("status"), values.get("cancellation-prefix"), values.get("product"),
        values.get("category"));
  }

  /** The mapping of the UCI Online Retail layout (InvoiceNo, StockCode, ..., CustomerID, Country), UK time, pounds. */
  public static ImportMapping onlineRetail() {
    return new ImportMapping("CustomerID", "InvoiceNo", "InvoiceDate", "yyyy-MM-dd HH:mm:ss", ZoneId.of("Europe/London"),
        "Quantity", "UnitPrice", null, null, "GBP", null, "C", "StockCode", null);
  }

  private static void require(String column, String key) {
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException("the mapping needs the '" + key + "' column");
    }
  }
}
