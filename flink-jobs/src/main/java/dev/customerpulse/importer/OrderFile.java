package dev.customerpulse.importer;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderLine;
import dev.customerpulse.avro.OrderStatus;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads an order-history CSV (gzip-compressed or not) into an {@link ImportPlan}: the rows of one
 * order and status become one order event with their lines, at the earliest row's time; exact
 * duplicate rows of an order are skipped; rows that do not fit are refused with their line.
 */
public final class OrderFile {
  /** Refusal reasons of rows that fit alone but not in their order. */
  static final String OTHER_CUSTOMER = "order of another customer";
  static final String OTHER_CURRENCY = "order in another currency";
  static final String TOO_MANY_LINES = "order has more lines than the job accepts";

  /** Told now and then how far reading has come. */
  @FunctionalInterface
  public interface ReadProgress {
    void at(long bytesOfFile, long rows);
  }

  private OrderFile() {}

  /**
   * @param maxLines the most lines one order event may carry (pulse.validation.max-order-lines)
   * @param progress told the bytes of the file and the rows read so far, now and then
   */
  public static ImportPlan read(Path file, ImportMapping mapping, int maxLines, ReadProgress progress) throws IOException {
    Refusals refusals = new Refusals();
    Map<String, List<OrderRow>> orders = new LinkedHashMap<>();
    int rows = 0;
    try (CountingStream counted = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        BufferedReader in = new BufferedReader(new InputStreamReader(decompressed(counted), StandardCharsets.UTF_8), 1 << 16)) {
      String header = in.readLine();
      if (header == null) {
        throw new IllegalArgumentException(file + " is empty");
      }
      RowReader reader = new RowReader(mapping, CsvLine.split(header.replace("\uFEFF", "")));
      String raw;
      int line = 1;
      while ((raw = in.readLine()) != null) {
        line++;
        if (raw.isBlank()) {
          continue;
        }
        rows++;
        try {
          OrderRow row = reader.read(line, raw, CsvLine.split(raw));
          orders.computeIfAbsent(row.order() + '\u0000' + row.status(), k -> new ArrayList<>()).add(row);
        } catch (RowReader.Refused e) {
          refusals.add(e.reason, line, e.getMessage());
        }
        if ((rows & 4095) == 0) {
          progress.at(counted.count, rows);
        }
      }
    }
    List<Refusals.Refusal> duplicates = new ArrayList<>();
    List<OrderEvent> events = new ArrayList<>(orders.size());
    for (List<OrderRow> own : orders.values()) {
      OrderEvent event = assemble(own, maxLines, refusals, duplicates);
      if (event != null) {
        events.add(event);
      }
    }
    events.sort(Comparator.comparing(OrderEvent::getEventTime).thenComparing(OrderEvent::getOrderId)
        .thenComparing(e -> e.getStatus().ordinal()));
    duplicates.sort(Comparator.comparingInt(Refusals.Refusal::line));
    return new ImportPlan(rows, events, refusals, duplicates);
  }

  /** The id of the event of an order in a status: the same on every import of the same file. */
  public static String eventId(String order, OrderStatus status) {
    return "import/" + order + "/" + status.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static OrderEvent assemble(List<OrderRow> rows, int maxLines, Refusals refusals, List<Refusals.Refusal> duplicates) {
    OrderRow first = rows.get(0);
    Map<Long, Integer> seen = new HashMap<>();
    List<OrderRow> kept = new ArrayList<>(rows.size());
    for (OrderRow row : rows) {
      Integer copyOf = seen.putIfAbsent(row.fingerprint(), row.line());
      if (copyOf != null) {
        duplicates.add(new Refusals.Refusal(row.line(), "same as line " + copyOf));
      } else if (!row.customer().equals(first.customer())) {
        refusals.add(OTHER_CUSTOMER, row.line(), "order " + row.order() + " is customer " + first.customer() + "'s (line "
            + first.line() + "), this row names " + row.customer());
      } else if (!row.currency().equals(first.currency())) {
        refusals.add(OTHER_CURRENCY, row.line(), "order " + row.order() + " is in " + first.currency() + " (line "
            + first.line() + "), this row in " + row.currency());
      } else {
        kept.add(row);
      }
    }
    if (kept.size() > maxLines) {
      for (OrderRow row : kept) {
        refusals.add(TOO_MANY_LINES, row.line(), "order " + row.order() + " has " + kept.size() + " lines, the job takes "
            + maxLines);
      }
      return null;
    }
    int digits = Math.max(0, Currency.getInstance(first.currency()).getDefaultFractionDigits());
    BigDecimal total = BigDecimal.ZERO;
    long time = Long.MAX_VALUE;
    List<OrderLine> lines = new ArrayList<>(kept.size());
    for (OrderRow row : kept) {
      total = total.add(row.total());
      time = Math.min(time, row.time());
      BigDecimal unit = row.quantity() == 0 ? row.total()
          : row.total().divide(BigDecimal.valueOf(row.quantity()), digits + 4, RoundingMode.HALF_UP);
      lines.add(new OrderLine(row.product(), row.category(), row.quantity(), minor(unit, digits)));
    }
    return new OrderEvent(eventId(first.order(), first.status()), first.order(), first.customer(), Instant.ofEpochMilli(time),
        first.status(), lines, minor(total, digits), first.currency());
  }

  /** Major units to minor units, rounded half up once (per order, not per line). */
  static long minor(BigDecimal major, int digits) {
    return major.movePointRight(digits).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  private static InputStream decompressed(InputStream in) throws IOException {
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** Counts the bytes read from the file (before decompression), for the progress line. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
