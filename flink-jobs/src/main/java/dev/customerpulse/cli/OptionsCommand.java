package dev.customerpulse.cli;

import dev.customerpulse.job.OptionsTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "options", mixinStandardHelpOptions = true,
    description = "Prints every setting with its default and meaning (the README's configuration table).")
final class OptionsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.print(OptionsTable.markdown());
    return 0;
  }
}
