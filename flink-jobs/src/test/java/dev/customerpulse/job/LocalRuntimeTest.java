package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRuntimeTest {
  @TempDir Path dir;

  private Path checkpoint(String job, String name, Instant written) throws Exception {
    Path metadata = dir.resolve(job).resolve(name).resolve("_metadata");
    Files.createDirectories(metadata.getParent());
    Files.writeString(metadata, "x");
    Files.setLastModifiedTime(metadata, FileTime.from(written));
    return metadata.getParent();
  }

  @Test
  void findsTheNewestCompletedCheckpointAcrossJobs() throws Exception {
    checkpoint("job-a", "chk-9", Instant.parse("2026-01-01T00:00:00Z"));
    Path newest = checkpoint("job-b", "chk-2", Instant.parse("2026-01-02T00:00:00Z"));
    Files.createDirectories(dir.resolve("job-b").resolve("chk-3"));

    assertThat(LocalRuntime.latestCheckpoint(dir)).contains(newest);
  }

  @Test
  void noDirectoryOrNoMetadataMeansNothingToResume() throws Exception {
    assertThat(LocalRuntime.latestCheckpoint(dir.resolve("missing"))).isEmpty();
    Files.createDirectories(dir.resolve("job").resolve("chk-1"));
    assertThat(LocalRuntime.latestCheckpoint(dir)).isEmpty();
  }

  @Test
  void filesVanishingUnderTheRunningJobDoNotDisturbTheSearch() throws Exception {
    Path newest = checkpoint("job", "chk-2", Instant.parse("2026-01-02T00:00:00Z"));
    Path shared = Files.createDirectories(dir.resolve("job").resolve("shared"));
    Thread churn = new Thread(() -> {
      // As RocksDB's incremental checkpoints do: files appear in shared/ and are deleted again.
      for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
        Path file = shared.resolve("sst-" + (i % 50));
        try {
          Files.writeString(file, "x");
          Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
    churn.start();
    try {
      for (int i = 0; i < 2_000; i++) {
        assertThat(LocalRuntime.latestCheckpoint(dir)).contains(newest);
      }
    } finally {
      churn.interrupt();
      churn.join();
    }
  }

  @Test
  void aCheckpointFolderWithoutItsMetadataIsPassedOver() throws Exception {
    Path newest = checkpoint("job", "chk-1", Instant.parse("2026-01-01T00:00:00Z"));
    // A subsumed checkpoint half deleted: its folder is still listed, its _metadata is gone.
    Files.createDirectories(dir.resolve("job").resolve("chk-0"));
    Files.writeString(dir.resolve("job").resolve("taskowned"), "not a folder");
    assertThat(LocalRuntime.latestCheckpoint(dir)).contains(newest);
  }
}
