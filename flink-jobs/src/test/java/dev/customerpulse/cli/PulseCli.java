package dev.customerpulse.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
