package dev.customerpulse.scoring.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads order histories: the CDNOW transaction files (whitespace separated: customer id, [index,]
 * date yyyyMMdd, number of items, dollar value) or a CSV with a header naming the customer, time and
 * amount columns (times as ISO-8601 instants, "yyyy-MM-dd HH:mm:ss" or dates; amounts in major units).
 * Files may be gzipped.
 */
public final class OrderHistoryCsv {
  private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private OrderHistoryCsv() {}

  public static List<Transaction> readCdnow(Path file) throws IOException {
    List<Transaction> out = new ArrayList<>();
    try (BufferedReader in = open(file)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || !f[0].matches("\\d+")) {
          continue; // header or blank
        }
        // master: id date cds value; sample: id index date cds value
        String date = f.length >= 5 ? f[2] : f[1];
        String value = f[f.length - 1];
        try {
          long time = LocalDate.parse(date, COMPACT_DATE).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
          out.add(new Transaction(f[0], time, Math.round(Double.parseDouble(value) * 100)));
        } catch (DateTimeParseException | NumberFormatException e) {
          throw new IOException(file + " line " + number + ": cannot read '" + line.trim() + "' as a CDNOW transaction");
        }
      }
    }
    return out;
  }

  public static List<Transaction> readCsv(Path file, String customerColumn, String timeColumn, String amountColumn)
      throws IOException {
    List<Transaction> out = new ArrayList<>();
    try (BufferedReader in = open(file)) {
      String header = in.readLine();
      if (header == null) {
        return out;
      }
      List<String> columns = List.of(header.split(",", -1));
      int customer = index(columns, customerColumn, file);
      int time = index(columns, timeColumn, file);
      int amount = index(columns, amountColumn, file);
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        String[] f = line.split(",", -1);
        if (f.length <= Math.max(customer, Math.max(time, amount)) || f[customer].isBlank()) {
          continue;
        }
        try {
          out.add(new Transaction(f[customer].trim(), parseTime(f[time].trim()), Math.round(Double.parseDouble(f[amount].trim()) * 100)));
        } catch (DateTimeParseException | NumberFormatException e) {
          throw new IOException(file + " line " + number + ": " + e.getMessage());
        }
      }
    }
    return out;
  }

  public static long parseTime(String text) {
    if (text.matches("\\d{8}")) {
      return LocalDate.parse(text, COMPACT_DATE).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    if (text.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
      return LocalDateTime.parse(text, LOCAL_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return Instant.parse(text).toEpochMilli();
  }

  private static int index(List<String> columns, String name, Path file) throws IOException {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new IOException(file + " has no column '" + name + "' (columns: " + String.join(", ", columns) + ")");
    }
    return i;
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
