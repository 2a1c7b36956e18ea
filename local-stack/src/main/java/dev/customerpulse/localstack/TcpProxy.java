package dev.customerpulse.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder in front of a service, to cut it off from its clients and bring it back
 * on the same address: while cut, connections are refused and open ones are reset, as when the
 * service's host is down. The service itself keeps running (and keeps its in-memory data).
 */
public final class TcpProxy implements AutoCloseable {
  private final int port;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private ServerSocket listener;
  private Thread acceptor;

  private TcpProxy(int port, int targetPort) {
    this.port = port;
    this.targetPort = targetPort;
  }

  /** A proxy on a free loopback port that forwards to {@code 127.0.0.1:targetPort}. */
  public static TcpProxy start(int targetPort) {
    TcpProxy proxy = new TcpProxy(FreePorts.next(), targetPort);
    proxy.resume();
    return proxy;
  }

  public int port() {
    return port;
  }

  /** Refuses new connections and resets the open ones. */
  public synchronized void cut() {
    if (listener == null) {
      return;
    }
    closeQuietly(listener);
    listener = null;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Listens again on the same port. */
  public synchronized void resume() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    ServerSocket server = listener;
    acceptor = new Thread(() -> accept(server), "tcp-proxy-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException closedOrRefused) {
        // The listener was closed (cut) or the service refused: the client sees a reset either way.
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException closed) {
        // One side went away: close both.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "tcp-proxy-pipe-" + port);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    cut();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Closing is all that was asked.
    }
  }
}
