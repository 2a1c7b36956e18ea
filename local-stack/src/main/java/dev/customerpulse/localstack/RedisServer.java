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
 * shell's stdin closes, so it dies with this JVM however this JVM ends. Plaintext, or secured on
 * request ({@link #startSecured}): TLS only, the default user off, access by ACL user.
 */
public final class RedisServer implements AutoCloseable {
  private Process shell;
  private final int port;
  private final Path dir;
  /** Null for a plaintext server. */
  private final StackSecurity security;
  /** How the shell starts redis-server, to start it again on the same port ({@link #restart}). */
  private final String script;

  private RedisServer(Process shell, int port, Path dir, StackSecurity security, String script) {
    this.shell = shell;
    this.port = port;
    this.dir = dir;
    this.security = security;
    this.script = script;
  }

  public static RedisServer start(Path dir) {
    return start(dir, List.of());
  }

  /** A server with extra redis-server arguments, e.g. {@code --cluster-enabled yes}. */
  public static RedisServer start(Path dir, List<String> arguments) {
    return start(dir, null, arguments, null);
  }

  /**
   * A server that speaks TLS only (the embedded binary is built with TLS) with the stack's server
   * certificate, and knows one user, {@code security}'s admin; {@link #allowUser} adds more. The
   * settings, passwords included, are in a config file in {@code dir} rather than on the command line,
   * where any local user could read them.
   */
  public static RedisServer startSecured(Path dir, StackSecurity security) {
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("secured.conf");
      Files.writeString(config, SecuredRedisConfig.serverConfig(security));
      config.toFile().setReadable(false, false);
      config.toFile().setReadable(true, true);
      return start(dir, config, List.of(), security);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the secured Redis configuration in " + dir, e);
    }
  }

  private static RedisServer start(Path dir, Path config, List<String> arguments, StackSecurity security) {
    int port = FreePorts.next();
    try {
      Files.createDirectories(dir);
      File binary = ExecutableProvider.newJarResourceProvider().get();
      binary.setExecutable(true);
      List<String> parts = new java.util.ArrayList<>(List.of(quote(binary.getAbsolutePath())));
      if (config != null) {
        parts.add(quote(config.toString())); // a config file must be the first argument
      }
      // A secured server listens with TLS on the port and not in plaintext at all.
      parts.addAll(security == null ? List.of("--port", Integer.toString(port))
          : List.of("--port", "0", "--tls-port", Integer.toString(port)));
      parts.addAll(List.of("--bind", "127.0.0.1", "--save", "''", "--appendonly", "no", "--dir", quote(dir.toString()),
          "--logfile", quote(dir.resolve("redis.log").toString())));
      String redis = String.join(" ", parts);
      for (String argument : arguments) {
        redis += " " + quote(argument);
      }
      // Background redis, wait for stdin to close (parent gone or close()), then stop redis.
      String script = redis + " & pid=$!; cat > /dev/null; kill $pid; wait $pid";
      RedisServer server = new RedisServer(shell(script, dir), port, dir, security, script);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server", e);
    }
  }

  private static Process shell(String script, Path dir) throws IOException {
    return new ProcessBuilder("sh", "-c", script)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("shell.log").toFile()))
        .start();
  }

  /**
   * Stops the server as a crash would (SIGKILL), having first written its data to {@code dump.rdb}
   * when {@code keepData}; without it, the next {@link #restart} starts empty.
   */
  public synchronized void stop(boolean keepData) {
    Path dump = dir.resolve("dump.rdb");
    try {
      if (keepData) {
        try (redis.clients.jedis.Jedis admin = connectAsAdmin()) {
          admin.save();
        }
      } else {
        Files.deleteIfExists(dump);
      }
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.getOutputStream().close();
      shell.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop redis-server in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the server again on the same port, with what {@link #stop} left in {@code dump.rdb}. */
  public synchronized void restart() {
    if (shell.isAlive()) {
      throw new IllegalStateException("redis-server is still running");
    }
    try {
      shell = shell(script, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server again", e);
    }
    awaitReady();
  }

  private redis.clients.jedis.Jedis connectAsAdmin() {
    if (security != null) {
      return SecuredRedisConfig.adminConnection(port, security);
    }
    return new redis.clients.jedis.Jedis("127.0.0.1", port);
  }

  /** {@code redis://127.0.0.1:<port>}, or {@code rediss://} when secured; never with credentials. */
  public String url() {
    return (security == null ? "redis://" : "rediss://") + "127.0.0.1:" + port;
  }

  /**
   * Creates or replaces the ACL user: it may use keys under {@code keyPrefix:} only, and no command of
   * Redis' dangerous category except the two the job needs (INFO, to tell a cluster node, and CLIENT SETNAME).
   */
  public void allowUser(String user, String password, String keyPrefix) {
    if (security == null) {
      throw new IllegalStateException("a plaintext Redis has no users");
    }
    try (redis.clients.jedis.Jedis admin = SecuredRedisConfig.adminConnection(port, security)) {
      admin.aclSetUser(user, SecuredRedisConfig.jobUserRules(password, keyPrefix));
    }
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
