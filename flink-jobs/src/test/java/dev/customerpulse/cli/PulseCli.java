package dev.customerpulse.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Runs a pulse command line in this JVM and keeps what it printed, for tests. */
public final class PulseCli {
  private PulseCli() {}

  public record Result(int exitCode, String out, String err) {}

  public static Result run(String... args) {
    CommandLine cli = Pulse.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Starts a long-running command (pulse run) on its own thread; its output can be read line by line as it comes. */
  public static Running start(String... args) {
    return new Running(args);
  }

  /** A command running on its own thread; {@link #close()} interrupts it, which stops pulse run's job. */
  public static final class Running implements AutoCloseable {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile Integer exitCode;

    private Running(String[] args) {
      CommandLine cli = Pulse.commandLine();
      cli.setOut(new PrintWriter(new LineWriter(lines), true));
      cli.setErr(new PrintWriter(err, true));
      thread = new Thread(() -> exitCode = cli.execute(args), "pulse-" + args[0]);
      thread.start();
    }

    /** The next line printed, or null if none came within the timeout. */
    public String nextLine(Duration timeout) throws InterruptedException {
      return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The exit code once the command has returned, else null. */
    public Integer exitCode() {
      return exitCode;
    }

    public String err() {
      return err.toString();
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }
  }

  /** Hands each complete line written to it to a queue. */
  private static final class LineWriter extends Writer {
    private final BlockingQueue<String> lines;
    private final StringBuilder partial = new StringBuilder();

    LineWriter(BlockingQueue<String> lines) {
      this.lines = lines;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        char c = buffer[i];
        if (c == '\n') {
          lines.add(partial.toString());
          partial.setLength(0);
        } else if (c != '\r') {
          partial.append(c);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
