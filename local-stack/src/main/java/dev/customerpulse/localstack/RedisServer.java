package dev.customerpulse.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server (the binary bundled in the embedded-redis jar, so a JDK is all it needs),
 * without persistence, on a loopback port. It runs under a small shell that kills it when the
 * shell's stdin closes, so it dies with this JVM however this JVM ends.
 */
public final class RedisServer implements AutoCloseable {
  private final Process shell;
  private final int port;
  private final Path dir;

  private RedisServer(Process shell, int port, Path dir) {
    this.shell = shell;
    this.port = port;
    this.dir = dir;
  }

  public static RedisServer start(Path dir) {
    return start(dir, List.of());
  }

  /** A server with extra redis-server arguments, e.g. {@code --cluster-enabled yes}. */
  public static RedisServer start(Path dir, List<String> arguments) {
    int port = FreePorts.next();
    try {
      Files.createDirectories(dir);
      File binary = ExecutableProvider.newJarResourceProvider().get();
      binary.setExecutable(true);
      String redis = String.join(" ", List.of(quote(binary.getAbsolutePath()), "--port", Integer.toString(port),
          "--bind", "127.0.0.1", "--save", "''", "--appendonly", "no", "--dir", quote(dir.toString()),
          "--logfile", quote(dir.resolve("redis.log").toString())));
      for (String argument : arguments) {
        redis += " " + quote(argument);
      }
      // Background redis, wait for stdin to close (parent gone or close()), then stop redis.
      String script = redis + " & pid=$!; cat > /dev/null; kill $pid; wait $pid";
      Process shell = new ProcessBuilder("sh", "-c", script)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("shell.log").toFile())
          .start();
      RedisServer server = new RedisServer(shell, port, dir);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server", e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Process id of redis-server itself (a child of the watching shell), or -1 if it is gone. */
  public long pid() {
    return shell.descendants().mapToLong(ProcessHandle::pid).findFirst().orElse(-1L);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!shell.isAlive()) {
        throw new IllegalStateException("redis-server exited during start; see " + dir.resolve("redis.log"));
      }
      if (FreePorts.isOpen(port)) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    close();
    throw new IllegalStateException("redis-server did not listen on port " + port + " within 20 s");
  }

  @Override
  public void close() {
    try {
      shell.getOutputStream().close();
      if (!shell.waitFor(10, TimeUnit.SECONDS)) {
        shell.descendants().forEach(ProcessHandle::destroyForcibly);
        shell.destroyForcibly();
      }
    } catch (IOException ignored) {
      // Already closed.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LocalFiles.deleteRecursively(dir);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
