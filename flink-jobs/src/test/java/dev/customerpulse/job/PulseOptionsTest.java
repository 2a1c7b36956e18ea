package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** The options are declared by section, and every section is listed once in the one place that lists them. */
class PulseOptionsTest {
  @Test
  void everySectionOfPulseOptionsIsListedOnceInOrder() {
    assertThat(PulseOptions.SECTIONS.stream().map(PulseOptions.Section::declaredIn).toList())
        .containsExactlyInAnyOrder(PulseOptions.class.getInterfaces());
    assertThat(PulseOptions.SECTIONS.stream().map(PulseOptions.Section::title).toList()).containsExactly("Kafka",
        "Schema registry", "Redis", "Topics", "Topic retention and compaction", "Events and validation", "Identity and privacy",
        "Consent and data-subject requests", "Features and scoring",
        "Segments and alerts", "History mode", "State, retention and configuration files", "Dead letters and unexpected exceptions",
        "Test faults (never in production)");
  }

  @Test
  void everyOptionIsInExactlyOneSectionOrderedByKey() throws Exception {
    List<String> declared = new ArrayList<>();
    for (Field field : PulseOptions.class.getFields()) {
      if (field.getType() == ConfigOption.class) {
        declared.add(((ConfigOption<?>) field.get(null)).key());
      }
    }
    List<String> listed = PulseOptions.all().stream().map(ConfigOption::key).toList();
    assertThat(listed).hasSize(123).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(declared);
    for (PulseOptions.Section section : PulseOptions.SECTIONS) {
      assertThat(section.options()).as(section.title()).isNotEmpty();
      assertThat(section.options().stream().map(ConfigOption::key).toList()).as(section.title()).isSorted();
    }
    assertThat(PulseOptions.SECTIONS.get(2).options().stream().map(ConfigOption::key).toList()).containsExactly(
        "pulse.redis.batch-size", "pulse.redis.cluster", "pulse.redis.key-prefix", "pulse.redis.linger",
        "pulse.redis.outage-tolerance", "pulse.redis.password", "pulse.redis.refill-check-interval",
        "pulse.redis.remembered-profiles", "pulse.redis.truststore",
        "pulse.redis.truststore-password", "pulse.redis.url",
        "pulse.redis.username");
  }

  @Test
  void theTableHasOneHeadingPerSectionInOrder() {
    List<String> headings = OptionsTable.markdown().lines().filter(line -> line.startsWith("## ")).toList();
    List<String> expected = new ArrayList<>();
    PulseOptions.SECTIONS.forEach(section -> expected.add("## " + section.title()));
    expected.add("## Flink settings");
    assertThat(headings).containsExactlyElementsOf(expected);
    Set<String> rows = new HashSet<>(OptionsTable.markdown().lines().filter(line -> line.startsWith("| `pulse.")).toList());
    assertThat(rows).hasSize(124); // every option, and pulse.kafka.client.<key>
  }
}
