package org.hpofarm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The structure the build keeps: no cycles between the project's concept packages, and an optimiser
 * core that knows nothing of the service around it.
 */
class ArchitectureTest {

  private static final JavaClasses PROJECT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.hpofarm");

  /** The optimiser core: search spaces, trials, a study's history, samplers and pruners. */
  static final String[] CORE = {
    "org.hpofarm.master.space..",
    "org.hpofarm.master.trial..",
    "org.hpofarm.master.core..",
    "org.hpofarm.master.sampler..",
    "org.hpofarm.master.pruner.."
  };

  /**
   * A concept is a module's package with its subpackages ({@code master.sampler} holds the sampler
   * SPI, its registry and one subpackage per family); no two concepts may depend on each other both
   * ways, directly or through others.
   */
  @Test
  void theConceptPackagesHaveNoCycles() {
    slices().matching("org.hpofarm.(*).(*)..").should().beFreeOfCycles().check(PROJECT);
  }

  @Test
  void theOptimiserCoreDependsOnNoServicePackageNorOnVertxHazelcastOrJdbc() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.hpofarm.master.study..",
            "org.hpofarm.master.service..",
            "org.hpofarm.master.store..",
            "org.hpofarm.master.api..",
            "org.hpofarm.master.farm..",
            "org.hpofarm.master.auth..",
            "org.hpofarm.master.cli..",
            "org.hpofarm.master.hopaas..",
            "io.vertx..",
            "com.hazelcast..",
            "java.sql..",
            "javax.sql..")
        .check(PROJECT);
  }
}
