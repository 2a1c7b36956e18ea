package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.generator.EventGenerator;
import dev.customerpulse.generator.GeneratedEvent;
import dev.customerpulse.generator.GeneratorSettings;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventMapper;
import dev.customerpulse.ingest.IdentityMapper;
import dev.customerpulse.privacy.PrivacySettings;
import dev.customerpulse.privacy.Pseudonymizer;
import dev.customerpulse.rules.RuleCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The published profiles of a generated population of 300 customers (clicks, orders, service calls,
 * identities), with a live rule {@code repeat} (orders >= 2), then a quiet quarter in which rescoring
 * timers publish profiles with recency growing: every kind of profile, deletions left out.
 */
final class GeneratedProfiles {
  private GeneratedProfiles() {}

  static List<ProfileUpdate> of(int events) throws Exception {
    var harness = ProfileHarness.open(CustomerProfileFunctionTest.LOGIC);
    harness.processRule(RuleCommand.rule("repeat", "orders >= 2", 1, RuleCommand.LIVE, ""));
    EventGenerator generator = new EventGenerator(new GeneratorSettings(300, 7, 1_000, 3_600,
        Instant.parse("2026-01-01T00:00:00Z"), 0.2, 0.3, Duration.ofDays(30), 0));
    IdentityMapper identities = new IdentityMapper(new PrivacySettings(new Pseudonymizer("customer-pulse-test-secret"), null));
    for (int i = 0; i < events; i++) {
      GeneratedEvent generated = generator.next();
      CustomerEvent event = switch (generated.input()) {
        case CLICKS -> EventMapper.fromClick((ClickEvent) generated.record(), 1);
        case ORDERS -> EventMapper.fromOrder((OrderEvent) generated.record(), 1);
        case SERVICE_CALLS -> EventMapper.fromServiceCall((ServiceCallEvent) generated.record(), 1);
        case IDENTITIES -> identities.map((IdentityEvent) generated.record(), 1);
      };
      harness.processElement(event, event.eventTime);
    }
    harness.processWatermark(Instant.parse("2026-04-01T00:00:00Z").toEpochMilli());
    List<ProfileUpdate> updates = new ArrayList<>();
    for (ProfileUpdate update : harness.extractOutputValues()) {
      if (!update.deleted) {
        updates.add(update);
      }
    }
    harness.close();
    return updates;
  }
}
