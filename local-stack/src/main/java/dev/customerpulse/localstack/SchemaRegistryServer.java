package dev.customerpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Apicurio Registry (in-memory storage) in a child JVM; it speaks the Confluent Schema Registry
 * REST API under {@code /apis/ccompat/v7}. Secured on request ({@link #startSecured}): clients then
 * reach it only through a {@link RegistryGateway} with TLS and basic auth.
 */
public final class SchemaRegistryServer implements AutoCloseable {
  private final ChildJvm process;
  private final int port;
  private final Path dir;
  /** Null for a plaintext registry. */
  private RegistryGateway gateway;

  private SchemaRegistryServer(ChildJvm process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /**
   * A registry behind HTTPS (the stack's server certificate) and basic auth ({@code security}'s admin
   * and job user); {@link #url()} is then the gateway's.
   */
  public static SchemaRegistryServer startSecured(Path dir, StackSecurity security) {
    return start(dir).secured(security);
  }

  /**
   * This registry, from now on reached through a gateway with {@code security}'s certificate and users
   * (the registry starts before the certificates exist: it needs none itself). Closes it on failure.
   */
  SchemaRegistryServer secured(StackSecurity security) {
    try {
      gateway = RegistryGateway.start(URI.create("http://127.0.0.1:" + port), security);
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public static SchemaRegistryServer start(Path dir) {
    int port = FreePorts.next();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path runner = BuildLayout.apicurioRunnerJar();
    Map<String, String> env = Map.of(
        "QUARKUS_HTTP_HOST", "127.0.0.1",
        "QUARKUS_HTTP_PORT", Integer.toString(port),
        "HTTP_PORT", Integer.toString(port),
        "QUARKUS_LOG_LEVEL", "WARN",
        "QUARKUS_LOG_CONSOLE_LEVEL", "WARN");
    ChildJvm child = ChildJvm.start("schema registry", runner.toString(), List.of("-Xmx256m", "-XX:+UseSerialGC"),
        "io.quarkus.runner.GeneratedMain", List.of(), env, runner.getParent(), dir.resolve("registry.log"));
    SchemaRegistryServer server = new SchemaRegistryServer(child, port, dir);
    server.awaitReady(Duration.ofSeconds(90));
    return server;
  }

  /** Base URL of the Confluent-compatible API (https through the gateway when secured). */
  public String url() {
    return (gateway == null ? "http://127.0.0.1:" + port : "https://127.0.0.1:" + gateway.port()) + "/apis/ccompat/v7";
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the schema registry exited during start:\n" + process.tail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    close();
    throw new IllegalStateException("the schema registry was not ready within " + timeout.toSeconds() + " s:\n" + process.tail());
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
    process.close();
    LocalFiles.deleteRecursively(dir);
  }
}
