package dev.customerpulse.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/** Settings for running the job on a MiniCluster inside this JVM (pulse run, demo, bench). */
public final class LocalRuntime {
  private LocalRuntime() {}

  /**
   * Pseudonymisation secret of the local demo and benchmark only: their data is synthetic, and a
   * fixed secret keeps pseudonyms stable across runs. Real deployments must set their own.
   */
  public static final String LOCAL_PSEUDONYMISATION_SECRET = "customer-pulse-local-runs-only";

  public static void configure(Configuration conf, int parallelism, Path checkpointDir) {
    conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
    // RocksDB's block cache and write buffers: 512 MB per slot at parallelism 2, still below the about
    // 680 MB per slot of a TaskManager of the Helm chart (4 GB, 2 slots, Flink's default managed share).
    // With 128 MB per slot, customer state that no longer fitted was read through the OS page cache,
    // which this kind of VM keeps small, and the benchmark swung by a third.
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("1g"));
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toAbsolutePath().toUri().toString());
  }

  /** Resume from this checkpoint or savepoint. */
  public static void restoreFrom(Configuration conf, Path checkpoint) {
    conf.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
  }

  /**
   * The newest completed checkpoint under a checkpoint directory ({@code <dir>/<job-id>/chk-<n>}
   * with its {@code _metadata}), so that a restarted local job continues where it stopped.
   */
  public static Optional<Path> latestCheckpoint(Path checkpointDir) {
    if (!Files.isDirectory(checkpointDir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.find(checkpointDir, 3,
        (path, attributes) -> path.getFileName().toString().equals("_metadata")
            && path.getParent().getFileName().toString().startsWith("chk-"))) {
      return files.max(Comparator.comparing(LocalRuntime::modified)).map(Path::getParent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for checkpoints in " + checkpointDir, e);
    }
  }

  private static java.nio.file.attribute.FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
