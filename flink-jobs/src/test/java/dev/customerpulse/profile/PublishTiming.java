package dev.customerpulse.profile;

import dev.customerpulse.engine.ProfileUpdate;
import com.sun.management.ThreadMXBean;
import dev.customerpulse.published.ProfileFields;
import dev.customerpulse.scoring.Scores;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A timing and allocation check of publishing one profile (the Kafka encoding and the Redis hash
 * values), run by hand, never by the build: thread CPU ns and bytes allocated per profile over the
 * profiles of a generated population ({@link GeneratedProfiles}), median of rounds after a warm-up. Given a directory of other
 * classes (say the {@code CustomerProfileBinary} and {@code ProfileFields} of an older version,
 * compiled against this class path), it times those too, in the same JVM, alternating with the current ones
 * round by round, so that both see the same machine: on a shared machine, runs in separate JVMs
 * differ by several times.
 *
 * <pre>java -cp flink-jobs/target/test-classes:flink-jobs/target/classes:... \
 *     dev.customerpulse.profile.PublishTiming [rounds] [OLD_CLASSES]</pre>
 */
public final class PublishTiming {
  private PublishTiming() {}

  /** Publishes every profile once; implemented by {@link PublishLoops}, which each variant loads anew. */
  public interface Variant {
    long encode(List<ProfileUpdate> updates, List<Scores> scores);

    long fill(List<ProfileUpdate> updates, List<Scores> scores);

    /** Per profile its Kafka bytes and its Redis hash (name=value, sorted by name), to compare versions by. */
    List<String> outputs(List<ProfileUpdate> updates, List<Scores> scores);
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    List<ProfileUpdate> updates = GeneratedProfiles.of(20_000);
    List<Scores> scores = new ArrayList<>(updates.size());
    for (ProfileUpdate update : updates) {
      scores.add(update.scores(CustomerProfileFunctionTest.LOGIC.scorer()));
    }
    List<String> names = new ArrayList<>(List.of("current"));
    List<Variant> variants = new ArrayList<>(List.of(new PublishLoops()));
    if (args.length > 1) {
      names.add("other");
      variants.add(otherVariant(Path.of(args[1])));
    }
    List<String> expected = variants.get(0).outputs(updates, scores);
    for (int v = 1; v < variants.size(); v++) {
      List<String> outputs = variants.get(v).outputs(updates, scores);
      System.out.printf("%s gives the same Kafka bytes and Redis hash values for every profile: %s%n", names.get(v),
          outputs.equals(expected));
    }
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int i = 0; i < 30; i++) {
      for (Variant variant : variants) {
        sink += variant.encode(updates, scores) + variant.fill(updates, scores);
      }
    }
    int n = updates.size();
    double[][][] results = new double[variants.size()][4][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < variants.size(); k++) {
        int v = (k + r) % variants.size();
        Variant variant = variants.get(v);
        long cpu = threads.getCurrentThreadCpuTime();
        long bytes = threads.getCurrentThreadAllocatedBytes();
        sink += variant.encode(updates, scores);
        results[v][0][r] = (threads.getCurrentThreadCpuTime() - cpu) / (double) n;
        results[v][1][r] = (threads.getCurrentThreadAllocatedBytes() - bytes) / (double) n;
        cpu = threads.getCurrentThreadCpuTime();
        bytes = threads.getCurrentThreadAllocatedBytes();
        sink += variant.fill(updates, scores);
        results[v][2][r] = (threads.getCurrentThreadCpuTime() - cpu) / (double) n;
        results[v][3][r] = (threads.getCurrentThreadAllocatedBytes() - bytes) / (double) n;
      }
    }
    System.out.printf("profiles %d, rounds %d (sink %d)%n", n, rounds, sink);
    for (int v = 0; v < variants.size(); v++) {
      System.out.printf("%s encode: %.0f ns, %.0f bytes; fill: %.0f ns, %.0f bytes per profile%n", names.get(v),
          median(results[v][0]), median(results[v][1]), median(results[v][2]), median(results[v][3]));
    }
  }

  /** {@link PublishLoops} with the classes in {@code directory} loaded anew from there: another version's. */
  private static Variant otherVariant(Path directory) throws Exception {
    Set<String> own = new HashSet<>(Set.of(PublishLoops.class.getName()));
    try (Stream<Path> files = Files.walk(directory)) {
      files.map(file -> directory.relativize(file).toString()).filter(file -> file.endsWith(".class"))
          .forEach(file -> own.add(file.substring(0, file.length() - ".class".length()).replace('/', '.')));
    }
    URL loops = PublishLoops.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL(), loops}, PublishTiming.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!own.contains(name)) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> loaded = findLoadedClass(name);
          return loaded != null ? loaded : findClass(name);
        }
      }
    };
    Class<?> other = loader.loadClass(PublishLoops.class.getName());
    if (other == PublishLoops.class) {
      throw new IllegalStateException("not loaded anew");
    }
    return (Variant) other.getConstructor().newInstance();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
