package dev.customerpulse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A temporary folder of this pulse process's own, {@code customer-pulse-<pid>} in the system's,
 * made java.io.tmpdir before anything reads it. The local Flink runtime unpacks a 20 MB RPC jar
 * there and keeps blob, I/O, shuffle and RocksDB folders there, and does not remove them all when
 * the process is stopped; the demo's Redis binary and service folders go there too. The folder is
 * removed when the JVM exits (done, an error, Ctrl-C, SIGTERM), and the folders of pulse processes
 * that are gone (killed, crashed) are removed when the next one starts.
 */
final class ProcessTempFolder {
  private static final Pattern NAME = Pattern.compile("customer-pulse-(\\d+)");

  private ProcessTempFolder() {}

  /**
   * Claims this process's folder and makes it java.io.tmpdir. The ./pulse script names it at JVM start
   * (the JDK's own temporary files follow java.io.tmpdir as it was then); otherwise it is made here,
   * in time for Flink, which reads the property when its options load.
   */
  static Path claim() {
    Path current = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    long pid = ProcessHandle.current().pid();
    String ownName = "customer-pulse-" + pid;
    boolean named = current.getFileName() != null && current.getFileName().toString().equals(ownName);
    Path parent = named ? current.getParent() : current;
    Path own = parent.resolve(ownName);
    // A folder named after this pid that the script did not make for this process is a dead one's.
    removeLeftovers(parent, named ? -1 : pid);
    try {
      Files.createDirectories(own);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder in " + parent, e);
    }
    System.setProperty("java.io.tmpdir", own.toString());
    PulseShutdown.afterEverything(() -> deleteRecursively(own));
    return own;
  }

  /** Removes the folders of pulse processes that no longer run (a folder named after this pid is one). */
  static void removeLeftovers(Path parent, long ownPid) {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(parent, "customer-pulse-*")) {
      for (Path folder : folders) {
        Matcher name = NAME.matcher(folder.getFileName().toString());
        if (name.matches() && Files.isDirectory(folder) && !ownerRuns(folder, Long.parseLong(name.group(1)), ownPid)) {
          deleteRecursively(folder);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Sweeping is a courtesy: a folder that cannot be read or removed must not stop the command.
    }
  }

  private static boolean ownerRuns(Path folder, long pid, long ownPid) throws IOException {
    if (pid == ownPid) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return false;
    }
    // A reused pid: a process that started after the folder was made is not its owner.
    Instant made = Files.readAttributes(folder, BasicFileAttributes.class).creationTime().toInstant();
    return process.get().info().startInstant().map(started -> !started.isAfter(made.plusSeconds(1))).orElse(true);
  }

  /** Deletes a folder and everything in it, tolerating files that others remove at the same time. */
  static void deleteRecursively(Path folder) {
    try {
      Files.walkFileTree(folder, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException gone) {
      // Already removed.
    } catch (IOException e) {
      // Best effort at exit; what is left is removed by the next pulse process.
    }
  }
}
