package dev.customerpulse.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the real data sets are: {@code shared/datasets} beside the repository's clone (here and in
 * CI, where a fresh clone sits in another folder with a copy of {@code shared/} beside it), or the
 * folder named by {@code -Dpulse.it.datasets}. They are not in the repository; a test that cannot
 * find them fails (CI must not pass on a test that did not run).
 */
final class SharedDatasets {
  /** Replays whole data sets instead of the CI subsets (minutes instead of about a minute). */
  static final String FULL_PROPERTY = "pulse.it.full-datasets";
  static final String LOCATION_PROPERTY = "pulse.it.datasets";

  private SharedDatasets() {}

  static boolean full() {
    return Boolean.getBoolean(FULL_PROPERTY);
  }

  /** A file of the data sets, e.g. {@code online-retail/online_retail.csv.gz}; an AssertionError if it is nowhere. */
  static Path file(String relative) {
    List<Path> tried = new ArrayList<>();
    for (Path folder : candidates()) {
      Path file = folder.resolve(relative);
      if (Files.isRegularFile(file)) {
        return file;
      }
      tried.add(file);
    }
    throw new AssertionError("real data set file " + relative + " not found; looked at " + tried + ". Put a copy of"
        + " shared/ (with datasets/) beside the repository's clone, or name its datasets folder with -D"
        + LOCATION_PROPERTY + "=DIR");
  }

  private static List<Path> candidates() {
    List<Path> out = new ArrayList<>();
    String named = System.getProperty(LOCATION_PROPERTY);
    if (named != null && !named.isBlank()) {
      out.add(Path.of(named).toAbsolutePath());
    }
    // The repository root is the nearest folder up from the working directory (a module) with the Maven wrapper.
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && dir.getParent() != null) {
        out.add(dir.getParent().resolve("shared").resolve("datasets"));
        break;
      }
    }
    return out;
  }
}
