package dev.customerpulse.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.attribute.FileTime;
import java.util.List;
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
   * with its {@code _metadata}), so that a restarted local job continues where it stopped. Looks at
   * those two levels only: the running job deletes files under {@code shared/} and subsumed
   * {@code chk-<n>} folders at any moment, and what vanishes while it looks is passed over.
   */
  public static Optional<Path> latestCheckpoint(Path checkpointDir) {
    Path newest = null;
    FileTime newestTime = null;
    for (Path job : folders(checkpointDir)) {
      for (Path checkpoint : folders(job)) {
        FileTime written = checkpoint.getFileName().toString().startsWith("chk-")
            ? modified(checkpoint.resolve("_metadata")) : null;
        if (written != null && (newestTime == null || written.compareTo(newestTime) > 0)) {
          newest = checkpoint;
          newestTime = written;
        }
      }
    }
    return Optional.ofNullable(newest);
  }

  /** The folders in {@code dir}; none when it is missing or vanishes. */
  private static List<Path> folders(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).toList();
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return List.of();
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for checkpoints in " + dir, e);
    }
  }

  /** When the file was last written; null when it does not exist (any more). */
  private static FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
