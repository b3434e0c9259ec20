package org.hpofarm.master.sampler.cmaes;

/**
 * The strategy parameters of CMA-ES for a dimension and a population size: recombination weights
 * and learning rates, with the defaults of Hansen's tutorial (arXiv:1604.00772, table 1, with the
 * negative weights of active CMA for the worse half).
 *
 * @param n dimension
 * @param lambda population size (members ranked in an update)
 * @param mu number of selected (positively weighted) members
 * @param weights one weight per rank: the best {@code mu} positive and summing to 1 (they move the
 *     mean), the others zero or negative (they only shrink the covariance along bad steps)
 * @param muEff variance-effective selection mass, {@code 1 / sum(w^2)}
 * @param cc learning rate of the rank-one evolution path
 * @param cs learning rate of the step-size evolution path
 * @param c1 rank-one learning rate
 * @param cmu rank-mu learning rate
 * @param damps step-size damping
 * @param chiN expected length of an n-dimensional standard normal vector
 */
record CmaParameters(
    int n,
    int lambda,
    int mu,
    double[] weights,
    double muEff,
    double cc,
    double cs,
    double c1,
    double cmu,
    double damps,
    double chiN) {

  /** The default population size {@code 4 + floor(3 ln n)}. */
  static int defaultLambda(int n) {
    return 4 + (int) Math.floor(3 * Math.log(Math.max(1, n)));
  }

  static CmaParameters of(int n, int lambda) {
    if (n < 1 || lambda < 1) {
      throw new IllegalArgumentException("n and lambda must be positive: " + n + ", " + lambda);
    }
    int mu = Math.max(1, lambda / 2);
    double[] raw = new double[Math.max(lambda, mu)];
    double sumPos = 0;
    double sumPosSq = 0;
    double sumNeg = 0;
    double sumNegSq = 0;
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
      if (i < mu) {
        raw[i] = Math.max(raw[i], 1e-12); // lambda of 1 or 2: a single positive weight
        sumPos += raw[i];
        sumPosSq += raw[i] * raw[i];
      } else if (raw[i] < 0) {
        sumNeg -= raw[i];
        sumNegSq += raw[i] * raw[i];
      } else {
        raw[i] = 0;
      }
    }
    double muEff = sumPos * sumPos / sumPosSq;
    double cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
    double cs = (muEff + 2) / (n + muEff + 5);
    double c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
    double cmu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
    double damps = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cs;
    double chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
    double[] w = new double[raw.length];
    double negScale = 0;
    if (sumNeg > 0 && cmu > 0) {
      double muEffNeg = sumNeg * sumNeg / sumNegSq;
      double alphaMu = 1 + c1 / cmu;
      double alphaMuEff = 1 + 2 * muEffNeg / (muEff + 2);
      double alphaPosDef = (1 - c1 - cmu) / (n * cmu);
      negScale = Math.min(alphaMu, Math.min(alphaMuEff, alphaPosDef)) / sumNeg;
    }
    for (int i = 0; i < raw.length; i++) {
      w[i] = raw[i] >= 0 ? raw[i] / sumPos : raw[i] * negScale;
    }
    return new CmaParameters(n, lambda, mu, w, muEff, cc, cs, c1, cmu, damps, chiN);
  }

  /** The sum of all weights, negative ones included (the decay of C in the rank-mu update). */
  double weightSum() {
    double s = 0;
    for (double w : weights) {
      s += w;
    }
    return s;
  }
}
