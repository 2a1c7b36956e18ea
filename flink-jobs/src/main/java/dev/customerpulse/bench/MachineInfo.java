package dev.customerpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the benchmark ran on, so figures are never quoted without their machine. */
final class MachineInfo {
  private MachineInfo() {}

  static Map<String, Object> describe() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("cpu", procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")));
    machine.put("memory", procLine("/proc/meminfo", "MemTotal").orElse("unknown"));
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  /** CPU time (user + system) a process has used so far, in seconds, from /proc (Linux), or -1. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks / 100.0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Heap bytes this JVM has allocated so far, by every thread including those that ended (HotSpot's
   * thread allocation counters), or -1 where they are not available.
   */
  static double allocatedBytes() {
    return java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemoryEnabled() ? threads.getTotalThreadAllocatedBytes() : -1;
  }

  /** Resident memory of a process in bytes, from /proc (Linux), or -1. */
  static long residentBytes(long pid) {
    return procLine("/proc/" + pid + "/status", "VmRSS")
        .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) * 1024)
        .orElse(-1L);
  }

  private static Optional<String> procLine(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(key)) {
          return Optional.of(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // Not Linux, or the process is gone.
    }
    return Optional.empty();
  }
}
