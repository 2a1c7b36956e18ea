package dev.customerpulse.cli;

import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.IdentityEventType;
import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.connectors.redis.RedisKeys;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.Preflight;
import dev.customerpulse.job.PrivacyOptions;
import dev.customerpulse.job.Topics;
import dev.customerpulse.privacy.ConsentMode;
import dev.customerpulse.published.ConsentDetail;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "consent", mixinStandardHelpOptions = true,
    description = "Shows a customer's consent per purpose as the job published it to Redis, or grants or withdraws one"
        + " (a CONSENT event on the identities topic, which the job applies like any other event).")
final class ConsentCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "The customer id.")
  String customerId;

  @Option(names = "--grant", paramLabel = "PURPOSE", description = "Grant consent for PURPOSE (one of pulse.consent.purposes).")
  String grant;

  @Option(names = "--withdraw", paramLabel = "PURPOSE", description = "Withdraw consent for PURPOSE.")
  String withdraw;

  @Option(names = "--source", paramLabel = "TEXT", defaultValue = "pulse-cli",
      description = "Where the decision was made, e.g. call-centre (default: ${DEFAULT-VALUE}).")
  String source;

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (grant != null && withdraw != null) {
      throw new ConfigException("give --grant or --withdraw, not both");
    }
    Configuration conf = connection.configuration();
    if (grant == null && withdraw == null) {
      return show(conf);
    }
    return decide(conf, grant != null, grant != null ? grant : withdraw);
  }

  /** Publishes the decision as a CONSENT identity event and says so in one line. */
  private int decide(Configuration conf, boolean granted, String purpose) {
    List<String> purposes = conf.get(PrivacyOptions.CONSENT_PURPOSES);
    if (!purposes.contains(purpose)) {
      throw new ConfigException("unknown purpose '" + purpose + "': not one of pulse.consent.purposes " + purposes);
    }
    Topics topics = ConnectionOptions.topics(conf);
    KafkaSettings kafka = ConnectionOptions.kafka(conf);
    RegistrySettings registry = ConnectionOptions.registry(conf);
    IdentityEvent event = IdentityEvent.newBuilder().setEventId("consent-" + UUID.randomUUID()).setEventTime(Instant.now())
        .setType(IdentityEventType.CONSENT).setCustomerId(customerId).setPurpose(purpose).setGranted(granted)
        .setConsentSource(source).build();
    byte[] value = RegistryAvroSerializationSchema.forSpecific(IdentityEvent.class,
        ConfluentSchemaCoderProvider.forWritingTo(registry, topics.identities())).serialize(event);
    OneRecord.send(kafka, "pulse-consent", topics.identities(), customerId, value);
    spec.commandLine().getOut().printf("%s: %s consent for %s (source %s), event %s on %s%n", customerId,
        granted ? "granted" : "withdrew", purpose, source, event.getEventId(), topics.identities());
    return 0;
  }

  /** Every purpose's decision from the profile hash, and whether the customer is in the purpose's consent set. */
  private int show(Configuration conf) {
    PrintWriter out = spec.commandLine().getOut();
    RedisKeys keys = ConnectionOptions.redisKeys(conf);
    List<String> purposes = new ArrayList<>(conf.get(PrivacyOptions.CONSENT_PURPOSES));
    String key = keys.profile(customerId);
    Stored stored = ConnectionOptions.readRedis(conf, (jedis, k) -> {
      Map<String, String> hash = jedis.hgetAll(key);
      List<Boolean> members = new ArrayList<>();
      for (String purpose : purposes) {
        members.add(jedis.sismember(k.consent(purpose), customerId));
      }
      return new Stored(hash, members);
    });
    if (stored.hash().isEmpty()) {
      out.println("No profile for '" + customerId + "' at " + key + " in " + ConnectionOptions.redis(conf).displayUrl());
      return 1;
    }
    List<ConsentDetail.Decision> decisions = ConsentDetail.parse(stored.hash().getOrDefault("consent_decisions", ""));
    ConsentMode mode = conf.get(PrivacyOptions.CONSENT_MODE);
    out.println(customerId + "  consent mode " + mode + (stored.hash().containsKey("churn_risk") ? ""
        : ", kept without profiling (no scores or segments)"));
    out.printf("  %-18s %-10s %-25s %-20s %s%n", "purpose", "decision", "when", "source", "consent set");
    for (int i = 0; i < purposes.size(); i++) {
      String purpose = purposes.get(i);
      ConsentDetail.Decision decision = decisions.stream().filter(d -> d.purpose().equals(purpose)).findFirst().orElse(null);
      out.printf("  %-18s %-10s %-25s %-20s %s%n", purpose,
          decision == null ? "none" : decision.granted() ? "granted" : "withdrawn",
          decision == null ? "" : Instant.ofEpochMilli(decision.at()).toString(),
          decision == null || decision.source() == null ? "" : decision.source(),
          stored.members().get(i) ? "member of " + keys.consent(purpose) : "-");
    }
    return 0;
  }

  private record Stored(Map<String, String> hash, List<Boolean> members) {}

}
