package dev.customerpulse.cli;

import dev.customerpulse.avro.PrivacyRequest;
import dev.customerpulse.avro.PrivacyRequestType;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.privacy.EmailAddresses;
import dev.customerpulse.privacy.PhoneNumbers;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "forget", mixinStandardHelpOptions = true,
    description = {"Erases a customer: publishes an erasure request to the privacy-requests topic and waits for the job's"
        + " receipts on privacy-receipts, then prints what was removed and by when every remaining copy is gone.",
        "By --email or --phone the job resolves the address to every customer it was seen with and erases each;"
            + " the address itself is never printed, only its pseudonym."})
final class ForgetCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The customer id.")
  String customerId;

  @Option(names = "--email", paramLabel = "ADDRESS", description = "Erase whoever was seen with this email address.")
  String email;

  @Option(names = "--phone", paramLabel = "NUMBER", description = "Erase whoever was seen with this phone number.")
  String phone;

  @Option(names = "--country", paramLabel = "CC",
      description = "ISO 3166-1 country to read a national --phone number in (default: pulse.privacy.default-phone-region).")
  String country;

  @Mixin
  PrivacyRequestOptions request;

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    int given = (customerId == null ? 0 : 1) + (email == null ? 0 : 1) + (phone == null ? 0 : 1);
    if (given != 1) {
      throw new IllegalArgumentException("give exactly one of ID, --email and --phone");
    }
    if (country != null && phone == null) {
      throw new IllegalArgumentException("--country reads a --phone number; there is none");
    }
    Configuration conf = connection.configuration();
    PrivacyRequest.Builder builder = request.request(PrivacyRequestType.ERASE);
    String subject;
    if (customerId != null) {
      subject = customerId.strip();
      if (subject.isEmpty()) {
        throw new IllegalArgumentException("the customer id is empty");
      }
      builder.setCustomerId(subject);
    } else if (email != null) {
      subject = "the given email";
      checked("--email", () -> EmailAddresses.normalise(email));
      builder.setEmail(email.strip());
    } else {
      subject = "the given phone number";
      String region = country != null ? country : conf.get(PulseOptions.DEFAULT_PHONE_REGION);
      if (country != null && !PhoneNumbers.knownRegion(country)) {
        throw new IllegalArgumentException("--country: '" + country.strip() + "' is not an ISO 3166-1 country code such as DE");
      }
      checked("--phone", () -> PhoneNumbers.toE164(phone, region == null || region.isBlank() ? null : region));
      builder.setPhone(phone.strip()).setCountry(country == null ? null : country.strip().toUpperCase(Locale.ROOT));
    }
    PrivacyRequest erase = builder.build();
    PrintWriter err = spec.commandLine().getErr();
    PrivacyRoundTrip.Answer answer = new PrivacyRoundTrip(ConnectionOptions.kafka(conf), ConnectionOptions.registry(conf),
        ConnectionOptions.topics(conf)).submit(erase, request.timeout, subject, err);
    if (!answer.complete()) {
      err.println("pulse: " + PrivacySummary.timedOut(answer, subject, request.timeout));
      return 1;
    }
    spec.commandLine().getOut().println(PrivacySummary.erasure(subject, answer));
    return 0;
  }

  /** Checks an email or phone as the job will read it; the message never repeats the value. */
  private static void checked(String option, Runnable check) {
    try {
      check.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }
}
