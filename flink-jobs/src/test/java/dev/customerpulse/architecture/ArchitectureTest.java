package dev.customerpulse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code: state at the bottom, the domain in the middle, Flink shells and the CLI on
 * top. Package cycles and a domain that reaches into Flink's streaming API fail here, so they are
 * seen when introduced and not when someone next tries to move a class.
 */
class ArchitectureTest {
  /** Packages that hold the customer domain and its events: plain Java, tested without Flink's runtime. */
  static final String[] DOMAIN = {"dev.customerpulse.state..", "dev.customerpulse.engine..", "dev.customerpulse.ingest..",
      "dev.customerpulse.features..",
      "dev.customerpulse.scoring..", "dev.customerpulse.segments..", "dev.customerpulse.rules..",
      "dev.customerpulse.identity..", "dev.customerpulse.privacy..", "dev.customerpulse.published.."};
  /** What the state package may not see: everything of ours except the serializer helpers in types. */
  static final String[] ABOVE_STATE = {"dev.customerpulse.engine..", "dev.customerpulse.features..",
      "dev.customerpulse.scoring..", "dev.customerpulse.segments..", "dev.customerpulse.rules..",
      "dev.customerpulse.identity..", "dev.customerpulse.privacy..", "dev.customerpulse.ingest..",
      "dev.customerpulse.profile..", "dev.customerpulse.job..", "dev.customerpulse.cli..", "dev.customerpulse.demo..",
      "dev.customerpulse.bench..", "dev.customerpulse.generator..", "dev.customerpulse.evaluation..",
      "dev.customerpulse.metrics..", "dev.customerpulse.dlq..", "dev.customerpulse.connectors..",
      "dev.customerpulse.published..", "dev.customerpulse.home..", "dev.customerpulse.avro.."};

  private static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.customerpulse");
  }

  static ArchRule cycleFree(String root) {
    return slices().matching(root + ".(*)..").should().beFreeOfCycles();
  }

  static ArchRule clearOfFlinkStreaming(String... packages) {
    return noClasses().that().resideInAnyPackage(packages).should().dependOnClassesThat()
        .resideInAnyPackage("org.apache.flink.streaming..", "org.apache.flink.runtime..");
  }

  @Test
  void packagesFormNoCycle() {
    cycleFree("dev.customerpulse").check(main);
  }

  @Test
  void theDomainDoesNotUseFlinksStreamingApi() {
    clearOfFlinkStreaming(DOMAIN).check(main);
  }

  @Test
  void stateDependsOnNothingAboveIt() {
    noClasses().that().resideInAPackage("dev.customerpulse.state..").should().dependOnClassesThat()
        .resideInAnyPackage(ABOVE_STATE).check(main);
  }

  @Test
  void anIntroducedCycleFailsTheCycleRule() {
    JavaClasses fixture = new ClassFileImporter().importPackages("dev.customerpulse.architecture.fixture.cycle");
    assertThatThrownBy(() -> cycleFree("dev.customerpulse.architecture.fixture.cycle").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected: Slice a -> \n                Slice b -> \n                Slice a");
  }

  @Test
  void aDomainClassOnTheStreamingApiFailsTheDomainRule() {
    JavaClasses fixture = new ClassFileImporter().importPackages("dev.customerpulse.architecture.fixture.streaming");
    assertThatThrownBy(() -> clearOfFlinkStreaming("dev.customerpulse.architecture.fixture.streaming..").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("TimerUser")
        .hasMessageContaining("org.apache.flink.streaming.api.TimerService");
  }
}
