package dev.customerpulse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.job.LocalRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pulse commands that start Flink leave nothing in the temporary folder, however they end: Flink
 * unpacks a 20 MB RPC jar and keeps blob, I/O, shuffle and RocksDB folders there.
 */
class TempFolderIT extends OnTestStack {
  private Path scratch;
  private Path tmp;
  private Path home;

  @BeforeEach
  void folders() throws Exception {
    scratch = Files.createTempDirectory(Path.of("target"), "temp-folder-it-").toAbsolutePath();
    tmp = Files.createDirectories(scratch.resolve("tmp"));
    home = scratch.resolve("home");
  }

  @AfterEach
  void removeFolders() {
    org.apache.flink.util.FileUtils.deleteDirectoryQuietly(scratch.toFile());
  }

  /** `pulse run` against this test's slice of the stack. */
  private PulseProcess run(Path checkpoints, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "--fresh", "--parallelism", "1", "--progress-every", "1s",
        "--checkpoint-dir", checkpoints.toString()));
    it.jobConfiguration().toMap().forEach((key, value) -> {
      if (!key.equals(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key())) {
        args.addAll(List.of("-D", key + "=" + value));
      }
    });
    args.addAll(List.of(more));
    return PulseProcess.start(tmp, home, args.toArray(String[]::new));
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void runStoppedBySignalLeavesNothing(String signal) throws Exception {
    Path checkpoints = scratch.resolve("checkpoints");
    try (PulseProcess pulse = run(checkpoints)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (LocalRuntime.latestCheckpoint(checkpoints).isEmpty()) {
        assertThat(System.nanoTime()).as("the job never completed a checkpoint:\n" + pulse.output()).isLessThan(deadline);
        Thread.sleep(100);
      }
      assertThat(PulseProcess.contents(tmp)).as("Flink works in the temporary folder while it runs")
          .anyMatch(path -> path.matches(".*flink-rpc-akka.*\\.jar"));

      pulse.signal(signal);
      pulse.awaitExit(Duration.ofSeconds(60));
      assertThat(PulseProcess.contents(tmp)).as(pulse.output()).isEmpty();
    }
  }

  @Test
  void runWhoseJobFailsLeavesNothing() throws Exception {
    Path notADirectory = Files.writeString(scratch.resolve("checkpoints-file"), "a file where a folder should be");
    try (PulseProcess pulse = run(notADirectory, "-D", "restart-strategy.type=none")) {
      int exit = pulse.awaitExit(Duration.ofSeconds(60));
      assertThat(exit).as(pulse.output()).isEqualTo(1);
      assertThat(PulseProcess.contents(tmp)).as(pulse.output()).isEmpty();
    }
  }

  @Test
  void demoThatRunsToItsEndLeavesNothing() throws Exception {
    try (PulseProcess pulse = PulseProcess.start(tmp, home, "demo", "--duration", "3s", "--rate", "100", "--customers", "50",
        "--parallelism", "1", "--exit-when-done")) {
      int exit = pulse.awaitExit(Duration.ofSeconds(120));
      assertThat(exit).as(pulse.output()).isZero();
      assertThat(pulse.output()).contains("Stopped. Nothing is left running.");
      assertThat(PulseProcess.contents(tmp)).as(pulse.output()).isEmpty();
    }
  }

  @Test
  void theFolderOfAKilledPulseIsRemovedByTheNextOne() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path killed = Files.createDirectories(tmp.resolve("customer-pulse-" + gone.pid()).resolve("minicluster_1"));
    Files.writeString(killed.getParent().resolve("flink-rpc-akka_1.jar"), "20 MB in real life");
    Path alive = Files.createDirectories(tmp.resolve("customer-pulse-" + ProcessHandle.current().pid()));
    Path someoneElses = Files.createDirectories(tmp.resolve("customer-pulse-stack-123"));

    try (PulseProcess pulse = PulseProcess.start(tmp, home, "options")) {
      assertThat(pulse.awaitExit(Duration.ofSeconds(60))).as(pulse.output()).isZero();
    }
    assertThat(PulseProcess.contents(tmp)).containsExactly(tmp.relativize(alive).toString(),
        tmp.relativize(someoneElses).toString());
  }
}
