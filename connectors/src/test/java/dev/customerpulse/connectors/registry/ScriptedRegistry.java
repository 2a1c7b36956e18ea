package dev.customerpulse.connectors.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An HTTP server on loopback that answers the registry client's requests from a script of status
 * codes, to drive its retries through answers a real registry gives only when something is wrong
 * (404 from a replica that lags, 5xx, 401). Every request's path is recorded.
 */
final class ScriptedRegistry implements AutoCloseable {
  /** The registry's answer to a schema id that exists: a Confluent {@code /schemas/ids/{id}} body. */
  static final String SCHEMA_BODY = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Thing\\\",\\\"fields\\\":"
      + "[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

  private final HttpServer server;
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final List<String> requests = new ArrayList<>();
  private int thenAlways = 200;

  ScriptedRegistry() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      int status;
      synchronized (this) {
        requests.add(exchange.getRequestURI().getPath());
        status = statuses.isEmpty() ? thenAlways : statuses.removeFirst();
      }
      byte[] body = (status == 200 ? SCHEMA_BODY : "{\"error_code\":" + status + (status == 404 ? "03" : "")
          + ",\"message\":\"scripted\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /** Answers these statuses in turn, then {@code after} to every request. */
  synchronized ScriptedRegistry answer(int after, Integer... first) {
    statuses.clear();
    statuses.addAll(List.of(first));
    thenAlways = after;
    return this;
  }

  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
