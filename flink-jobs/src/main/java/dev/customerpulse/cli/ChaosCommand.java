package dev.customerpulse.cli;

import dev.customerpulse.chaos.ChaosReport;
import dev.customerpulse.chaos.ChaosRun;
import dev.customerpulse.chaos.ChaosSettings;
import dev.customerpulse.home.PulseHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = {"Injects faults into the job on a real multi-process Flink cluster and checks its outputs exactly.", "",
        "Runs the job jar in application mode on a JobManager and two TaskManagers (separate JVMs) against a local",
        "Kafka, registry and Redis, under the generator's full workload, while a seeded plan kills TaskManagers and",
        "the Kafka broker, stops Redis (restarting it with or without its data), cuts the registry off and breaks the",
        "checkpoint storage. Then a failure-free job reads the same input, and every output is compared.",
        "Exit code 0 when the outputs agree, 1 when they do not."})
final class ChaosCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--faults", defaultValue = "20", description = "Faults to inject (default ${DEFAULT-VALUE}).")
  int faults;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault plan and the workload (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--customers", defaultValue = "2000", description = "Synthetic customers (default ${DEFAULT-VALUE}).")
  int customers;

  @Option(names = "--rate", defaultValue = "300", description = "Events per second of the workload (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--quiet", defaultValue = "3s", converter = DurationConverter.class,
      description = "Least undisturbed time between faults; up to twice that (default ${DEFAULT-VALUE}).")
  Duration quiet;

  @Option(names = "--outage", defaultValue = "4s", converter = DurationConverter.class,
      description = "Least time a stopped service stays down; up to one and a half times that (default ${DEFAULT-VALUE}).")
  Duration outage;

  @Option(names = "--job-jar", description = "The shaded job jar (default: flink-jobs/target/customer-pulse-job.jar of this checkout).")
  Path jobJar;

  @Override
  public Integer call() throws Exception {
    // .pulse/ sits in the checkout (PULSE_HOME), next to flink-jobs/.
    Path jar = jobJar != null ? jobJar : PulseHome.current().root().resolveSibling("flink-jobs/target/customer-pulse-job.jar");
    if (!Files.isRegularFile(jar)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no job jar at " + jar
          + "; build it with './mvnw -DskipTests package' or pass --job-jar");
    }
    var out = spec.commandLine().getOut();
    Path work = Files.createTempDirectory("pulse-chaos-");
    ChaosReport report = ChaosRun.run(new ChaosSettings(faults, seed, customers, rate, quiet, outage), jar, work, line -> {
      out.println(line);
      out.flush();
    });
    report.lines().forEach(out::println);
    return report.passed() ? 0 : 1;
  }
}
