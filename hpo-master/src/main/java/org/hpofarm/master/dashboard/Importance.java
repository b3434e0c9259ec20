package org.hpofarm.master.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;
import org.hpofarm.master.trial.Trial;
import org.hpofarm.master.trial.TrialState;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.RandomForest;

/**
 * How much each parameter matters to the first objective: permutation importance over Smile's
 * random forest regression, fitted on the complete trials (each parameter mapped to its unit
 * interval by its distribution, an inactive conditional parameter as -1). A parameter's importance
 * is the rise of the forest's mean squared error when that parameter's column is shuffled,
 * normalised so that the importances sum to 1 (rises below zero count as zero).
 *
 * <p>Permutation importance, not fANOVA: fANOVA decomposes the forest's variance into the share of
 * each parameter by integrating over its trees' leaves; permutation importance asks the same
 * question ("how much does the prediction lean on this parameter") of the fitted forest through its
 * {@code predict} alone, without separating main effects from interactions. At most {@link
 * #TRAINING} trials train the forest (evenly spaced by number), so a study of 20,000 trials takes
 * well under a second; the forest and the shuffles are seeded from the study's sampler seed.
 *
 * @param trials the complete trials the forest was fitted on
 * @param method always {@code permutation (random forest)}
 * @param importances one per parameter, in the search space's order, summing to 1; empty when fewer
 *     than {@link #MIN_TRIALS} trials are complete
 */
public record Importance(int trials, String method, List<Entry> importances) {

  static final int TRAINING = 2000;
  static final int MIN_TRIALS = 8;
  static final int TREES = 64;

  /** One parameter's importance. */
  public record Entry(String name, double importance) {}

  static Importance of(SearchSpace space, List<Trial> trials, int objective, long seed) {
    List<Trial> complete =
        Downsample.stride(
            trials.stream()
                .filter(
                    t ->
                        t.state() == TrialState.COMPLETE
                            && t.values().size() > objective
                            && Double.isFinite(t.values().get(objective)))
                .toList(),
            TRAINING);
    String method = "permutation (random forest)";
    List<Parameter> params = space.parameters();
    if (complete.size() < MIN_TRIALS || params.isEmpty()) {
      return new Importance(complete.size(), method, List.of());
    }
    int n = complete.size();
    int d = params.size();
    double[][] data = new double[n][d + 1];
    String[] names = new String[d + 1];
    for (int j = 0; j < d; j++) {
      names[j] = "p" + j;
    }
    names[d] = "y";
    for (int i = 0; i < n; i++) {
      Trial t = complete.get(i);
      for (int j = 0; j < d; j++) {
        Object v = t.params().get(params.get(j).name());
        data[i][j] = v == null ? -1 : params.get(j).distribution().toUnit(v);
      }
      data[i][d] = t.values().get(objective);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    long[] seeds = new long[TREES];
    for (int k = 0; k < TREES; k++) {
      seeds[k] = rng.nextLong();
    }
    Formula formula = Formula.lhs("y");
    RandomForest forest =
        RandomForest.fit(
            formula,
            DataFrame.of(data, names),
            new RandomForest.Options(
                TREES, Math.max(1, d / 3), 20, Math.max(8, n / 5), 5, 1.0, seeds, null));
    double base = mse(forest, data, names);
    double[] rise = new double[d];
    double sum = 0;
    for (int j = 0; j < d; j++) {
      double[][] shuffled = new double[n][];
      for (int i = 0; i < n; i++) {
        shuffled[i] = data[i].clone();
      }
      for (int i = n - 1; i > 0; i--) {
        int k = rng.nextInt(i + 1);
        double tmp = shuffled[i][j];
        shuffled[i][j] = shuffled[k][j];
        shuffled[k][j] = tmp;
      }
      rise[j] = Math.max(0, mse(forest, shuffled, names) - base);
      sum += rise[j];
    }
    List<Entry> out = new ArrayList<>(d);
    for (int j = 0; j < d; j++) {
      out.add(new Entry(params.get(j).name(), sum > 0 ? rise[j] / sum : 1.0 / d));
    }
    return new Importance(n, method, out);
  }

  private static double mse(RandomForest forest, double[][] data, String[] names) {
    DataFrame frame = DataFrame.of(data, names);
    int y = data[0].length - 1;
    double s = 0;
    for (int i = 0; i < data.length; i++) {
      double e = forest.predict(frame.get(i)) - data[i][y];
      s += e * e;
    }
    return s / data.length;
  }
}
