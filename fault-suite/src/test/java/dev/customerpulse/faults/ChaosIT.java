package dev.customerpulse.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.chaos.ChaosReport;
import dev.customerpulse.chaos.ChaosRun;
import dev.customerpulse.chaos.ChaosSettings;
import dev.customerpulse.chaos.FaultKind;
import dev.customerpulse.chaos.FaultOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty faults of every kind on the job jar running on a real cluster, under the generator's full
 * workload; afterwards its outputs must equal those of a failure-free run of the same input.
 */
class ChaosIT {
  @TempDir
  Path work;

  @Test
  @Timeout(value = 25, unit = TimeUnit.MINUTES)
  void twentyFaultsLeaveTheOutputsOfAFailureFreeRun() throws Exception {
    Path jar = Path.of(System.getProperty("pulse.job-jar"));
    assertThat(jar).as("the job jar flink-jobs packages").isRegularFile();
    ChaosReport report = ChaosRun.run(new ChaosSettings(20, 18, 2000, 300, Duration.ofSeconds(2), Duration.ofSeconds(3)),
        jar, work, System.out::println);
    report.lines().forEach(System.out::println);

    assertThat(report.outcomes()).hasSize(20);
    assertThat(report.outcomes().stream().map(o -> o.fault().kind()).distinct()).containsExactlyInAnyOrder(FaultKind.values());
    // The operator crash and the killed TaskManagers that ran tasks are failovers; the rest are ridden out.
    assertThat(report.outcomes().stream().filter(o -> o.fault().kind() == FaultKind.OPERATOR_CRASHED)
        .mapToLong(FaultOutcome::failovers)).allMatch(failovers -> failovers >= 1);
    assertThat(report.differences()).isEmpty();
    assertThat(report.passed()).isTrue();
    assertThat(Files.exists(work.resolve("crash-now"))).as("every crash the suite asked for happened").isFalse();
  }
}
