package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RfmSegmentTest {
  @ParameterizedTest
  @CsvSource({
      "5,5,5,champions", "5,4,3,champions", "5,1,1,new", "5,2,1,potential_loyalist", "5,3,3,potential_loyalist",
      "4,1,1,promising", "4,2,2,potential_loyalist", "4,5,4,loyal", "3,4,4,loyal", "3,3,3,need_attention",
      "3,2,1,about_to_sleep", "3,1,1,about_to_sleep", "2,1,2,hibernating", "2,3,3,at_risk", "2,5,5,cant_lose_them",
      "1,1,1,lost", "1,2,2,hibernating", "1,4,3,at_risk", "1,5,5,cant_lose_them", "1,5,4,cant_lose_them",
  })
  void mapsRecencyAndTheMeanOfFrequencyAndMonetaryToTheStandardSegments(int r, int f, int m, String label) {
    assertThat(RfmSegment.of(r, f, m).label()).isEqualTo(label);
    assertThat(RfmSegment.of(r, f, m).segment()).isEqualTo("rfm:" + label);
  }

  @Test
  void everySegmentIsReachedAndScoresOutOfRangeAreRefused() {
    Set<RfmSegment> seen = EnumSet.noneOf(RfmSegment.class);
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        for (int m = 1; m <= 5; m++) {
          seen.add(RfmSegment.of(r, f, m));
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(RfmSegment.values());
    assertThatThrownBy(() -> RfmSegment.of(0, 3, 3)).hasMessage("RFM scores are 1-5, got 033");
  }
}
