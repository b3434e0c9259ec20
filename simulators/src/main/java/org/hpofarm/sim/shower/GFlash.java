package org.hpofarm.sim.shower;

import org.hpofarm.sim.geometry.Medium;

/**
 * The Grindhammer–Peters (GFlash) parametrisation of electromagnetic showers: mean and fluctuated
 * longitudinal Gamma profiles, the two-component radial profile and the number of energy spots, in
 * a homogeneous or an effective sampling medium. Pure functions of the medium and the energy.
 */
public final class GFlash {

  /*
   * G. Grindhammer, M. Rudowicz, S. Peters, NIM A290 (1990) 469; G. Grindhammer, S. Peters,
   * "The parameterized simulation of electromagnetic showers in homogeneous and sampling
   * calorimeters", hep-ex/0001020 (1993/2000), appendix A. E in GeV where a logarithm of E appears,
   * y = E/E_c, Z the (effective) atomic number, t the depth in X0 from the shower start.
   *
   * Longitudinal profile:  dE(t)/dt = E · (βt)^(α−1) β e^(−βt) / Γ(α),   T = (α − 1)/β.
   *
   * Homogeneous media, average profile:
   *   T_hom = ln y − 0.858                      (electrons)
   *   α_hom = 0.21 + (0.492 + 0.0021 Z) ln y
   * Homogeneous media, fluctuated profiles (ln T and ln α are correlated Gaussians):
   *   ⟨ln T_hom⟩ = ln(ln y − 0.812)             σ(ln T_hom) = (−1.4 + 1.26 ln y)^−1
   *   ⟨ln α_hom⟩ = ln(0.81 + (0.458 + 0.00218 Z) ln y)
   *                                             σ(ln α_hom) = (−0.58 + 0.86 ln y)^−1
   *   ρ(ln T_hom, ln α_hom) = 0.705 − 0.023 ln y
   * Sampling calorimeters (effective medium, F_s the sampling frequency, ê = e/mip):
   *   T_sam = T_hom − 0.59 F_s^−1 − 0.53 (1 − ê)
   *   α_sam = α_hom − 0.444 F_s^−1
   *   ⟨ln T_sam⟩ = ln(exp⟨ln T_hom⟩ − 0.59 F_s^−1 − 0.53 (1 − ê))
   *   ⟨ln α_sam⟩ = ln(exp⟨ln α_hom⟩ − 0.444 F_s^−1)
   *   σ(ln T_sam) = (−2.5 + 1.25 ln y)^−1,  σ(ln α_sam) = (−0.82 + 0.79 ln y)^−1
   *   ρ = 0.784 − 0.023 ln y
   * Correlated sampling with two standard normals z1, z2 (the paper's form):
   *   ln T = ⟨ln T⟩ + σ_T (√((1+ρ)/2) z1 + √((1−ρ)/2) z2)
   *   ln α = ⟨ln α⟩ + σ_α (√((1+ρ)/2) z1 − √((1−ρ)/2) z2)
   * As in the Geant4 implementation, σ is capped at 0.5 (the formulas diverge for small y), the
   * means' arguments are floored at 0.1, T ≥ 1 and α ≥ 1.1.
   *
   * Radial profile at depth τ = t/T, r in Molière radii:
   *   f(r) = p · 2r R_C²/(r² + R_C²)² + (1 − p) · 2r R_T²/(r² + R_T²)²
   *   cumulative F(r) = p r²/(r² + R_C²) + (1 − p) r²/(r² + R_T²)
   *   R_C = z1 + z2 τ,          z1 = 0.0251 + 0.00319 ln E,  z2 = 0.1162 − 0.000381 Z
   *   R_T = k1 (e^(k3(τ−k2)) + e^(k4(τ−k2))),
   *                             k1 = 0.659 − 0.00309 Z, k2 = 0.645, k3 = −2.59,
   *                             k4 = 0.3585 + 0.0421 ln E
   *   p = p1 exp((p2 − τ)/p3 − exp((p2 − τ)/p3)),
   *                             p1 = 2.632 − 0.00094 Z, p2 = 0.401 + 0.00187 Z,
   *                             p3 = 1.313 − 0.0686 ln E
   * Sampling corrections:
   *   R_C,sam = R_C,hom − 0.0203 (1 − ê) + 0.0397 F_s^−1 e^−τ
   *   R_T,sam = R_T,hom − 0.14 (1 − ê) − 0.495 F_s^−1 e^−τ
   *   p_sam = p_hom + (1 − ê)(0.348 − 0.642 F_s^−1 e^−(τ−1)²)
   *
   * Energy spots (lateral fluctuations): N_spot = 93 ln(Z) E^0.876 (homogeneous),
   * N_spot = 10.3/c_s · E^0.959 (sampling, c_s the stochastic resolution term).
   *
   * Photons: the shower starts at the conversion point, exponentially distributed with mean
   * 9/7 X0 (the pair-production mean free path).
   */

  static final double SIGMA_CAP = 0.5;

  private final Medium medium;

  public GFlash(Medium medium) {
    this.medium = medium;
  }

  public Medium medium() {
    return medium;
  }

  /** y = E/E_c for an energy in MeV. */
  public double y(double energyMev) {
    return energyMev / medium.criticalEnergyMev();
  }

