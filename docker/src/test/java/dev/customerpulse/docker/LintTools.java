package dev.customerpulse.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The npm linters pinned in docker/lint, installed once into target/lint with npm ci. */
final class LintTools {
  static final Path DOCKER = Path.of("").toAbsolutePath();
  private static final Path HOME = DOCKER.resolve("target/lint");
  private static boolean installed;

  private LintTools() {}

  record Result(int exitCode, String output) {}

  static synchronized Path bin(String tool) throws Exception {
    if (!installed) {
      Files.createDirectories(HOME);
      for (String file : new String[] {"package.json", "package-lock.json"}) {
        Files.copy(DOCKER.resolve("lint").resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      Result npm = run(HOME, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
      if (npm.exitCode() != 0) {
        throw new IllegalStateException("npm ci in " + HOME + " failed (npm from Node.js is needed):\n" + npm.output());
      }
      installed = true;
    }
    return HOME.resolve("node_modules/.bin").resolve(tool);
  }

  static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish");
    }
    return new Result(process.exitValue(), output);
  }
}
