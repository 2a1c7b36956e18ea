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
  /** Replaced by {@link #restart}. */
  private Process shell;
  private final int port;
  private final Path dir;
  /** Null for a plaintext server. */
  private final StackSecurity security;
  /** How it was started, for {@link #restart}. */
  private final Path config;
  private final List<String> arguments;

  private RedisServer(Process shell, int port, Path dir, StackSecurity security, Path config, List<String> arguments) {
    this.shell = shell;
    this.port = port;
    this.dir = dir;
    this.security = security;
    this.config = config;
    this.arguments = List.copyOf(arguments);
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
    RedisServer server = new RedisServer(launch(dir, config, arguments, security, port), port, dir, security, config, arguments);
    server.awaitReady();
    return server;
  }

  private static Process launch(Path dir, Path config, List<String> arguments, StackSecurity security, int port) {
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
      return new ProcessBuilder("sh", "-c", script)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("shell.log").toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server", e);
    }
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

  /**
   * Stops redis-server, as an outage would; its port stays closed until {@link #restart}. With
   * {@code keepData} it saves its data first (SAVE, to dump.rdb in its folder), which the restart
   * loads; without, the restarted server is empty.
   */
  public void stop(boolean keepData) {
    try {
      if (keepData) {
        try (redis.clients.jedis.Jedis admin = security == null ? new redis.clients.jedis.Jedis("127.0.0.1", port)
            : SecuredRedisConfig.adminConnection(port, security)) {
          admin.save();
        }
      } else {
        Files.deleteIfExists(dir.resolve("dump.rdb"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir.resolve("dump.rdb"), e);
    }
    stopShell();
  }

  /** Starts redis-server again after {@link #stop}, on the same port, with the data it saved if any. */
  public void restart() {
    if (shell.isAlive()) {
      throw new IllegalStateException("redis-server on port " + port + " is running; stop it first");
    }
    shell = launch(dir, config, arguments, security, port);
    awaitReady();
  }

  private void stopShell() {
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
  }

  @Override
  public void close() {
    stopShell();
    LocalFiles.deleteRecursively(dir);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
