package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.scoring.Scores;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
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
    // With a live rule, so that rule segments are in the records too.
    List<ProfileUpdate> updates = GeneratedProfiles.of(20_000);
    assertThat(updates).hasSizeGreaterThan(15_000);
    CustomerProfileBinary binary = new CustomerProfileBinary();
    int withNulls = 0;
    int withCategories = 0;
    int withContacts = 0;
    int withRules = 0;
    for (ProfileUpdate update : updates) {
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
  }
}
