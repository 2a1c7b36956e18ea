package dev.customerpulse.chaos;

import dev.customerpulse.localstack.FlinkCluster;
import dev.customerpulse.localstack.LocalStack;
import dev.customerpulse.localstack.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The parts a fault can break, and how each is broken and brought back: the local stack's services,
 * a proxy in front of the registry (cutting it off keeps its in-memory schemas), the Flink cluster and
 * its checkpoint storage.
 */
final class ChaosStage implements AutoCloseable {
  private final LocalStack stack;
  private final TcpProxy registryProxy;
  private final Path checkpoints;
  private final Path crashFile;
  private final List<Integer> liveTaskManagers = new ArrayList<>();
  private FlinkCluster cluster;

  ChaosStage(LocalStack stack, Path checkpoints, Path crashFile) {
    this.stack = stack;
    this.checkpoints = checkpoints;
    this.crashFile = crashFile;
    this.registryProxy = TcpProxy.start(URI.create(stack.registryUrl()).getPort());
  }

  LocalStack stack() {
    return stack;
  }

  /** The registry as the job under test sees it: through the proxy that faults cut. */
  String registryUrl() {
    URI direct = URI.create(stack.registryUrl());
    return direct.getScheme() + "://127.0.0.1:" + registryProxy.port() + direct.getPath();
  }

  Path checkpoints() {
    return checkpoints;
  }

  void startCluster(Path dir, Path jobJar, Map<String, String> configuration, int taskManagers) {
    cluster = FlinkCluster.startApplication(dir, jobJar, "dev.customerpulse.job.CustomerPulseJob", configuration, taskManagers);
    for (int i = 0; i < taskManagers; i++) {
      liveTaskManagers.add(i);
    }
  }

  FlinkCluster cluster() {
    return cluster;
  }

  /** Breaks what {@code fault} names; {@link #repair} brings it back. */
  void breakPart(Fault fault) {
    switch (fault.kind()) {
      case TASK_MANAGER_KILLED -> {
        int index = liveTaskManagers.remove(fault.target() % liveTaskManagers.size()).intValue();
        cluster.killTaskManager(index);
      }
      case REDIS_RESTARTED -> stack.redis().stop(true);
      case REDIS_RESTARTED_EMPTY -> stack.redis().stop(false);
      case KAFKA_KILLED -> stack.kafka().kill();
      case REGISTRY_UNREACHABLE -> registryProxy.cut();
      case CHECKPOINT_STORAGE_FAILING -> swapCheckpointsFor(true);
      case OPERATOR_CRASHED -> touch(crashFile);
    }
  }

  void repair(Fault fault) {
    switch (fault.kind()) {
      case TASK_MANAGER_KILLED -> liveTaskManagers.add(cluster.startTaskManager());
      case REDIS_RESTARTED, REDIS_RESTARTED_EMPTY -> stack.redis().restart();
      case KAFKA_KILLED -> stack.kafka().restart();
      case REGISTRY_UNREACHABLE -> registryProxy.resume();
      case CHECKPOINT_STORAGE_FAILING -> swapCheckpointsFor(false);
      case OPERATOR_CRASHED -> { } // The crash took the file away; the job restarts by itself.
    }
  }

  /** The file the job's crash hook (pulse.test.crash-file) looks for. */
  Path crashFile() {
    return crashFile;
  }

  private static void touch(Path file) {
    try {
      Files.writeString(file, "crash at the next event (pulse chaos)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Moves each job's checkpoint folder aside and puts a plain file in its place (so creating a
   * checkpoint fails even for root, whom permissions do not stop), or moves it back.
   */
  private void swapCheckpointsFor(boolean failing) {
    try (Stream<Path> jobs = Files.list(checkpoints)) {
      for (Path job : jobs.toList()) {
        String name = job.getFileName().toString();
        if (failing && !name.endsWith(".aside") && Files.isDirectory(job)) {
          Files.move(job, job.resolveSibling(name + ".aside"), StandardCopyOption.ATOMIC_MOVE);
          Files.writeString(job, "checkpoint storage unavailable (fault injected)");
        } else if (!failing && name.endsWith(".aside")) {
          Path original = job.resolveSibling(name.substring(0, name.length() - ".aside".length()));
          Files.deleteIfExists(original);
          Files.move(job, original, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot " + (failing ? "break" : "restore") + " the checkpoint storage", e);
    }
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
    registryProxy.close();
  }
}
