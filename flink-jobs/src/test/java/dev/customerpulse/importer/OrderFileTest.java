package dev.customerpulse.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderLine;
import dev.customerpulse.avro.OrderStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An order-history CSV read through a mapping: each row that does not fit is refused with its line and reason, the rest imported. */
class OrderFileTest {
  private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

  @TempDir
  Path folder;

  private Path write(String name, String... rows) throws IOException {
    Path file = folder.resolve(name);
    String text = HEADER + "\n" + String.join("\n", rows) + "\n";
    if (name.endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      Files.writeString(file, text);
    }
    return file;
  }

  private static ImportPlan read(Path file) throws IOException {
    return OrderFile.read(file, ImportMapping.onlineRetail(), 1_000, (bytes, rows) -> { });
  }

  @Test
  void eachMappingErrorIsReportedWithItsLineAndReasonAndTheRestIsImported() throws IOException {
    Path file = write("orders.csv.gz",
        "536365,85123A,\"HEART, WHITE\",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",   // line 2
        "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom",  // 3
        "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85",                                 // 4: missing columns
        "536367,84879,BIRD ORNAMENT,32,01/12/2010 08:34,1.69,13047.0,United Kingdom",          // 5: unparseable time
        "536368,22960,JAM MAKING SET,-6,2010-12-01 08:34:00,4.25,13047.0,United Kingdom",      // 6: negative, no marker
        "536368,22913,RED COAT RACK,3,2010-12-01 08:34:00,4.95,13047.0,United Kingdom",        // 7
        "536369,21756,BATH BUILDING BLOCK,3,2010-12-01 08:35:00,5.95,,United Kingdom",         // 8: guest
        "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom",  // 9: duplicate of 3
        "C536379,22960,JAM MAKING SET,-2,2010-12-01 09:41:00,4.25,13047.0,United Kingdom",     // 10: cancellation
        "536370,22728,ALARM CLOCK,abc,2010-12-01 08:45:00,3.75,12583.0,France");               // 11: not a number

    ImportPlan plan = read(file);

    assertThat(plan.rows()).isEqualTo(10);
    Map<String, List<Refusals.Refusal>> refused = plan.refusals().byReason();
    assertThat(refused).containsOnlyKeys(RowReader.FIELDS, RowReader.TIME, RowReader.NEGATIVE_QUANTITY, RowReader.GUEST,
        RowReader.NUMBER);
    assertThat(refused.get(RowReader.FIELDS)).containsExactly(new Refusals.Refusal(4, "6 fields, the header has 8"));
    assertThat(refused.get(RowReader.TIME))
        .containsExactly(new Refusals.Refusal(5, "'01/12/2010 08:34' does not fit yyyy-MM-dd HH:mm:ss"));
    assertThat(refused.get(RowReader.NEGATIVE_QUANTITY)).containsExactly(new Refusals.Refusal(6, "order 536368: quantity -6"));
    assertThat(refused.get(RowReader.GUEST)).containsExactly(new Refusals.Refusal(8, "order 536369"));
    assertThat(refused.get(RowReader.NUMBER)).containsExactly(new Refusals.Refusal(11, "Quantity 'abc' is not a whole number"));
    assertThat(plan.duplicates()).containsExactly(new Refusals.Refusal(9, "same as line 3"));

    // 08:26 London time in December is 08:26 UTC.
    assertThat(plan.events()).extracting(OrderEvent::getEventId, OrderEvent::getCustomerId, OrderEvent::getEventTime,
        OrderEvent::getStatus, OrderEvent::getAmountMinor, OrderEvent::getCurrency).containsExactly(
        tuple("import/536365/paid", "17850", Instant.parse("2010-12-01T08:26:00Z"), OrderStatus.PAID, 6 * 255L + 6 * 339L, "GBP"),
        tuple("import/536368/paid", "13047", Instant.parse("2010-12-01T08:34:00Z"), OrderStatus.PAID, 3 * 495L, "GBP"),
        tuple("import/C536379/refunded", "13047", Instant.parse("2010-12-01T09:41:00Z"), OrderStatus.REFUNDED, 2 * 425L, "GBP"));
    assertThat(plan.events().get(0).getLines()).containsExactly(new OrderLine("85123A", null, 6, 255L),
        new OrderLine("71053", null, 6, 339L));
    assertThat(plan.events().get(2).getLines()).as("the units given back").containsExactly(new OrderLine("22960", null, 2, 425L));

    assertThat(CustomerTotals.of(plan.events())).isEqualTo(Map.of(
        "17850", new CustomerTotals(1, 0, 3564), "13047", new CustomerTotals(1, 1, 1485 - 850)));
  }

  @Test
  void timesWithOffsetsAndLocalTimesInTheMappingsZoneAreReadAsInstants() throws IOException {
    Path file = folder.resolve("orders.csv");
    Files.writeString(file, "order,customer,at,total\n"
        + "o1,ann,2025-03-01T23:30:00-05:00,10.00\n"
        + "o2,ann,2025-03-01 23:30:00,5.5\n"
        + "o3,bob,1740873600000,1\n");
    ImportMapping mapping = ImportMapping.of(null, Map.of("customer", "customer", "order", "order", "time", "at",
        "amount", "total", "currency", "eur", "time-zone", "Europe/Berlin"));
    ImportPlan plan = OrderFile.read(file, mapping, 1_000, (bytes, rows) -> { });
    assertThat(plan.refusals().total()).isZero();
    assertThat(plan.events()).extracting(OrderEvent::getOrderId, OrderEvent::getEventTime, OrderEvent::getAmountMinor,
        OrderEvent::getCurrency).containsExactly(
        tuple("o2", Instant.parse("2025-03-01T22:30:00Z"), 550L, "EUR"),
        tuple("o3", Instant.parse("2025-03-02T00:00:00Z"), 100L, "EUR"),
        tuple("o1", Instant.parse("2025-03-02T04:30:00Z"), 1000L, "EUR"));
  }

  @Test
  void aMappedColumnMissingFromTheHeaderIsOneLine() throws IOException {
    Path file = write("orders.csv", "536365,85123A,X,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom");
    ImportMapping mapping = ImportMapping.of(null, Map.of("customer", "Customer", "order", "InvoiceNo", "time", "InvoiceDate",
        "unit-price", "UnitPrice", "currency", "GBP"));
    assertThatThrownBy(() -> OrderFile.read(file, mapping, 1_000, (bytes, rows) -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 1: the header has no column 'Customer' (customer)");
  }
}
