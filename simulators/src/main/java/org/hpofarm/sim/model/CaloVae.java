package org.hpofarm.sim.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hpofarm.sim.data.ShowerSet;

/**
 * {@code calo.vae}: a conditional variational autoencoder of showers, multilayer perceptrons for
 * encoder and decoder, conditioned on the logarithm of the incident energy.
 */
public final class CaloVae implements ShowerModel {

  /*
   * Kingma & Welling, "Auto-encoding variational Bayes", arXiv:1312.6114; conditional form after
   * Sohn et al., NeurIPS 2015. Encoder q(z | x, c): [V + 1 → width → width/2 … → 2 L] giving μ and
   * ln σ²; decoder p(x | z, c): [L + 1 → … width/2 → width → V] (network values are in [0, 1], see
   * VoxelScale). Three decoders (hyperparameter "decoder"):
   *  - "multinomial" (default): the decoder gives V logits; the shape loss is the cross-entropy
   *    −Σ_v f_v ln softmax(logits)_v against the shower's voxel fractions f (whose minimiser is
   *    the mean fraction, the right target when voxels hold whole energy spots), + β KL. The total
   *    x_V comes from a small network of the condition alone [1 → 32 → 32 → 2] giving the mean
   *    (through a sigmoid) and log-variance of a Gaussian, trained by its negative
   *    log-likelihood ½[(x_V − μ)²/σ² + ln σ²]: the total's spread shrinks from 20 % at 256 MeV to
   *    0.3 % at 2 TeV, which no latent dimension bothers to carry (a decoder total came out with
   *    1.3 % at every energy). Generation decodes z ~ N(0, 1) to softmax fractions and draws the
   *    total.
   *  - "mean": the decoder gives x̂ (sigmoid); loss Σ_v (x̂_v − x_v)² + β KL on the compressed
   *    fractions; generation decodes z ~ N(0, 1) to x̂. This is the network of the throughput
   *    anchor (369→256→128→32, 17→128→256→368 at depth 2, width 256). Its optimum is the mean of
   *    the compressed fractions, which underestimates the mean fraction of voxels that are often
   *    empty: its showers come out too narrow.
   *  - "gaussian": the decoder gives a mean (sigmoid) and a log-variance per entry, the
   *    loss is the Gaussian negative log-likelihood ½ Σ_v [(x_v − μ_v)²/σ_v² + ln σ_v²] + β KL, and
   *    generation samples x ~ N(μ(z), σ(z)²), clipped to [0, 1].
   * The reference showers have nearly independent voxel-level fluctuations (energy spots) that a
   * decoder cannot carry through a latent space of a few dozen dimensions. With "spots" = "data"
   * (default) generation draws them: the spot count per shower is learned from the training data
   * ({@link SpotCount}, in observe) and each voxel's share is redrawn as n_v ~ Poisson(N f_v).
   * KL = −½ Σ (1 + ln σ² − μ² − σ²). Voxels below the readout threshold are set to zero.
   */

  public static final String NAME = "calo.vae";

  private final Hyperparameters params;
  private final ModelContext context;
  private final NDManager manager;
  private final Mlp encoder;
  private final Mlp decoder;
  private final Mlp response; // multinomial: the total's Gaussian given the condition
  private final SteppedOptimizer optimizer;
  private final int latent;
  private final int batchSize;
  private final float klWeight;
  private final boolean gaussian;
  private final boolean multinomial;
  private final int vectorWidth;
  private RandomGenerator shuffle; // per epoch: see startEpoch
  private RandomGenerator noise;
  private final boolean drawSpots;
  private SpotCount spots; // from observe(), when drawSpots

  CaloVae(Hyperparameters params, ModelContext context) {
    this.params = params;
    this.context = context;
    this.manager = NDManager.newBaseManager(context.device());
    Engine.getInstance().setRandomSeed((int) context.seed());
    RandomGenerator init = RandomGeneratorFactory.of("L64X128MixRandom").create(context.seed());
    int v = VoxelScale.width(context.geometry().voxels());
    this.vectorWidth = v;
    gaussian = params.text("decoder").equals("gaussian");
    multinomial = params.text("decoder").equals("multinomial");
    latent = params.integer("latent");
    int width = params.integer("width");
    int depth = params.integer("depth");
    String act = params.text("activation");
    double dropout = params.real("dropout");
    encoder =
        new Mlp(
            manager,
            Mlp.funnel(v + 1, width, depth, 2 * latent, false),
            act,
            dropout,
            Mlp.Output.LINEAR,
            init);
    decoder =
        new Mlp(
            manager,
            Mlp.funnel(latent + 1, width, depth, gaussian ? 2 * v : multinomial ? v - 1 : v, true),
            act,
            dropout,
            gaussian || multinomial ? Mlp.Output.LINEAR : Mlp.Output.SIGMOID,
            init);
    response =
        multinomial
            ? new Mlp(manager, new int[] {1, 32, 32, 2}, act, 0, Mlp.Output.LINEAR, init)
            : null;
    optimizer = Optimizers.stateful(params.text("optimizer"), params.real("lr"), 0.9, 0.999);
    batchSize = params.integer("batchSize");
    klWeight = (float) params.real("klWeight");
    shuffle = RandomGeneratorFactory.of("L64X128MixRandom").create(context.seed() ^ 0x5DEECE66DL);
    noise = RandomGeneratorFactory.of("L64X128MixRandom").create(context.seed() ^ 0x2545F491L);
    drawSpots = params.text("spots").equals("data");
  }

