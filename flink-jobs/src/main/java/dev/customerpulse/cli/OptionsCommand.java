package dev.customerpulse.cli;

import dev.customerpulse.job.OptionsTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "options", mixinStandardHelpOptions = true,
    description = "Prints every setting with its default and meaning (the configuration table of docs/configuration.md).")
final class OptionsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(OptionsTable.markdown());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
