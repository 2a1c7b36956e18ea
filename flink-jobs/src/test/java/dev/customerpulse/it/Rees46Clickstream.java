package dev.customerpulse.it;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderLine;
import dev.customerpulse.avro.OrderStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.text.StringTokenizer;

/**
 * The REES46 clickstream sample (a multi-category shop, 1 Oct 2019, 17,434 events) read raw, and
 * how its front end and order system would publish it: a {@code view} is a product view click, a
 * {@code cart} an add-to-cart click, a {@code purchase} a paid order of that one product (the data
 * has no order id; the schema has no purchase click). Prices are taken as US dollars. The sample
 * has no event id: each row's id is derived from the whole row, so an exact duplicate row is the
 * same event sent twice, as a producer retry would.
 */
final class Rees46Clickstream {
  private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
  static final String CURRENCY = "USD";

  /** One row; {@code category} is the category code, null when the row has none. */
  record Row(String eventId, Instant time, String type, String productId, String category, long priceCents, String user,
      String session) {}

  private Rees46Clickstream() {}

  /** Every row of the file, in file order (sorted by time), exact duplicates included. */
  static List<Row> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (!"event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session".equals(lines.get(0))) {
      throw new AssertionError("not the REES46 sample: header " + lines.get(0));
    }
    List<Row> out = new ArrayList<>(lines.size() - 1);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = StringTokenizer.getCSVInstance(line).getTokenArray();
      if (f.length != 9) {
        throw new AssertionError(f.length + " fields in " + line);
      }
      out.add(new Row("rees46/" + UUID.nameUUIDFromBytes(line.getBytes(StandardCharsets.UTF_8)),
          LocalDateTime.parse(f[0], EVENT_TIME).toInstant(ZoneOffset.UTC), f[1], f[2], f[4].isEmpty() ? null : f[4],
          new BigDecimal(f[6]).movePointRight(2).longValueExact(), f[7], f[8]));
    }
    return out;
  }

  /** A view or cart row as the front end's click. */
  static ClickEvent click(Row row) {
    ClickType type = switch (row.type()) {
      case "view" -> ClickType.PRODUCT_VIEW;
      case "cart" -> ClickType.ADD_TO_CART;
      default -> throw new IllegalArgumentException("not a click: " + row);
    };
    return ClickEvent.newBuilder().setEventId(row.eventId()).setCustomerId(row.user()).setSessionId(row.session())
        .setEventTime(row.time()).setType(type).setProductId(row.productId()).setCategory(row.category())
        .setPriceMinor(row.priceCents()).setCurrency(CURRENCY).build();
  }

  /** A purchase row as the order system's paid order of one unit. */
  static OrderEvent order(Row row) {
    OrderLine line = OrderLine.newBuilder().setProductId(row.productId()).setCategory(row.category()).setQuantity(1)
        .setUnitPriceMinor(row.priceCents()).build();
    return OrderEvent.newBuilder().setEventId(row.eventId()).setOrderId(row.eventId()).setCustomerId(row.user())
        .setEventTime(row.time()).setStatus(OrderStatus.PAID).setLines(List.of(line)).setAmountMinor(row.priceCents())
        .setCurrency(CURRENCY).build();
  }
}