  public Hyperparameters params() {
    return params;
  }

  /** Fits the spot count of the data's showers ("spots" = "data"). */
  @Override
  public void observe(TrainingData data) {
    if (drawSpots) {
      spots =
          SpotCount.fit(
              data.x().toFloatArray(), data.c().toFloatArray(), vectorWidth, context.scale());
    }
  }

  @Override
  public double trainEpoch(TrainingData data, Runnable afterStep) {
    int n = data.size();
    double lossSum = 0;
    int batches = 0;
    try (NDManager epoch = data.manager().newSubManager()) {
      NDArray order = epoch.create(TrainingData.shuffledOrder(n, shuffle));
      NDArray xc = data.xc().get(order);
      NDArray c = data.c().get(order);
      int v = VoxelScale.width(context.geometry().voxels());
      NDArray lossTotal = epoch.zeros(new Shape());
      for (int start = 0; start < n; start += batchSize) {
        int end = Math.min(n, start + batchSize);
        try (NDManager batch = epoch.newSubManager()) {
          NDArray xcB = xc.get(new NDIndex().addSliceDim(start, end));
          NDArray cB = c.get(new NDIndex().addSliceDim(start, end));
          xcB.attach(batch);
          cB.attach(batch);
          NDArray loss;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray xB = xcB.get(columns(0, v));
            NDArray h = encoder.forward(xcB, true);
            NDArray mu = h.get(columns(0, latent));
            NDArray logVar = h.get(columns(latent, 2 * latent));
            NDArray eps = batch.randomNormal(mu.getShape());
            NDArray z = mu.add(eps.mul(Differentiable.times(logVar, 0.5f).exp()));
            NDArray y = decoder.forward(NDArrays.concat(new NDList(z, cB), 1), true);
            NDArray recon;
            if (gaussian) {
              NDArray mean = ai.djl.nn.Activation.sigmoid(y.get(columns(0, v)));
              NDArray logVarX = y.get(columns(v, 2 * v)).clip(-14f, 4f);
              recon =
                  Differentiable.times(
                          mean.sub(xB).square().mul(logVarX.neg().exp()).add(logVarX), 0.5f)
                      .sum(new int[] {1})
                      .mean();
            } else if (multinomial) {
              float delta = (float) context.scale().delta();
              float norm = (float) Math.log1p(1 / context.scale().delta());
              NDArray fractions = xB.get(columns(0, v - 1)).mul(norm).exp().sub(1f).mul(delta);
              NDArray logits = y.get(columns(0, v - 1));
              NDArray crossEntropy =
                  fractions.mul(logits.logSoftmax(1)).sum(new int[] {1}).neg().mean();
              // the total: a Gaussian given the condition alone, from its own small network
              NDArray r = response.forward(cB, true);
              NDArray totalLogVar = r.get(columns(1, 2)).clip(-20f, 2f);
              NDArray totalNll =
                  Differentiable.times(
                          ai.djl.nn.Activation.sigmoid(r.get(columns(0, 1)))
                              .sub(xB.get(columns(v - 1, v)))
                              .square()
                              .mul(totalLogVar.neg().exp())
                              .add(totalLogVar),
                          0.5f)
                      .mean();
              recon = crossEntropy.add(totalNll);
            } else {
              recon = y.sub(xB).square().sum(new int[] {1}).mean();
            }
            NDArray kl =
                Differentiable.times(
                    logVar.add(1f).sub(mu.square()).sub(logVar.exp()).sum(new int[] {1}).mean(),
                    -0.5f);
            loss = recon.add(Differentiable.times(kl, klWeight));
            gc.backward(loss);
          }
          Optimizers.step(optimizer, "enc", encoder.parameters(), batch);
          Optimizers.step(optimizer, "dec", decoder.parameters(), batch);
          if (response != null) {
            Optimizers.step(optimizer, "tot", response.parameters(), batch);
          }
          lossTotal.addi(loss);
          batches++;
        }
        afterStep.run();
      }
      lossSum = lossTotal.getFloat();
    }
    return lossSum / Math.max(batches, 1);
  }

  @Override
  public void startEpoch(int epoch) {
    long s = Epochs.seed(context.seed(), epoch);
    Engine.getInstance().setRandomSeed((int) s);
    shuffle = RandomGeneratorFactory.of("L64X128MixRandom").create(s ^ 0x5DEECE66DL);
    noise = RandomGeneratorFactory.of("L64X128MixRandom").create(s ^ 0x2545F491L);
  }

  @Override
  public ShowerSet generate(float[] incidentEnergies, int batch) {
    return Generation.generate(context, manager, incidentEnergies, batch, this::rows);
  }

  /** One batch of showers in network space, from the prior. */
  private float[] rows(NDManager m, NDArray c, float[] conditions) {
    int b = conditions.length;
    NDArray z = m.randomNormal(new Shape(b, latent));
    NDArray out0 = decoder.forward(NDArrays.concat(new NDList(z, c), 1), false);
    if (gaussian) {
      NDArray mean = ai.djl.nn.Activation.sigmoid(out0.get(columns(0, vectorWidth)));
      NDArray logVarX = out0.get(columns(vectorWidth, 2 * vectorWidth)).clip(-14f, 4f);
      out0 = mean.add(m.randomNormal(mean.getShape()).mul(logVarX.mul(0.5f).exp()));
    }
    if (multinomial) { // shape as fractions in network space, total drawn from its Gaussian
      NDArray f = out0.softmax(1);
      double delta = context.scale().delta();
      NDArray shape = f.div((float) delta).add(1f).log().div((float) Math.log1p(1 / delta));
      NDArray r = response.forward(c, false);
      NDArray sd = r.get(columns(1, 2)).clip(-20f, 2f).mul(0.5f).exp();
      NDArray total =
          ai.djl.nn.Activation.sigmoid(r.get(columns(0, 1)))
              .add(m.randomNormal(sd.getShape()).mul(sd))
              .clip(0f, 1f);
      out0 = NDArrays.concat(new NDList(shape, total), 1);
    }
    float[] y = out0.toFloatArray();
    if (spots != null) {
      for (int i = 0; i < b; i++) {
        spots.resample(y, i * vectorWidth, vectorWidth - 1, conditions[i], context.scale(), noise);
      }
    }
    return y;
  }

  @Override
  public void save(Path file) throws IOException {
    ModelState.save(file, List.of(networks()), List.of(optimizer), manager);
  }

  @Override
  public void restore(Path file) throws IOException {
    ModelState.restore(file, List.of(networks()), List.of(optimizer), manager);
  }

  @Override
  public List<NDArray> weights() {
    List<NDArray> all = new ArrayList<>();
    for (Mlp net : networks()) {
      all.addAll(net.parameters());
    }
    return all;
  }

  @Override
  public List<NDArray> estimates() {
    return optimizer.estimateArrays();
  }

  @Override
  public void close() {
    manager.close();
  }

  private Mlp[] networks() {
    return response == null ? new Mlp[] {encoder, decoder} : new Mlp[] {encoder, decoder, response};
  }

  /** Columns [from, to) of a matrix, built without parsing an index string. */
  static NDIndex columns(long from, long to) {
    return new NDIndex().addAllDim().addSliceDim(from, to);
  }

  /** The {@code calo.vae} family: hyperparameters and factory. */
  static final class Family implements ModelFamily {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "conditional VAE (MLP encoder/decoder) conditioned on log incident energy";
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
      return List.of(
          Hyperparameter.floatRange("lr", 1e-3, 1e-5, 1e-2, true),
          Hyperparameter.categorical("batchSize", 128, List.of(32, 64, 128, 256, 512)),
          Hyperparameter.intRange("latent", 32, 2, 64, true),
          Hyperparameter.intRange("depth", 2, 1, 4, false),
          Hyperparameter.intRange("width", 256, 32, 1024, true),
          Hyperparameter.floatRange("klWeight", 0.01, 1e-3, 10.0, true),
          Hyperparameter.floatStep("dropout", 0.0, 0.0, 0.5, 0.05),
          Hyperparameter.categorical(
              "activation", "relu", List.of("relu", "gelu", "silu", "leaky_relu")),
          Hyperparameter.categorical("optimizer", "adam", Optimizers.NAMES),
          Hyperparameter.categorical(
              "decoder", "multinomial", List.of("multinomial", "mean", "gaussian")),
          Hyperparameter.categorical("spots", "data", List.of("data", "none")));
    }

    @Override
    public ShowerModel create(Hyperparameters params, ModelContext context) {
      return new CaloVae(params, context);
    }
  }
}
