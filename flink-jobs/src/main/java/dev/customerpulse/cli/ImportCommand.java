package dev.customerpulse.cli;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.generator.EventProducer;
import dev.customerpulse.generator.GeneratedEvent;
import dev.customerpulse.importer.CustomerTotals;
import dev.customerpulse.importer.ImportMapping;
import dev.customerpulse.importer.ImportPlan;
import dev.customerpulse.importer.OrderFile;
import dev.customerpulse.importer.Progress;
import dev.customerpulse.importer.Refusals;
import dev.customerpulse.job.EventOptions;
import dev.customerpulse.job.Preflight;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Imports an order history (CSV, .gz allowed) into the orders topic, or checks an import against Redis.", "",
        "The rows of one order (and status) become one order event with their lines, at the earliest row's time; a",
        "cancellation (--cancellation-prefix, or a refunded status) becomes a REFUNDED event that takes its money back;",
        "exact duplicate rows of an order are skipped; guest rows and rows that do not fit are refused and listed by",
        "reason with their line numbers. Event ids come from the order ids, so importing a file again counts nothing",
        "twice. Events are produced in event-time order. Run the job with pulse.history.until so that the past sends",
        "no alerts (docs/history.md)."})
final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The order history: a CSV with a header, gzip-compressed or not.")
  Path file;

  @Option(names = "--layout", paramLabel = "NAME", description = "A known layout: online-retail (UCI Online Retail).")
  String layout;

  @Option(names = "--mapping", paramLabel = "FILE", description = "A mapping file (key=value lines, keys as the flags below).")
  Path mappingFile;

  @Option(names = "--customer", paramLabel = "COLUMN", description = "Column of the customer id (empty: a guest row).")
  String customer;

  @Option(names = "--order", paramLabel = "COLUMN", description = "Column of the order or invoice id.")
  String order;

  @Option(names = "--time", paramLabel = "COLUMN", description = "Column of the order time.")
  String time;

  @Option(names = "--time-pattern", paramLabel = "PATTERN",
      description = "java.time pattern of the time, e.g. 'yyyy-MM-dd HH:mm:ss' (default: ISO-8601 and the job's formats).")
  String timePattern;

  @Option(names = "--time-zone", paramLabel = "ZONE", description = "Zone of times written without one (default UTC).")
  String timeZone;

  @Option(names = "--quantity", paramLabel = "COLUMN", description = "Column of the quantity (default: 1 per row).")
  String quantity;

  @Option(names = "--unit-price", paramLabel = "COLUMN", description = "Column of the unit price in major units (12.50).")
  String unitPrice;

  @Option(names = "--amount", paramLabel = "COLUMN", description = "Column of a row's amount in major units, instead of --unit-price.")
  String amount;

  @Option(names = "--currency", paramLabel = "CODE", description = "ISO 4217 currency of every row (or of rows without one).")
  String currency;

  @Option(names = "--currency-column", paramLabel = "COLUMN", description = "Column of the currency.")
  String currencyColumn;

  @Option(names = "--status", paramLabel = "COLUMN", description = "Column of the status: paid, refunded, cancelled, placed.")
  String status;

  @Option(names = "--cancellation-prefix", paramLabel = "TEXT", description = "An order id starting with this is a cancellation.")
  String cancellationPrefix;

  @Option(names = "--product", paramLabel = "COLUMN", description = "Column of the product id.")
  String product;

  @Option(names = "--category", paramLabel = "COLUMN", description = "Column of the product category.")
  String category;

  @Option(names = "--dry-run", description = "Read and report only; produce nothing.")
  boolean dryRun;

  @Option(names = "--verify", description = "Produce nothing: compare every customer's orders, refunds and net spend from the"
      + " file with the profiles in Redis, and list the differences (exit code 1 when there are any).")
  boolean verify;

  @Option(names = "--lines-shown", defaultValue = "10", description = "Line numbers listed per refusal reason (default ${DEFAULT-VALUE}).")
  int linesShown;

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long commandStarted = System.nanoTime();
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read " + file);
    }
    ImportMapping mapping = mapping();
    Configuration conf = connection.configuration();
    boolean terminal = System.console() != null;
    long size = Files.size(file);
    Progress reading = new Progress(out, "reading", "rows", size, terminal);
    ImportPlan plan = OrderFile.read(file, mapping, conf.get(EventOptions.VALIDATION_MAX_ORDER_LINES), reading::update);
    reading.finish(plan.rows());
    summary(out, plan);
    if (verify) {
      return verify(out, conf, plan);
    }
    if (dryRun || plan.events().isEmpty()) {
      return 0;
    }
    KafkaSettings kafka = ConnectionOptions.kafka(conf);
    var topics = ConnectionOptions.topics(conf);
    Preflight.checkTopics(kafka, List.of(topics.orders()));
    Progress producing = new Progress(out, "producing", "events", plan.events().size(), terminal);
    long started = System.nanoTime();
    try (EventProducer producer = new EventProducer(kafka, ConnectionOptions.registry(conf), topics)) {
      long sent = 0;
      for (OrderEvent event : plan.events()) {
        producer.send(new GeneratedEvent(GeneratedEvent.Input.ORDERS, event.getCustomerId(), event));
        sent++;
        producing.update(sent, sent);
      }
      producer.flush();
      producing.finish(sent);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double total = (System.nanoTime() - commandStarted) / 1e9;
    out.printf("Produced %,d order events to %s in %.1f s; %,d rows imported in %.1f s (%,.0f rows/s)%n", plan.events().size(),
        topics.orders(), seconds, plan.rows(), total, plan.rows() / Math.max(total, 1e-3));
    return 0;
  }

  private ImportMapping mapping() throws IOException {
    Map<String, String> flags = new LinkedHashMap<>();
    if (layout != null) {
      if (!layout.equals("online-retail")) {
        throw new IllegalArgumentException("--layout: unknown layout '" + layout + "' (known: online-retail)");
      }
      ImportMapping preset = ImportMapping.onlineRetail();
      flags.putAll(Map.of("customer", preset.customer(), "order", preset.order(), "time", preset.time(), "time-pattern",
          preset.timePattern(), "time-zone", preset.timeZone().getId(), "quantity", preset.quantity(), "unit-price",
          preset.unitPrice(), "currency", preset.fixedCurrency(), "cancellation-prefix", preset.cancellationPrefix(), "product",
          preset.product()));
    }
    Map<String, String> given = new HashMap<>();
    given.put("customer", customer);
    given.put("order", order);
    given.put("time", time);
    given.put("time-pattern", timePattern);
    given.put("time-zone", timeZone);
    given.put("quantity", quantity);
    given.put("unit-price", unitPrice);
    given.put("amount", amount);
    given.put("currency", currency);
    given.put("currency-column", currencyColumn);
    given.put("status", status);
    given.put("cancellation-prefix", cancellationPrefix);
    given.put("product", product);
    given.put("category", category);
    given.forEach((key, value) -> {
      if (value != null) {
        flags.put(key, value);
      }
    });
    return ImportMapping.of(mappingFile, flags);
  }

  private void summary(PrintWriter out, ImportPlan plan) {
    long paid = plan.events().stream().filter(e -> e.getStatus() == dev.customerpulse.avro.OrderStatus.PAID).count();
    long customers = plan.events().stream().map(OrderEvent::getCustomerId).distinct().count();
    out.printf("Read %,d rows of %s: %,d order events (%,d paid orders, %,d refunds or other) of %,d customers%n", plan.rows(),
        file, plan.events().size(), paid, plan.events().size() - paid, customers);
    if (!plan.events().isEmpty()) {
      out.printf("  from %s to %s%n", plan.events().get(0).getEventTime(), plan.events().get(plan.events().size() - 1).getEventTime());
    }
    if (!plan.duplicates().isEmpty()) {
      out.printf("  exact duplicate rows skipped: %,d, lines %s%n", plan.duplicates().size(), lines(plan.duplicates()));
    }
    Refusals refusals = plan.refusals();
    out.printf("  rows refused: %,d%n", refusals.total());
    refusals.byReason().forEach((reason, refused) -> {
      out.printf("    %-48s %,9d  lines %s%n", reason, refused.size(), lines(refused));
      refused.stream().limit(Math.min(3, linesShown)).forEach(r -> out.printf("      line %d: %s%n", r.line(), r.detail()));
    });
  }

  private String lines(List<Refusals.Refusal> refused) {
    String shown = refused.stream().limit(linesShown).map(r -> String.valueOf(r.line())).collect(Collectors.joining(", "));
    return refused.size() > linesShown ? shown + ", … (" + (refused.size() - linesShown) + " more)" : shown;
  }

  private int verify(PrintWriter out, Configuration conf, ImportPlan plan) {
    Map<String, CustomerTotals> expected = CustomerTotals.of(plan.events());
    List<String> customers = new ArrayList<>(expected.keySet());
    Map<String, List<String>> held = ConnectionOptions.readRedis(conf, (redis, keys) -> {
      Map<String, List<String>> profiles = new HashMap<>();
      for (int from = 0; from < customers.size(); from += 1_000) {
        List<String> batch = customers.subList(from, Math.min(customers.size(), from + 1_000));
        try (var pipeline = redis.pipelined()) {
          Map<String, redis.clients.jedis.Response<List<String>>> responses = new HashMap<>();
          for (String c : batch) {
            responses.put(c, pipeline.hmget(keys.profile(c), "orders", "refunds", "spend_minor"));
          }
          pipeline.sync();
          responses.forEach((c, r) -> profiles.put(c, r.get()));
        }
      }
      return profiles;
    });
    List<String> differences = CustomerTotals.differences(expected, held);
    if (differences.isEmpty()) {
      out.printf("Verified %,d customers against Redis (%s): orders, refunds and net spend all match the file%n",
          expected.size(), ConnectionOptions.redis(conf).displayUrl());
      return 0;
    }
    out.printf("%,d of %,d customers differ from the file in Redis (%s):%n", differences.size(), expected.size(),
        ConnectionOptions.redis(conf).displayUrl());
    differences.stream().limit(20).forEach(d -> out.println("  " + d));
    if (differences.size() > 20) {
      out.printf("  … and %,d more%n", differences.size() - 20);
    }
    return 1;
  }
}
