package dev.customerpulse.importer;

import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.ingest.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/** Reads the rows of one CSV through a mapping, against the file's header; a row that does not fit is refused. */
final class RowReader {
  /** Refusal reasons, as the summary lists them. */
  static final String FIELDS = "wrong number of fields";
  static final String GUEST = "no customer (guest row)";
  static final String NO_ORDER = "no order id";
  static final String TIME = "unparseable time";
  static final String NUMBER = "unparseable number";
  static final String NEGATIVE_QUANTITY = "negative quantity without cancellation marker";
  static final String NEGATIVE_PRICE = "negative price or amount";
  static final String STATUS = "unknown status";

  /** A row that does not fit, with its reason and detail. */
  static final class Refused extends Exception {
    final String reason;

    Refused(String reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  private final ImportMapping mapping;
  private final int width;
  private final int customer;
  private final int order;
  private final int time;
  private final int quantity;
  private final int unitPrice;
  private final int amount;
  private final int currency;
  private final int status;
  private final int product;
  private final int category;
  private final DateTimeFormatter pattern;

  RowReader(ImportMapping mapping, List<String> header) {
    this.mapping = mapping;
    this.width = header.size();
    this.customer = column(header, mapping.customer(), "customer");
    this.order = column(header, mapping.order(), "order");
    this.time = column(header, mapping.time(), "time");
    this.quantity = column(header, mapping.quantity(), "quantity");
    this.unitPrice = column(header, mapping.unitPrice(), "unit-price");
    this.amount = column(header, mapping.amount(), "amount");
    this.currency = column(header, mapping.currency(), "currency-column");
    this.status = column(header, mapping.status(), "status");
    this.product = column(header, mapping.product(), "product");
    this.category = column(header, mapping.category(), "category");
    this.pattern = mapping.timePattern() == null ? null : DateTimeFormatter.ofPattern(mapping.timePattern(), Locale.ROOT);
  }

  OrderRow read(int line, String raw, List<String> f) throws Refused {
    if (f.size() != width) {
      throw new Refused(FIELDS, f.size() + " fields, the header has " + width);
    }
    String id = customerId(f.get(customer).strip());
    if (id.isEmpty()) {
      throw new Refused(GUEST, "order " + f.get(order).strip());
    }
    String orderId = f.get(order).strip();
    if (orderId.isEmpty()) {
      throw new Refused(NO_ORDER, "customer " + id);
    }
    long at = time(f.get(time).strip());
    int units = quantity < 0 ? 1 : integer(f.get(quantity), mapping.quantity());
    BigDecimal money = amount >= 0 ? decimal(f.get(amount), mapping.amount())
        : decimal(f.get(unitPrice), mapping.unitPrice()).multiply(BigDecimal.valueOf(Math.abs(units)));
    if (money.signum() < 0 && !(amount >= 0 && cancellation(orderId, f))) {
      throw new Refused(NEGATIVE_PRICE, "order " + orderId + ": " + money.toPlainString());
    }
    boolean cancellation = cancellation(orderId, f);
    if (units < 0 && !cancellation) {
      throw new Refused(NEGATIVE_QUANTITY, "order " + orderId + ": quantity " + units);
    }
    OrderStatus state = cancellation ? OrderStatus.REFUNDED : statusOf(f);
    String code = currency >= 0 && !f.get(currency).isBlank() ? f.get(currency).strip().toUpperCase(Locale.ROOT)
        : mapping.fixedCurrency();
    String cat = category < 0 || f.get(category).isBlank() ? null : f.get(category).strip();
    return new OrderRow(line, id, orderId, at, state, product < 0 ? "" : f.get(product).strip(), cat, Math.abs(units),
        money.abs(), code, fingerprint(raw));
  }

  /** FNV-1a, 64 bits, over the row's characters. */
  static long fingerprint(String raw) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < raw.length(); i++) {
      h ^= raw.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  private boolean cancellation(String orderId, List<String> f) throws Refused {
    if (mapping.cancellationPrefix() != null && orderId.startsWith(mapping.cancellationPrefix())) {
      return true;
    }
    return status >= 0 && statusOf(f) == OrderStatus.REFUNDED;
  }

  private OrderStatus statusOf(List<String> f) throws Refused {
    if (status < 0) {
      return OrderStatus.PAID;
    }
    String s = f.get(status).strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "", "paid", "completed", "complete" -> OrderStatus.PAID;
      case "refunded", "refund", "returned", "return" -> OrderStatus.REFUNDED;
      case "cancelled", "canceled" -> OrderStatus.CANCELLED;
      case "placed", "pending" -> OrderStatus.PLACED;
      default -> throw new Refused(STATUS, "'" + s + "' (paid, refunded, cancelled or placed)");
    };
  }

  long time(String text) throws Refused {
    try {
      if (pattern != null) {
        TemporalAccessor parsed = pattern.parse(text);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
          return ZonedDateTime.from(parsed).toInstant().toEpochMilli();
        }
        return LocalDateTime.from(parsed).atZone(mapping.timeZone()).toInstant().toEpochMilli();
      }
      try {
        // A local date-time (with 'T' or a space) is in the mapping's zone.
        return LocalDateTime.parse(text.replace(' ', 'T')).atZone(mapping.timeZone()).toInstant().toEpochMilli();
      } catch (DateTimeParseException notLocal) {
        Instant instant = Timestamps.parse(text);
        return instant.toEpochMilli();
      }
    } catch (RuntimeException e) {
      throw new Refused(TIME, "'" + text + "'" + (pattern == null ? "" : " does not fit " + mapping.timePattern()));
    }
  }

  /** Ids exported as float text ("17850.0") are the integer. */
  private static String customerId(String text) {
    int dot = text.indexOf('.');
    if (dot > 0 && text.substring(dot + 1).chars().allMatch(c -> c == '0') && text.substring(0, dot).chars().allMatch(Character::isDigit)) {
      return text.substring(0, dot);
    }
    return text;
  }

  private static int integer(String text, String column) throws Refused {
    try {
      return new BigDecimal(text.strip()).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new Refused(NUMBER, column + " '" + text + "' is not a whole number");
    }
  }

  private static BigDecimal decimal(String text, String column) throws Refused {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new Refused(NUMBER, column + " '" + text + "' is not a number");
    }
  }

  private static int column(List<String> header, String name, String key) {
    if (name == null) {
      return -1;
    }
    int index = header.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("line 1: the header has no column '" + name + "' (" + key + "); it has " + header);
    }
    return index;
  }
}
