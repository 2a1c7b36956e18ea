package dev.customerpulse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerpulse.avro.PrivacyOutcome;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.avro.PrivacyRequest;
import dev.customerpulse.avro.PrivacyRequestType;
import dev.customerpulse.job.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Exports everything the job holds about a customer: publishes an access request to the privacy-requests"
        + " topic, waits for the job's receipt on privacy-receipts and writes its JSON document to --out or stdout.")
final class ExportCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", paramLabel = "ID", description = "The customer id.")
  String customerId;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON here instead of to stdout.")
  Path out;

  @Mixin
  PrivacyRequestOptions request;

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    String id = customerId.strip();
    if (id.isEmpty()) {
      throw new IllegalArgumentException("the customer id is empty");
    }
    if (out != null && (out.getParent() != null && !Files.isDirectory(out.getParent()) || Files.isDirectory(out))) {
      throw new IllegalArgumentException("--out: " + out + " is not a file in an existing folder");
    }
    Configuration conf = connection.configuration();
    PrivacyRequest export = request.request(PrivacyRequestType.EXPORT).setCustomerId(id).build();
    PrintWriter err = spec.commandLine().getErr();
    PrivacyRoundTrip.Answer answer = new PrivacyRoundTrip(ConnectionOptions.kafka(conf), ConnectionOptions.registry(conf),
        ConnectionOptions.topics(conf)).submit(export, request.timeout, id, err);
    if (!answer.complete()) {
      err.println("pulse: " + PrivacySummary.timedOut(answer, id, request.timeout));
      return 1;
    }
    PrivacyReceipt receipt = answer.answers().values().iterator().next();
    if (receipt.getOutcome() != PrivacyOutcome.EXPORTED || receipt.getExportJson() == null) {
      err.println(PrivacySummary.customer(receipt));
      return 0;
    }
    String document = pretty(receipt.getExportJson());
    if (out == null) {
      spec.commandLine().getOut().print(document);
      spec.commandLine().getOut().flush();
      err.println("exported " + id + ": " + PrivacySummary.count(document.getBytes(StandardCharsets.UTF_8).length, "byte")
          + " of JSON");
    } else {
      try {
        Files.writeString(out, document);
      } catch (IOException e) {
        throw new ConfigException("--out: cannot write " + out + ": " + e.getMessage());
      }
      err.println("exported " + id + " to " + out + ": " + PrivacySummary.count(document.getBytes(StandardCharsets.UTF_8).length,
          "byte") + " of JSON");
    }
    return 0;
  }

  /** The document indented for reading, ending in a newline; as the job wrote it when it is not JSON after all. */
  static String pretty(String json) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json)) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      return json.endsWith("\n") ? json : json + System.lineSeparator();
    }
  }
}
