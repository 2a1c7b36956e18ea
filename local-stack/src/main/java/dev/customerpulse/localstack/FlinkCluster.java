package dev.customerpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Flink cluster of separate JVMs, laid out as the official image runs one under the Flink
 * Kubernetes Operator: a JobManager in application mode that runs the job jar found in
 * {@code $FLINK_HOME/usrlib}, and TaskManagers that get the jar from it. The Flink jars come from
 * Maven Central (module flink-dist-classpath); memory settings are derived by Flink's own
 * {@code BashJavaUtils}, as the image's scripts do. A TaskManager can be killed with SIGKILL and a new
 * one started in its place, as Kubernetes replaces a lost pod.
 */
public final class FlinkCluster implements AutoCloseable {
  private static final String APPLICATION_ENTRY_POINT =
      "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint";
  private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
  private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
  /** What the image's config.yaml opens for Flink's own reflection (Kryo, the RPC system) on Java 17. */
  private static final List<String> JAVA_17_OPENS = List.of(
      "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final Path dir;
  private final String classpath;
  private final Map<String, String> environment;
  private final List<String> taskManagerJvm;
  private final List<String> taskManagerArgs;
  private final int restPort;
  private final ChildJvm jobManager;
  private final List<ChildJvm> taskManagers = new ArrayList<>();
  private int started;

  private FlinkCluster(Path dir, String classpath, Map<String, String> environment, List<String> taskManagerJvm,
      List<String> taskManagerArgs, int restPort, ChildJvm jobManager) {
    this.dir = dir;
    this.classpath = classpath;
    this.environment = environment;
    this.taskManagerJvm = taskManagerJvm;
    this.taskManagerArgs = taskManagerArgs;
    this.restPort = restPort;
    this.jobManager = jobManager;
  }

  /**
   * Starts a JobManager that runs {@code mainClass} from {@code jobJar} in application mode, with
   * {@code configuration} as its config.yaml (the cluster's addresses and ports are added), and
   * {@code taskManagers} TaskManagers.
   */
  public static FlinkCluster startApplication(Path dir, Path jobJar, String mainClass, Map<String, String> configuration,
      int taskManagers) {
    try {
      Path conf = Files.createDirectories(dir.resolve("conf"));
      Path usrlib = Files.createDirectories(dir.resolve("home").resolve("usrlib"));
      Files.copy(jobJar, usrlib.resolve(jobJar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      int restPort = FreePorts.next();
      Map<String, String> config = new LinkedHashMap<>();
      config.put("jobmanager.rpc.address", "127.0.0.1");
      config.put("jobmanager.rpc.port", String.valueOf(FreePorts.next()));
      config.put("jobmanager.bind-host", "127.0.0.1");
      config.put("rest.address", "127.0.0.1");
      config.put("rest.bind-address", "127.0.0.1");
      config.put("rest.port", String.valueOf(restPort));
      config.put("taskmanager.host", "127.0.0.1");
      config.put("taskmanager.bind-host", "127.0.0.1");
      config.put("blob.server.port", "0");
      config.put("jobmanager.memory.process.size", "1024m");
      config.put("taskmanager.memory.process.size", "1536m");
      config.putAll(configuration);
      Files.writeString(conf.resolve("config.yaml"), yaml(config));
      Files.writeString(conf.resolve("log4j-console.properties"), LOG4J);
      String classpath = BuildLayout.flinkDistClasspath();
      // Flink finds usrlib next to FLINK_LIB_DIR (the image's /opt/flink/lib); the jars themselves are on the class path.
      Path lib = Files.createDirectories(dir.resolve("home").resolve("lib"));
      Map<String, String> environment = Map.of("FLINK_CONF_DIR", conf.toString(), "FLINK_HOME", dir.resolve("home").toString(),
          "FLINK_LIB_DIR", lib.toString());
      // As the image's scripts do: env.java.opts.all goes on every Flink JVM's command line.
      List<String> logging = new ArrayList<>(List.of("-Dlog4j.configurationFile=" + conf.resolve("log4j-console.properties").toUri()));
      for (String option : config.getOrDefault("env.java.opts.all", "").split(" ")) {
        if (!option.isBlank()) {
          logging.add(option);
        }
      }
      Resources jm = resources(dir, classpath, conf, "GET_JM_RESOURCE_PARAMS");
      Resources tm = resources(dir, classpath, conf, "GET_TM_RESOURCE_PARAMS");
      List<String> jmJvm = jvm(jm.jvmOptions(), logging);
      List<String> jmArgs = new ArrayList<>(List.of("--configDir", conf.toString(), "--job-classname", mainClass));
      jmArgs.addAll(jm.dynamicConfigs());
      ChildJvm jobManager = ChildJvm.start("flink jobmanager", classpath, jmJvm, APPLICATION_ENTRY_POINT, jmArgs,
          environment, dir, dir.resolve("jobmanager.log"));
      List<String> tmArgs = new ArrayList<>(List.of("--configDir", conf.toString()));
      tmArgs.addAll(tm.dynamicConfigs());
      FlinkCluster cluster = new FlinkCluster(dir, classpath, environment, jvm(tm.jvmOptions(), logging), tmArgs, restPort,
          jobManager);
      for (int i = 0; i < taskManagers; i++) {
        cluster.startTaskManager();
      }
      cluster.awaitRest(Duration.ofSeconds(90));
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out the Flink cluster in " + dir, e);
    }
  }

  /** The REST endpoint (web UI, job status, metrics, savepoints). */
  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  /** Starts one more TaskManager (a replacement pod); returns its index. */
  public synchronized int startTaskManager() {
    int index = started++;
    taskManagers.add(ChildJvm.start("flink taskmanager " + index, classpath, taskManagerJvm, TASK_MANAGER, taskManagerArgs,
        environment, dir, dir.resolve("taskmanager-" + index + ".log")));
    return index;
  }

  /** TaskManagers started so far, dead or alive. */
  public synchronized int taskManagersStarted() {
    return taskManagers.size();
  }

  /** SIGKILL to TaskManager {@code index}: its tasks, buffers and local state are lost at once. */
  public synchronized void killTaskManager(int index) {
    taskManagers.get(index).kill();
  }

  public synchronized boolean taskManagerAlive(int index) {
    return taskManagers.get(index).isAlive();
  }

  public boolean jobManagerAlive() {
    return jobManager.isAlive();
  }

  /** The JobManager's last log lines, for error messages. */
  public String jobManagerTail() {
    return jobManager.tail();
  }

  public Path dir() {
    return dir;
  }

  @Override
  public synchronized void close() {
    for (ChildJvm taskManager : taskManagers) {
      taskManager.close();
    }
    jobManager.close();
  }

  private void awaitRest(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!FreePorts.isOpen(restPort)) {
      if (!jobManager.isAlive()) {
        close();
        throw new IllegalStateException("the Flink JobManager exited during start:\n" + jobManager.tail());
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("the Flink JobManager's REST port did not open within " + timeout.toSeconds()
            + " s:\n" + jobManager.tail());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting Flink", e);
      }
    }
  }

  private static List<String> jvm(List<String> memory, List<String> logging) {
    List<String> options = new ArrayList<>(memory);
    options.addAll(JAVA_17_OPENS);
    options.addAll(logging);
    return options;
  }

  /** JVM memory options and dynamic configuration, as the image's scripts get them from BashJavaUtils. */
  private record Resources(List<String> jvmOptions, List<String> dynamicConfigs) {}

  private static Resources resources(Path dir, String classpath, Path conf, String command) throws IOException {
    Path log = dir.resolve(command.toLowerCase(java.util.Locale.ROOT) + ".log");
    ChildJvm.run("flink " + command, classpath, List.of("-Xmx128m"), BASH_JAVA_UTILS,
        List.of(command, "--configDir", conf.toString()), dir, log, 60);
    List<String> results = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith(RESULT_PREFIX)) {
        results.add(line.substring(RESULT_PREFIX.length()).trim());
      }
    }
    if (results.size() < 2) {
      throw new IllegalStateException("BashJavaUtils " + command + " printed no memory settings; see " + log);
    }
    List<String> dynamic = new ArrayList<>();
    for (String part : results.get(1).split(" ")) {
      if (!part.isBlank()) {
        dynamic.add(part);
      }
    }
    return new Resources(List.of(results.get(0).split(" ")), dynamic);
  }

  /** Flat keys, every value single-quoted (addresses and lists hold ':' and ','). */
  private static String yaml(Map<String, String> config) {
    StringBuilder out = new StringBuilder();
    config.forEach((key, value) -> out.append(key).append(": '").append(value.replace("'", "''")).append("'\n"));
    return out.toString();
  }

  private static final String LOG4J = String.join("\n",
      "rootLogger.level = INFO",
      "rootLogger.appenderRef.console.ref = Console",
      "appender.console.name = Console",
      "appender.console.type = CONSOLE",
      "appender.console.layout.type = PatternLayout",
      "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-40c{1.} - %m%n",
      "logger.kafka.name = org.apache.kafka",
      "logger.kafka.level = WARN",
      "logger.metrics.name = org.apache.flink.metrics",
      "logger.metrics.level = ERROR",
      "");
}
