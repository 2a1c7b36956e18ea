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
}
