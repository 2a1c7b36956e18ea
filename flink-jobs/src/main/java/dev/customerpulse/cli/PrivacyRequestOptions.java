package dev.customerpulse.cli;

import dev.customerpulse.avro.PrivacyRequest;
import dev.customerpulse.avro.PrivacyRequestType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import picocli.CommandLine.Option;

/** What 'pulse forget' and 'pulse export' say about the request itself: its id, who files it, how long to wait. */
final class PrivacyRequestOptions {
  @Option(names = "--request-id", paramLabel = "ID",
      description = "Id of the request (default: a new UUID). A request id seen before is answered again.")
  String requestId;

  @Option(names = "--by", paramLabel = "WHO", description = "Who files the request, for the receipt (default: the OS user).")
  String requestedBy;

  @Option(names = "--timeout", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long to wait for the job's receipts (default ${DEFAULT-VALUE}).")
  Duration timeout;

  /** A request of {@code type} with its id, time and requester; the subject is set by the caller. */
  PrivacyRequest.Builder request(PrivacyRequestType type) {
    String id = requestId == null ? UUID.randomUUID().toString() : requestId.strip();
    if (id.isEmpty()) {
      throw new IllegalArgumentException("--request-id is empty");
    }
    if (timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be more than zero");
    }
    String by = requestedBy != null ? requestedBy.strip() : System.getProperty("user.name");
    return PrivacyRequest.newBuilder().setRequestId(id).setType(type).setRequestedAt(Instant.now())
        .setRequestedBy(by == null || by.isEmpty() ? null : by);
  }
}
