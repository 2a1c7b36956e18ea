package dev.customerpulse.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the build put the broker classpath and the unpacked registry (see this module's pom). */
final class BuildLayout {
  private BuildLayout() {}

  static String kafkaBrokerClasspath() {
    try (InputStream in = BuildLayout.class.getResourceAsStream("kafka-broker.classpath")) {
      if (in == null) {
        throw new IllegalStateException("kafka-broker.classpath is missing; build with ./mvnw package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jars of the Flink image's lib folder (module flink-dist-classpath). */
  static String flinkDistClasspath() {
    try (InputStream in = BuildLayout.class.getResourceAsStream("/dev/customerpulse/flinkdist/flink-dist.classpath")) {
      if (in == null) {
        throw new IllegalStateException("flink-dist.classpath is missing; build with ./mvnw package");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path apicurioRunnerJar() {
    Properties props = properties();
    Path home = Path.of(props.getProperty("apicurio.home"));
    Path jar = home.resolve("apicurio-registry-app-" + props.getProperty("apicurio.version") + "-runner.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the schema registry is not unpacked at " + home + "; build with ./mvnw package");
    }
    return jar;
  }

  private static Properties properties() {
    try (InputStream in = BuildLayout.class.getResourceAsStream("local-stack.properties")) {
      Properties props = new Properties();
      props.load(in);
      return props;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
