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
 * How much each parameter matters to the first objective, fANOVA-style: the share of the variance
 * of Smile's random forest regression (fitted on the complete trials, each parameter mapped to its
 * unit interval by its distribution, an inactive conditional parameter as -1) that each parameter's
 * main effect explains.
 *
 * <p>Functional ANOVA (Hutter, Hoos & Leyton-Brown 2014, as optuna-dashboard shows it through
 * Optuna's fANOVA evaluator) writes the forest's prediction as a sum of effects; a parameter's main
 * effect is its marginal prediction {@code f_j(v)}, the prediction averaged over the other
 * parameters, and its importance is the variance of {@code f_j} over {@code v}. fANOVA integrates
 * over the trees' leaves exactly; this estimates the same integrals by Monte Carlo through the
 * forest's {@code predict} alone: {@code f_j(v)} is the mean prediction over {@link #BACKGROUND}
 * trials with parameter {@code j} set to {@code v}, for {@link #GRID} values {@code v} at the
 * quantiles of that parameter's observed values. The main-effect variances are normalised to sum to
 * 1, as Optuna's evaluator does (interactions are left out of both). At most {@link #TRAINING}
 * trials train the forest (evenly spaced by number), whose seeds come from the study's sampler
 * seed; the background trials are evenly spaced among them.
 *
 * @param trials the complete trials the forest was fitted on
 * @param method always {@code fanova (random forest, main effects)}
 * @param importances one per parameter, in the search space's order, summing to 1; empty when fewer
 *     than {@link #MIN_TRIALS} trials are complete
 */
public record Importance(int trials, String method, List<Entry> importances) {

  static final int TRAINING = 2000;
  static final int MIN_TRIALS = 8;
  static final int TREES = 64;
  static final int GRID = 16;
  static final int BACKGROUND = 128;

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
    String method = "fanova (random forest, main effects)";
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
    double[][] background = new double[Math.min(BACKGROUND, n)][];
    for (int i = 0; i < background.length; i++) {
      background[i] = data[(int) ((long) i * n / background.length)].clone();
    }
    double[] effect = new double[d];
    double sum = 0;
    for (int j = 0; j < d; j++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = data[i][j];
      }
      java.util.Arrays.sort(column);
      double[] marginal = new double[GRID];
      for (int g = 0; g < GRID; g++) {
        double v = column[(int) ((long) g * (n - 1) / (GRID - 1))];
        double[][] probe = new double[background.length][];
        for (int i = 0; i < background.length; i++) {
          probe[i] = background[i].clone();
          probe[i][j] = v;
        }
        marginal[g] = meanPrediction(forest, probe, names);
      }
      effect[j] = variance(marginal);
      sum += effect[j];
    }
    List<Entry> out = new ArrayList<>(d);
    for (int j = 0; j < d; j++) {
      out.add(new Entry(params.get(j).name(), sum > 0 ? effect[j] / sum : 1.0 / d));
    }
    return new Importance(n, method, out);
  }

  private static double meanPrediction(RandomForest forest, double[][] rows, String[] names) {
    DataFrame frame = DataFrame.of(rows, names);
    double s = 0;
    for (int i = 0; i < rows.length; i++) {
      s += forest.predict(frame.get(i));
    }
    return s / rows.length;
  }

  private static double variance(double[] xs) {
    double mean = 0;
    for (double x : xs) {
      mean += x;
    }
    mean /= xs.length;
    double s = 0;
    for (double x : xs) {
      s += (x - mean) * (x - mean);
    }
    return s / xs.length;
  }
}
