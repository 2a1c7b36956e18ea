package dev.customerpulse.home;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The CLI's working folder, {@code .pulse/} under $PULSE_HOME (set by the pulse script to the
 * repository root) or the current directory: logs, local checkpoints, and the addresses of a
 * running demo so that other pulse commands find its services without flags.
 */
public final class PulseHome {
  private final Path root;

  private PulseHome(Path root) {
    this.root = root;
  }

  public static PulseHome current() {
    String home = System.getenv("PULSE_HOME");
    return new PulseHome(Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize().resolve(".pulse"));
  }

  /** A home under another directory (tests). */
  public static PulseHome at(Path directory) {
    return new PulseHome(directory.toAbsolutePath().normalize().resolve(".pulse"));
  }

  public Path root() {
    return root;
  }

  public Path logFile() {
    return root.resolve("logs").resolve("pulse.log");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  private Path demoFile() {
    return root.resolve("demo.properties");
  }

  /** Records the running demo's settings (pulse.* keys) and this process id. */
  public void writeDemo(Map<String, String> settings) {
    Properties props = new Properties();
    props.putAll(settings);
    props.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
    try {
      Files.createDirectories(root);
      try (OutputStream out = Files.newOutputStream(demoFile())) {
        props.store(out, "services of the running 'pulse demo'; removed when it stops");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void clearDemo() {
    try {
      Files.deleteIfExists(demoFile());
    } catch (IOException ignored) {
      // Harmless: a stale file is ignored once its process is gone.
    }
  }

  /** The running demo's settings, if a demo process is alive. */
  public Optional<Properties> runningDemo() {
    if (!Files.isRegularFile(demoFile())) {
      return Optional.empty();
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(demoFile())) {
      props.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    long pid = Long.parseLong(props.getProperty("pid", "-1"));
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    props.remove("pid");
    return alive ? Optional.of(props) : Optional.empty();
  }
}
