package dev.customerpulse.cli;

import dev.customerpulse.home.PulseHome;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when a command line is wrong: one line, and an exit code for scripts. */
class PulseCliTest {
  @TempDir Path dir;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    PulseCli.Result result = PulseCli.run(args);
    return new Result(result.exitCode(), result.out(), result.err());
  }

  @Test
  void anUnknownOptionIsOneLineThatPointsToHelp() {
    Result result = run("demo", "--rats", "5");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("pulse: Unknown options: '--rats', '5' (see 'pulse demo --help')" + System.lineSeparator());
  }

  @Test
  void aBadValueIsOneLine() {
    Result result = run("bench", "--latency-duration", "soon");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().lines()).singleElement().asString()
        .isEqualTo("pulse: Invalid value for option '--latency-duration': 'soon' is not a duration; write e.g. 500ms, 30s, 2m, 1h or 7d"
            + " (see 'pulse bench --help')");
  }

  @Test
  void aRuleIsCheckedWithoutAnyServiceAndAnInvalidOneIsOneLine() {
    Result valid = run("rules", "check", "orders >= 3 && 'shoes' in top_categories");
    assertThat(valid.exitCode()).as(valid.err()).isZero();
    assertThat(valid.out()).isEqualTo("valid" + System.lineSeparator());
    Result invalid = run("rules", "check", "orders >= 'three'");
    assertThat(invalid.exitCode()).isEqualTo(2);
    assertThat(invalid.err().lines()).singleElement().asString()
        .startsWith("pulse: rule check: at 1:8: found no matching overload for '_>=_' applied to '(int, string)'");
  }

  @Test
  void badSettingsAreReportedWithoutAStackTrace() {
    Result result = run("bench", "--events", "10");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("pulse: --events must be at least 1000 for a meaningful figure, got 10" + System.lineSeparator());
  }

  @Test
  void optionsPrintsTheConfigurationTable() {
    Result result = run("options");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(dev.customerpulse.job.OptionsTable.markdown());
    assertThat(result.out()).contains("| `pulse.redis.url` | `PULSE_REDIS_URL` |  | Redis to serve profiles from");
  }

  @Test
  void durationsReadInTheUsualUnits() {
    DurationConverter convert = new DurationConverter();
    assertThat(convert.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(convert.convert("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(convert.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(convert.convert("2 min")).isEqualTo(Duration.ofMinutes(2));
    assertThat(convert.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(convert.convert("7d")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void flagsBeatDashDBeatEnvironmentBeatARunningDemo() {
    PulseHome home = PulseHome.at(dir);
    home.writeDemo(Map.of("pulse.redis.url", "redis://demo:1", "pulse.registry.url", "http://demo:2",
        "pulse.kafka.bootstrap-servers", "demo:3"));
    ConnectionOptions options = new ConnectionOptions();
    options.redis = "redis://flag:1";
    options.settings.put("pulse.registry.url", "http://dashd:2");
    options.kafkaProperties.put("security.protocol", "SSL");

    Configuration conf = options.configuration(Map.of("PULSE_REGISTRY_URL", "http://env:2", "PULSE_REDIS_URL", "redis://env:1",
        "PULSE_KAFKA_GROUP_ID", "from-env"), home);

    assertThat(conf.getString("pulse.redis.url", null)).isEqualTo("redis://flag:1");
    assertThat(conf.getString("pulse.registry.url", null)).isEqualTo("http://dashd:2");
    assertThat(conf.getString("pulse.kafka.bootstrap-servers", null)).isEqualTo("demo:3");
    assertThat(conf.getString("pulse.kafka.group-id", null)).isEqualTo("from-env");
    assertThat(conf.getString("pulse.kafka.client.security.protocol", null)).isEqualTo("SSL");
  }

  @Test
  void aDemoThatIsNoLongerRunningIsIgnored() throws Exception {
    PulseHome home = PulseHome.at(dir);
    home.writeDemo(Map.of("pulse.redis.url", "redis://demo:1"));
    String file = java.nio.file.Files.readString(home.root().resolve("demo.properties"));
    java.nio.file.Files.writeString(home.root().resolve("demo.properties"), file.replaceAll("pid=\\d+", "pid=999999999"));

    assertThat(new ConnectionOptions().configuration(Map.of(), home).getString("pulse.redis.url", null)).isNull();
  }
}
