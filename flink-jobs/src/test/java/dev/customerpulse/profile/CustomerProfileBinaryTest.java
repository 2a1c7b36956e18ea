package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.ingest.IdentityMapper;
import dev.customerpulse.privacy.PrivacySettings;
import dev.customerpulse.privacy.Pseudonymizer;
import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.generator.EventGenerator;
import dev.customerpulse.generator.GeneratedEvent;
import dev.customerpulse.generator.GeneratorSettings;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventMapper;
import dev.customerpulse.scoring.Scores;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.junit.jupiter.api.Test;

/** The hand-written profile encoding is byte for byte Avro's, for every kind of generated customer. */
class CustomerProfileBinaryTest {
  private static final byte[] HEADER = {0, 0, 0, 1, 7};

  private static byte[] avro(CustomerProfile profile) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(HEADER);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(CustomerProfile.class).write(profile, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }

  @Test
  void everyPublishedProfileOfAGeneratedPopulationEncodesAsAvroDoes() throws Exception {
    var harness = ProfileHarness.open(CustomerProfileFunctionTest.LOGIC);
    // A live rule, so that rule segments are in the records too.
    harness.processRule(dev.customerpulse.rules.RuleCommand.rule("repeat", "orders >= 2", 1,
        dev.customerpulse.rules.RuleCommand.LIVE, ""));
    EventGenerator generator = new EventGenerator(new GeneratorSettings(300, 7, 1_000, 3_600,
        Instant.parse("2026-01-01T00:00:00Z"), 0.2, 0.3, Duration.ofDays(30), 0));
    IdentityMapper identities = new IdentityMapper(new PrivacySettings(new Pseudonymizer("customer-pulse-test-secret"), null));
    for (int i = 0; i < 20_000; i++) {
      GeneratedEvent generated = generator.next();
      CustomerEvent event = switch (generated.input()) {
        case CLICKS -> EventMapper.fromClick((ClickEvent) generated.record(), 1);
        case ORDERS -> EventMapper.fromOrder((OrderEvent) generated.record(), 1);
        case SERVICE_CALLS -> EventMapper.fromServiceCall((ServiceCallEvent) generated.record(), 1);
        case IDENTITIES -> identities.map((IdentityEvent) generated.record(), 1);
      };
      harness.processElement(event, event.eventTime);
    }
    // Silence: rescoring timers publish profiles with recency growing and no new events.
    harness.processWatermark(Instant.parse("2026-04-01T00:00:00Z").toEpochMilli());

    List<ProfileUpdate> updates = harness.extractOutputValues();
    assertThat(updates).hasSizeGreaterThan(15_000);
    CustomerProfileBinary binary = new CustomerProfileBinary();
    int withNulls = 0;
    int withCategories = 0;
    int withContacts = 0;
    int withRules = 0;
    for (ProfileUpdate update : updates) {
      if (update.deleted) {
        continue;
      }
      Scores scores = update.scores(CustomerProfileFunctionTest.LOGIC.scorer());
      CustomerProfile record = CustomerProfileRecords.of(update, scores);
      assertThat(binary.encode(HEADER, update, scores)).as(update.customerId + " v" + update.profile.version).isEqualTo(avro(record));
      withNulls += record.getPAlive() == null || record.getLastNps() == null || record.getRecencyDays() == null ? 1 : 0;
      withCategories += record.getTopCategories().size() > 1 ? 1 : 0;
      withContacts += record.getEmailPseudonym() != null && record.getSignedUpAt() != null ? 1 : 0;
      withRules += record.getSegments().contains("rule:repeat") ? 1 : 0;
    }
    assertThat(withContacts).as("profiles with pseudonyms and a sign-up time covered").isPositive();
    assertThat(withRules).as("profiles in a rule segment covered").isPositive();
    assertThat(withNulls).as("profiles with null fields covered").isPositive();
    assertThat(withCategories).as("profiles with several categories covered").isPositive();
    harness.close();
  }
}
