package org.hpofarm.sim.geometry;

import java.util.List;
import java.util.Locale;

/**
 * A calorimeter material: atomic number, mass number, density and the electromagnetic scales that
 * the shower parametrisation needs (radiation length, Molière radius, critical energy).
 *
 * @param name short name ({@code Pb}, {@code LAr}, ...)
 * @param z (effective) atomic number
 * @param a (effective) mass number in g/mol
 * @param density density in g/cm³
 * @param radiationLengthMm radiation length X0 in mm
 * @param moliereRadiusMm Molière radius R_M in mm
 * @param criticalEnergyMev critical energy E_c (electrons, Rossi definition) in MeV
 */
public record Material(
    String name,
    double z,
    double a,
    double density,
    double radiationLengthMm,
    double moliereRadiusMm,
    double criticalEnergyMev) {

  /*
   * Values from the Particle Data Group tables of atomic and nuclear properties of materials
   * (pdg.lbl.gov/AtomicNuclearProperties). For the compound PbWO4, Z and A are mass-weighted
   * averages over its elements (Pb 45.5 %, W 40.4 %, O 14.1 % by mass), the convention GFlash uses
   * for mixtures.
   */
  public static final Material PB = new Material("Pb", 82, 207.2, 11.35, 5.612, 16.02, 7.43);
  public static final Material W = new Material("W", 74, 183.84, 19.3, 3.504, 9.327, 7.97);
  public static final Material PBWO4 = new Material("PbWO4", 68.4, 170.9, 8.3, 8.903, 19.59, 9.64);
  public static final Material LAR = new Material("LAr", 18, 39.948, 1.396, 140.0, 90.43, 32.84);
  public static final Material SI = new Material("Si", 14, 28.085, 2.329, 93.70, 48.80, 40.19);
  public static final Material FE = new Material("Fe", 26, 55.845, 7.874, 17.57, 17.19, 21.68);

  /** The built-in materials. */
  public static final List<Material> ALL = List.of(PB, W, PBWO4, LAR, SI, FE);

  public Material {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("material.name: must not be blank");
    }
    positive("z", z);
    positive("a", a);
    positive("density", density);
    positive("radiationLengthMm", radiationLengthMm);
    positive("moliereRadiusMm", moliereRadiusMm);
    positive("criticalEnergyMev", criticalEnergyMev);
  }

  /** Radiation length as a mass thickness, in g/cm². */
  public double radiationLengthGcm2() {
    return radiationLengthMm / 10.0 * density;
  }

  /** Looks a built-in material up by name, ignoring case. */
  public static Material named(String name) {
    for (Material m : ALL) {
      if (m.name.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "material.name: unknown material '"
            + name
            + "', expected one of Pb, W, PbWO4, LAr, Si, Fe");
  }

  private static void positive(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException("material." + field + ": must be positive, got " + value);
    }
  }
}
