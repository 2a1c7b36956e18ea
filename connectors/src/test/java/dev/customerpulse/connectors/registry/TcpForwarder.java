package dev.customerpulse.connectors.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port to a target, that a test can cut ({@link #stop}: the port
 * refuses connections and open ones are closed) and restore ({@link #start}, on the same port): a
 * network path to a service that can fail while the service itself keeps running.
 */
final class TcpForwarder implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private ServerSocket server;

  TcpForwarder(String host, int targetPort) {
    this.target = new InetSocketAddress(host, targetPort);
    this.server = bind(0);
    this.port = server.getLocalPort();
    accept(server);
  }

  int port() {
    return port;
  }

  /** Closes the listening port and every forwarded connection. */
  synchronized void stop() {
    closeQuietly(server);
    sockets.forEach(TcpForwarder::closeQuietly);
    sockets.clear();
  }

  /** Listens on the same port again. */
  synchronized void start() {
    server = bind(port);
    accept(server);
  }

  private static ServerSocket bind(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }

  private void accept(ServerSocket listening) {
    daemon("forwarder-accept-" + port, () -> {
      while (!listening.isClosed()) {
        Socket client;
        try {
          client = listening.accept();
        } catch (IOException closed) {
          return;
        }
        Socket upstream = new Socket();
        try {
          upstream.connect(target, 2_000);
        } catch (IOException e) {
          closeQuietly(client);
          closeQuietly(upstream);
          continue;
        }
        sockets.add(client);
        sockets.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      }
    });
  }

  private void pipe(Socket from, Socket to) {
    daemon("forwarder-pipe-" + port, () -> {
      byte[] buffer = new byte[8_192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException closed) {
        // One side went away: close both below.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    });
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing is best effort.
    }
  }

  @Override
  public void close() {
    stop();
  }
}
