package dev.customerpulse.cli;

import dev.customerpulse.scoring.fit.OrderHistoryCsv;
import dev.customerpulse.scoring.fit.OrderTopicReader;
import dev.customerpulse.scoring.fit.Transaction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where an order history comes from: a CDNOW file, a CSV file, or a replay of the orders topic. */
final class OrderHistoryOptions {
  static final class Source {
    @Option(names = "--cdnow", paramLabel = "FILE",
        description = "CDNOW transactions (whitespace separated: customer id, [index,] yyyyMMdd, items, dollars; .gz allowed).")
    Path cdnow;

    @Option(names = "--csv", paramLabel = "FILE",
        description = "A CSV with a header; see --customer-column, --time-column, --amount-column (.gz allowed).")
    Path csv;

    @Option(names = "--orders-topic", paramLabel = "TOPIC",
        description = "Replay the paid orders of this Kafka topic from its beginning (connection as for 'pulse run').")
    String topic;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--customer-column", defaultValue = "customer_id", description = "CSV column of the customer id (default ${DEFAULT-VALUE}).")
  String customerColumn;

  @Option(names = "--time-column", defaultValue = "time",
      description = "CSV column of the purchase time: ISO-8601 instant, 'yyyy-MM-dd HH:mm:ss' (UTC), yyyy-MM-dd or yyyyMMdd (default ${DEFAULT-VALUE}).")
  String timeColumn;

  @Option(names = "--amount-column", defaultValue = "amount",
      description = "CSV column of the order value in major currency units, e.g. 12.50 (default ${DEFAULT-VALUE}).")
  String amountColumn;

  /** The purchases, with a line on stdout saying where they came from. */
  List<Transaction> read(ConnectionOptions connection, PrintStream out) throws Exception {
    if (source.topic != null) {
      var conf = connection.configuration();
      OrderTopicReader.Replay replay = OrderTopicReader.read(ConnectionOptions.kafka(conf), ConnectionOptions.registry(conf), source.topic);
      out.printf("Replayed %,d records of %s: %,d paid orders, %,d skipped (undecodable or without a customer id)%n",
          replay.records(), source.topic, replay.purchases().size(), replay.skipped());
      return replay.purchases();
    }
    Path file = source.cdnow != null ? source.cdnow : source.csv;
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read " + file);
    }
    try {
      List<Transaction> purchases = source.cdnow != null ? OrderHistoryCsv.readCdnow(file)
          : OrderHistoryCsv.readCsv(file, customerColumn, timeColumn, amountColumn);
      out.printf("Read %,d purchases from %s%n", purchases.size(), file);
      return purchases;
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A date or instant given on the command line, as epoch milliseconds. */
  static long time(String option, String text) {
    try {
      return OrderHistoryCsv.parseTime(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + ": '" + text + "' is not a date (yyyy-MM-dd) or an ISO-8601 instant");
    }
  }
}
