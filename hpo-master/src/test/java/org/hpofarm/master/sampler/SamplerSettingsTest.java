package org.hpofarm.master.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hpofarm.master.core.Options;
import org.hpofarm.master.sampler.auto.AutoSettings;
import org.hpofarm.master.sampler.cmaes.CmaEsSettings;
import org.hpofarm.master.sampler.evolution.EvolutionSettings;
import org.hpofarm.master.sampler.gp.GpSettings;
import org.hpofarm.master.sampler.tpe.TpeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The settings records of the samplers: the defaults of no options, and their own checks. */
class SamplerSettingsTest {

  private static final Options NONE = Options.none("sampler");

  @Test
  void noOptionsGiveTheDefaults() {
    assertEquals(TpeSettings.DEFAULTS, TpeSettings.from(NONE));
    assertEquals(GpSettings.DEFAULTS, GpSettings.from(NONE));
    assertEquals(CmaEsSettings.DEFAULTS, CmaEsSettings.from(NONE));
    assertEquals(EvolutionSettings.DEFAULTS, EvolutionSettings.from(NONE));
    assertEquals(AutoSettings.DEFAULTS, AutoSettings.from(NONE));
  }

  @Test
  void aBadValueIsRejectedNamingTheField() {
    rejects(
        "sampler.gamma: must be in (0, 1], got 1.5",
        () -> new TpeSettings(10, 24, 1.5, 25, true, true, 1.0, 1000));
    rejects(
        "sampler.pending: must be believer, min, mean or max, got 'guess'",
        () -> new GpSettings(-1, 200, 64, 1024, 2, 40, "guess", "standard", 0, 0.1));
    rejects(
        "sampler.transform: must be rank or standard, got 'log'",
        () -> new GpSettings(-1, 200, 64, 1024, 2, 40, "believer", "log", 0, 0.1));
    rejects(
        "sampler.popSize: must be 0 (automatic) or at least 2, got 1",
        () -> new CmaEsSettings(0.15, 1, 0, "ipop", 0.5, 0.25));
    rejects(
        "sampler.restarts: must be ipop or none, got bipop",
        () -> new CmaEsSettings(0.15, 0, 0, "bipop", 0.5, 0.25));
    rejects(
        "sampler.tournament: must be in [1, 16], got 17",
        () -> new EvolutionSettings(16, 16, 17, 0.5, 10, 0.5, 1));
    rejects("sampler.gpMaxDims: must be >= 1, got 0", () -> new AutoSettings(0, 2_000));
  }

  private static void rejects(String message, Executable create) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, create).getMessage());
  }
}
