package dev.customerpulse.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A pulse command line in a child JVM of its own, as the ./pulse script starts one, with its own
 * temporary folder (java.io.tmpdir) and PULSE_HOME, so a test sees exactly what the command leaves behind.
 */
final class PulseProcess implements AutoCloseable {
  private final Process process;
  private final Path output;

  private PulseProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /**
   * Starts {@code pulse args...} with {@code tmp} as its temporary folder. SIGINT gets its default
   * action back: a JVM started from a background shell (as under CI) would otherwise ignore Ctrl-C.
   */
  static PulseProcess start(Path tmp, Path home, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms512m", "-Xmx768m", "-XX:+UseParallelGC", "-Djava.io.tmpdir=" + tmp,
        "-Dorg.apache.avro.limits.string.maxLength=16777216", "-Dorg.apache.avro.limits.bytes.maxLength=16777216",
        "-Dorg.apache.avro.limits.collectionItems.maxLength=1000000",
        "-cp", System.getProperty("java.class.path"), "dev.customerpulse.cli.Pulse"));
    command.addAll(List.of(args));
    Files.createDirectories(home);
    Path output = home.resolve("pulse.out");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("PULSE_HOME", home.toString());
    return new PulseProcess(builder.start(), output);
  }

  long pid() {
    return process.pid();
  }

  /** What the command printed so far (stdout and stderr). */
  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** Waits until the command printed {@code text}; fails with its output when it exits or the time is up. */
  void awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("pulse never printed '" + text + "':\n" + output());
      }
      Thread.sleep(100);
    }
  }

  /** Sends a signal (INT, TERM, KILL) as a terminal or a process manager would. */
  void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Waits for the command to exit and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("pulse did not exit within " + timeout.toSeconds() + " s:\n" + output());
    }
    return process.exitValue();
  }

  /** Every file and folder under {@code dir}, relative to it, sorted. */
  static List<String> contents(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
