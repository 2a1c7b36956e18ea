package dev.customerpulse.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * HTTPS with basic auth in front of the registry, as an ingress or a gateway puts it in production.
 * Apicurio Registry 2.6.13 cannot do it alone: its build has no Quarkus extension with embedded basic-auth
 * users (no quarkus-elytron-security-properties-file), and its own authentication needs an OpenID Connect
 * server such as Keycloak. The gateway checks the {@code Authorization} header against the stack's users
 * and passes the request on to the registry, which listens in plaintext on loopback only.
 */
final class RegistryGateway implements AutoCloseable {
  /** Hop-by-hop and computed headers the JDK HTTP client sets itself. */
  private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "authorization",
      "upgrade", "expect", "keep-alive", "transfer-encoding");

  private final HttpsServer server;
  private final ExecutorService threads;
  private final HttpClient upstream = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI target;
  private final List<byte[]> acceptedAuthorizations;

  private RegistryGateway(HttpsServer server, ExecutorService threads, URI target, List<byte[]> acceptedAuthorizations) {
    this.server = server;
    this.threads = threads;
    this.target = target;
    this.acceptedAuthorizations = acceptedAuthorizations;
  }

  /** A gateway on a free loopback port to {@code target} (http://127.0.0.1:port), admitting the stack's two users. */
  static RegistryGateway start(URI target, StackSecurity security) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(sslContext(security.certificates())));
      ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "registry-gateway");
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(threads);
      RegistryGateway gateway = new RegistryGateway(server, threads, target, List.of(
          basic(security.adminUser(), security.adminPassword()), basic(security.jobUser(), security.jobPassword())));
      server.createContext("/", gateway::handle);
      server.start();
      return gateway;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot start the registry gateway", e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"schema registry\"");
        respond(exchange, 401, "application/json", "{\"error_code\":401,\"message\":\"Unauthorized\"}"
            .getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()
              + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
          .timeout(Duration.ofSeconds(30))
          .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
          values.forEach(value -> request.header(name, value));
        }
      });
      HttpResponse<byte[]> response;
      try {
        response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        respond(exchange, 502, "text/plain", "registry unreachable".getBytes(StandardCharsets.UTF_8));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        respond(exchange, 503, "text/plain", "gateway stopping".getBytes(StandardCharsets.UTF_8));
        return;
      }
      respond(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
    }
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    byte[] given = header.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] accepted : acceptedAuthorizations) {
      // Compare in constant time, and with every user, so timing tells nothing about a password.
      match |= MessageDigest.isEqual(given, accepted);
    }
    return match;
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] basic(String user, String password) {
    return ("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static SSLContext sslContext(StackCertificates certs) {
    try (InputStream in = Files.newInputStream(certs.keyStore())) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, certs.keyStorePassword().toCharArray());
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, certs.keyStorePassword().toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the registry gateway's key from " + certs.keyStore(), e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  @Override
  public String toString() {
    return "RegistryGateway[https://127.0.0.1:" + port() + " -> " + target + "]";
  }
}
