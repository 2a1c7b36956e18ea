package dev.customerpulse.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
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
    // Any of our packages but its own and the serializer helpers, including packages added later.
    noClasses().that().resideInAPackage("dev.customerpulse.state..").should().dependOnClassesThat(
        resideInAPackage("dev.customerpulse..").and(not(resideInAnyPackage("dev.customerpulse.state..",
            "dev.customerpulse.types..")))).check(main);
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
