package org.hpofarm.sim.geometry;

/**
 * The medium a shower develops in: a homogeneous material or the effective medium of a sampling
 * calorimeter (passive absorber plates interleaved with active layers), with the quantities the
 * GFlash parametrisation is written in.
 *
 * @param name description, e.g. {@code Pb(1.5mm)/LAr(4.2mm)}
 * @param z effective atomic number Z_eff
 * @param density effective density in g/cm³
 * @param radiationLengthMm effective radiation length X0_eff in mm
 * @param moliereRadiusMm effective Molière radius R_M,eff in mm
 * @param criticalEnergyMev effective critical energy E_c,eff in MeV
 * @param inverseSamplingFrequency 1/F_s: thickness of one sampling cell in units of X0_eff (0 for a
 *     homogeneous medium)
 * @param ehat ê = e/mip, the electron-to-minimum-ionising signal ratio (1 for a homogeneous medium)
 * @param samplingTerm c_s, the stochastic term of the energy resolution σ/E = c_s/√(E/GeV) (0 for a
 *     homogeneous medium)
 */
public record Medium(
    String name,
    double z,
    double density,
    double radiationLengthMm,
    double moliereRadiusMm,
    double criticalEnergyMev,
    double inverseSamplingFrequency,
    double ehat,
    double samplingTerm) {

  /*
   * Effective medium of a sampling calorimeter, after Grindhammer & Peters, "The parameterized
   * simulation of electromagnetic showers in homogeneous and sampling calorimeters",
   * hep-ex/0001020, section 3 (the same construction as NIM A290 (1990) 469). With thicknesses d_i
   * and densities ρ_i of the passive (p) and active (a) layers and mass fractions
   * w_i = d_i ρ_i / Σ_j d_j ρ_j:
   *
   *   Z_eff  = Σ_i w_i Z_i
   *   ρ_eff  = Σ_i d_i ρ_i / Σ_i d_i
   *   1/X0_eff = Σ_i w_i / X0_i                     (X0 as mass thickness, g/cm²)
   *   1/R_M,eff = (1/E_s) Σ_i w_i E_c,i / X0_i      (E_s = 21.2 MeV, mass thickness)
   *   E_c,eff = X0_eff Σ_i w_i E_c,i / X0_i
   *   F_s    = X0_eff / (d_a + d_p)                 (sampling frequency, cells per X0)
   *   ê      = 1 / (1 + 0.007 (Z_p − Z_a))
   *
   * Mass thicknesses are converted back to lengths with ρ_eff. For a single material these reduce
   * to the material's own constants (R_M = E_s X0 / E_c).
   */
  static final double SCALE_ENERGY_MEV = 21.2;

  public Medium {
    if (!(z > 0 && density > 0 && radiationLengthMm > 0 && moliereRadiusMm > 0)) {
      throw new IllegalArgumentException("medium: z, density, X0 and R_M must be positive");
    }
    if (!(criticalEnergyMev > 0)) {
      throw new IllegalArgumentException("medium.criticalEnergyMev: must be positive");
    }
    if (inverseSamplingFrequency < 0 || !(ehat > 0) || samplingTerm < 0) {
      throw new IllegalArgumentException(
          "medium: inverseSamplingFrequency and samplingTerm must be >= 0, ehat > 0");
    }
  }

  /** True for a sampling calorimeter's effective medium. */
  public boolean sampling() {
    return inverseSamplingFrequency > 0;
  }

  /** A homogeneous calorimeter made of one material. */
  public static Medium homogeneous(Material m) {
    return new Medium(
        m.name(),
        m.z(),
        m.density(),
        m.radiationLengthMm(),
        m.moliereRadiusMm(),
        m.criticalEnergyMev(),
        0,
        1,
        0);
  }

  /**
   * The effective medium of a sampling calorimeter.
   *
   * @param passive absorber material
   * @param passiveMm absorber plate thickness (mm)
   * @param active active (signal) material
   * @param activeMm active layer thickness (mm)
   * @param samplingTerm stochastic resolution term c_s (e.g. 0.10 for 10 %/√E)
   */
  public static Medium sampling(
      Material passive, double passiveMm, Material active, double activeMm, double samplingTerm) {
    if (!(passiveMm > 0) || !(activeMm > 0)) {
      throw new IllegalArgumentException("medium: layer thicknesses must be positive");
    }
    if (!(samplingTerm > 0)) {
      throw new IllegalArgumentException("medium.samplingTerm: must be positive");
    }
    double mp = passiveMm * passive.density();
    double ma = activeMm * active.density();
    double wp = mp / (mp + ma);
    double wa = ma / (mp + ma);
    double z = wp * passive.z() + wa * active.z();
    double rho = (mp + ma) / (passiveMm + activeMm);
    double x0Gcm2 = 1.0 / (wp / passive.radiationLengthGcm2() + wa / active.radiationLengthGcm2());
    double ecOverX0 =
        wp * passive.criticalEnergyMev() / passive.radiationLengthGcm2()
            + wa * active.criticalEnergyMev() / active.radiationLengthGcm2();
    double rmGcm2 = SCALE_ENERGY_MEV / ecOverX0;
    double ec = x0Gcm2 * ecOverX0;
    double x0Mm = x0Gcm2 / rho * 10.0;
    double rmMm = rmGcm2 / rho * 10.0;
    double fs = x0Mm / (passiveMm + activeMm);
    double ehat = 1.0 / (1.0 + 0.007 * (passive.z() - active.z()));
    String name =
        String.format(
            java.util.Locale.ROOT,
            "%s(%.2fmm)/%s(%.2fmm)",
            passive.name(),
            passiveMm,
            active.name(),
            activeMm);
    return new Medium(name, z, rho, x0Mm, rmMm, ec, 1.0 / fs, ehat, samplingTerm);
  }
}
