package dev.customerpulse.cli;

import dev.customerpulse.home.PulseHome;
import dev.customerpulse.connectors.kafka.AvroLimits;
import dev.customerpulse.job.ConfigException;
import dev.customerpulse.job.Preflight;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pulse} command line. */
@Command(name = "pulse", mixinStandardHelpOptions = true, version = "Customer Pulse 0.1.0",
    description = "Real-time customer intelligence on Apache Flink.",
    subcommands = {DemoCommand.class, StackCommand.class, RunCommand.class, BenchCommand.class, ChaosCommand.class, SchemasCommand.class, TopicsCommand.class,
        ProfileCommand.class, ConsentCommand.class, SegmentsCommand.class, RedisCommand.class, RulesCommand.class, ForgetCommand.class, ExportCommand.class, TailCommand.class, GenerateCommand.class, ImportCommand.class, DlqCommand.class, FitCommand.class, EvaluateCommand.class, OptionsCommand.class, CommandLine.HelpCommand.class})
public final class Pulse {
  public static final int CONFIG_ERROR = 2;

  public static void main(String[] args) {
    // First: Flink takes its default temporary folder from java.io.tmpdir when its options load.
    ProcessTempFolder.claim();
    AvroLimits.applyDefaults();
    PulseHome home = PulseHome.current();
    System.setProperty("pulse.log.file", home.logFile().toString());
    System.setProperty("log4j2.configurationFile", "log4j2-pulse.xml");
    // Log4j's own status messages (e.g. about Flink's log calls) would land on the terminal.
    System.setProperty("log4j2.StatusLogger.level", "ERROR");
    System.exit(commandLine().execute(args));
  }

  /** The CLI with its error handling; public so that other modules can check command lines (docker-compose, Helm). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Pulse());
    cli.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("pulse: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return CONFIG_ERROR;
    });
    cli.setExecutionExceptionHandler((ex, command, parseResult) -> {
      PrintWriter err = command.getErr();
      if (ex instanceof ConfigException || ex instanceof IllegalArgumentException) {
        err.println("pulse: " + ex.getMessage());
        return CONFIG_ERROR;
      }
      Logger log = LoggerFactory.getLogger(Pulse.class);
      log.error("pulse {} failed", command.getCommandName(), ex);
      err.println("pulse: " + Preflight.rootMessage(ex) + " (details in " + PulseHome.current().logFile() + ")");
      return 1;
    });
    return cli;
  }
}
