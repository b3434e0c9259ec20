package org.hpofarm.sim.shower;

/**
 * The incident particle: an electron starts its shower at the calorimeter face, a photon first
 * converts.
 */
public enum Particle {
  ELECTRON,
  PHOTON
}
