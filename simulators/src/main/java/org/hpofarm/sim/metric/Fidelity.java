package org.hpofarm.sim.metric;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.hpofarm.sim.data.ShowerSet;

/**
 * How faithfully a sample of showers reproduces a reference sample: the mean separation power over
 * the high-level features (the objective, to minimise), per-feature separations and the FPD.
 */
public final class Fidelity {

  /*
   * The objective is the mean over all features of the separation power between the generated and
   * the reference histograms (binning fixed on the reference, see SeparationPower). Its floor is
   * not zero: two independent reference samples of the same size differ by statistical
   * fluctuations alone, about (bins − 1)/(4N) per feature for N showers each; the "reference
   * floor" reported beside each trial is this same measure between two independent reference
   * samples, so a model at the floor is statistically indistinguishable from the reference on
   * these features.
   */

  private final ShowerSet reference;
  private final Features referenceFeatures;
  private final SeparationPower[] binnings;
  private final double[][] referenceHistograms;

  public Fidelity(ShowerSet reference) {
    this(reference, SeparationPower.BINS);
  }

  public Fidelity(ShowerSet reference, int bins) {
    this.reference = reference;
    this.referenceFeatures = Features.of(reference);
    int f = referenceFeatures.count();
    binnings = new SeparationPower[f];
    referenceHistograms = new double[f][];
    for (int j = 0; j < f; j++) {
      double[] col = referenceFeatures.column(j);
      binnings[j] = SeparationPower.binnedOn(col, bins);
      referenceHistograms[j] = binnings[j].histogram(col);
    }
  }

  public ShowerSet reference() {
    return reference;
  }

  /** Separation power per feature, by feature name. */
  public Map<String, Double> separations(ShowerSet generated) {
    Features g = Features.of(generated);
    Map<String, Double> out = new LinkedHashMap<>();
    for (int j = 0; j < g.count(); j++) {
      out.put(
          g.names().get(j),
          SeparationPower.of(referenceHistograms[j], binnings[j].histogram(g.column(j))));
    }
    return out;
  }

  /** The objective: mean separation power over the features (0 best, 1 worst). */
  public double objective(ShowerSet generated) {
    return separations(generated).values().stream()
        .mapToDouble(Double::doubleValue)
        .average()
        .orElseThrow();
  }

  /** FPD between the reference's and the generated sample's standardised features. */
  public double fpd(ShowerSet generated, RandomGenerator rng) {
    return FrechetDistance.extrapolated(referenceFeatures, Features.of(generated), rng);
  }
}