  /** Mean depth of the shower maximum T (X0) of the average profile. */
  public double meanTmax(double energyMev) {
    double t = Math.log(y(energyMev)) - 0.858;
    if (medium.sampling()) {
      t += -0.59 * medium.inverseSamplingFrequency() - 0.53 * (1 - medium.ehat());
    }
    return t;
  }

  /** Mean shape parameter α of the average profile. */
  public double meanAlpha(double energyMev) {
    double a = 0.21 + (0.492 + 0.0021 * medium.z()) * Math.log(y(energyMev));
    if (medium.sampling()) {
      a += -0.444 * medium.inverseSamplingFrequency();
    }
    return a;
  }

  /** Parameters of the correlated Gaussian of (ln T, ln α) for fluctuated profiles. */
  public LogProfile logProfile(double energyMev) {
    double lny = Math.log(y(energyMev));
    double mT = Math.log(Math.max(lny - 0.812, 0.1));
    double mA = Math.log(Math.max(0.81 + (0.458 + 0.00218 * medium.z()) * lny, 0.1));
    if (!medium.sampling()) {
      return new LogProfile(
          mT, cap(1 / (-1.4 + 1.26 * lny)), mA, cap(1 / (-0.58 + 0.86 * lny)), 0.705 - 0.023 * lny);
    }
    double fsInv = medium.inverseSamplingFrequency();
    double mTs = Math.log(Math.max(Math.exp(mT) - 0.59 * fsInv - 0.53 * (1 - medium.ehat()), 0.1));
    double mAs = Math.log(Math.max(Math.exp(mA) - 0.444 * fsInv, 0.1));
    return new LogProfile(
        mTs, cap(1 / (-2.5 + 1.25 * lny)), mAs, cap(1 / (-0.82 + 0.79 * lny)), 0.784 - 0.023 * lny);
  }

  /** Radial profile parameters at relative depth τ = t/T, in Molière radii. */
  public Radial radial(double energyMev, double tau) {
    double lnE = Math.log(energyMev / 1000.0);
    double z = medium.z();
    double rc = 0.0251 + 0.00319 * lnE + (0.1162 - 0.000381 * z) * tau;
    double k1 = 0.659 - 0.00309 * z;
    double k2 = 0.645;
    double k3 = -2.59;
    double k4 = 0.3585 + 0.0421 * lnE;
    double rt = k1 * (Math.exp(k3 * (tau - k2)) + Math.exp(k4 * (tau - k2)));
    double p1 = 2.632 - 0.00094 * z;
    double p2 = 0.401 + 0.00187 * z;
    double p3 = 1.313 - 0.0686 * lnE;
    double u = (p2 - tau) / p3;
    double p = p1 * Math.exp(u - Math.exp(u));
    if (medium.sampling()) {
      double fsInv = medium.inverseSamplingFrequency();
      double oneMinusEhat = 1 - medium.ehat();
      rc += -0.0203 * oneMinusEhat + 0.0397 * fsInv * Math.exp(-tau);
      rt += -0.14 * oneMinusEhat - 0.495 * fsInv * Math.exp(-tau);
      p += oneMinusEhat * (0.348 - 0.642 * fsInv * Math.exp(-(tau - 1) * (tau - 1)));
    }
    return new Radial(
        Math.max(rc, 1e-3), Math.max(rt, Math.max(rc, 1e-3)), Math.min(Math.max(p, 0), 1));
  }

  /** Number of energy spots of a shower of this energy. */
  public double spots(double energyMev) {
    double e = energyMev / 1000.0;
    if (medium.sampling()) {
      return 10.3 / medium.samplingTerm() * Math.pow(e, 0.959);
    }
    return 93 * Math.log(medium.z()) * Math.pow(e, 0.876);
  }

  /** Mean photon conversion depth in X0. */
  public static double meanConversionDepthX0() {
    return 9.0 / 7.0;
  }

  private static double cap(double sigma) {
    return sigma > 0 ? Math.min(sigma, SIGMA_CAP) : SIGMA_CAP;
  }

  /**
   * Correlated Gaussian of (ln T, ln α).
   *
   * @param meanLnT ⟨ln T⟩
   * @param sigmaLnT σ(ln T)
   * @param meanLnAlpha ⟨ln α⟩
   * @param sigmaLnAlpha σ(ln α)
   * @param rho correlation coefficient
   */
  public record LogProfile(
      double meanLnT, double sigmaLnT, double meanLnAlpha, double sigmaLnAlpha, double rho) {

    /** T and α for two standard normal draws, with the floors T ≥ 1, α ≥ 1.1. */
    public double[] sample(double z1, double z2) {
      double c1 = Math.sqrt((1 + rho) / 2);
      double c2 = Math.sqrt((1 - rho) / 2);
      double t = Math.exp(meanLnT + sigmaLnT * (c1 * z1 + c2 * z2));
      double a = Math.exp(meanLnAlpha + sigmaLnAlpha * (c1 * z1 - c2 * z2));
      return new double[] {Math.max(t, 1.0), Math.max(a, 1.1)};
    }
  }

  /**
   * Two-component radial profile in Molière radii.
   *
   * @param core core radius R_C
   * @param tail tail radius R_T
   * @param coreWeight weight p of the core
   */
  public record Radial(double core, double tail, double coreWeight) {

    /** Fraction of the layer's energy within radius r (Molière radii). */
    public double containedFraction(double r) {
      double r2 = r * r;
      return coreWeight * r2 / (r2 + core * core) + (1 - coreWeight) * r2 / (r2 + tail * tail);
    }
  }
}
