package dev.customerpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A child JVM whose output goes to a log file and which dies with its parent (see {@link ChildProcessMain}). */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ChildJvm start(String name, String classpath, List<String> jvmOptions, String mainClass, List<String> args,
      Map<String, String> environment, Path workDir, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    // The parent's temporary folder: a pulse process removes its own when it exits.
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-cp");
    // Own classes first: Quarkus finds its application next to the *last* class path entry.
    command.add(ownClasspath() + java.io.File.pathSeparator + classpath);
    command.add(ChildProcessMain.class.getName());
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    try {
      return new ChildJvm(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Runs a child JVM to completion, failing with its log when it exits non-zero. */
  static void run(String name, String classpath, List<String> jvmOptions, String mainClass, List<String> args,
      Path workDir, Path log, long timeoutSeconds) {
    try (ChildJvm child = start(name, classpath, jvmOptions, mainClass, args, Map.of(), workDir, log)) {
      if (!child.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not finish within " + timeoutSeconds + " s; see " + log);
      }
      if (child.process.exitValue() != 0) {
        throw new IllegalStateException(name + " failed with exit code " + child.process.exitValue() + ":\n" + child.tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** The last lines of the child's log, for error messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  /** SIGKILL, as an OOM killer or a lost machine would: no shutdown hook runs, nothing is flushed. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not die within 10 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes the child's stdin (it then exits on its own), and kills it if it lingers. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // Already closed.
    }
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }

  private static String ownClasspath() {
    try {
      return Path.of(ChildProcessMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
