package org.hpofarm.sim.shower;

import org.hpofarm.sim.geometry.Geometry;

/**
 * What enters the calorimeter: the particle type and its energy spectrum.
 *
 * @param particle incident particle
 * @param spectrum incident energies
 */
public record Beam(Particle particle, EnergySpectrum spectrum) {

  public Beam {
    if (particle == null || spectrum == null) {
      throw new IllegalArgumentException("beam: particle and spectrum are required");
    }
  }

  /**
   * The beam a preset geometry is meant for: photons of 2^8 … 2^22 MeV for {@code ds1-photon},
   * photons of 2^10 … 2^16 MeV for {@code small}, electrons log-uniform in 1 GeV … 1 TeV for {@code
   * ds2}.
   */
  public static Beam defaultFor(Geometry geometry) {
    return switch (geometry.name()) {
      case "small" -> new Beam(Particle.PHOTON, EnergySpectrum.powersOfTwo(10, 16));
      case "ds2" -> new Beam(Particle.ELECTRON, new EnergySpectrum.LogUniform(1e3, 1e6));
      default -> new Beam(Particle.PHOTON, EnergySpectrum.powersOfTwo(8, 22));
    };
  }
}
