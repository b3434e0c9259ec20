package org.hpofarm.sim.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hpofarm.sim.data.ShowerSet;

/**
 * {@code calo.gan}: a conditional Wasserstein GAN with gradient penalty, multilayer perceptrons for
 * generator and critic, conditioned on the logarithm of the incident energy.
 */
public final class CaloGan implements ShowerModel {

  /*
   * Gulrajani et al., "Improved training of Wasserstein GANs", NeurIPS 2017 (WGAN-GP), the
   * training scheme of CaloGAN-style calorimeter GANs (Paganini et al., PRL 120 (2018) 042003) and
   * of several CaloChallenge entries. Critic loss D(x̃) − D(x) + λ (‖∇_x̂ D(x̂)‖₂ − 1)² with x̂ a
   * random interpolation of real and generated showers; generator loss −D(G(z, c)). The critic
   * is updated criticSteps times per generator update; an epoch is one pass of the training data
   * through the critic. Adam with β1 = 0.5, β2 = 0.9 as in the paper.
   *
   * The gradient penalty needs a second-order gradient: ∇_x̂ D is computed with PyTorch's
   * create_graph, the critic's gradients from that pass are discarded, and the penalty is
   * differentiated with the rest of the critic loss.
   */

  public static final String NAME = "calo.gan";

  private final ModelContext context;
  private final NDManager manager;
  private final Mlp generator;
  private final Mlp critic;
  private final SteppedOptimizer optG;
  private final SteppedOptimizer optD;
  private final int latent;
  private final int batchSize;
  private final int criticSteps;
  private final float gpWeight;
  private RandomGenerator shuffle; // per epoch: see startEpoch

  CaloGan(Hyperparameters params, ModelContext context) {
    this.context = context;
    this.manager = NDManager.newBaseManager(context.device());
    Engine.getInstance().setRandomSeed((int) context.seed());
    RandomGenerator init = RandomGeneratorFactory.of("L64X128MixRandom").create(context.seed());
    int v = VoxelScale.width(context.geometry().voxels());
    latent = params.integer("latent");
    int width = params.integer("width");
    int depth = params.integer("depth");
    String act = params.text("activation");
    generator =
        new Mlp(
            manager,
            Mlp.funnel(latent + 1, width, depth, v, true),
            act,
            0,
            Mlp.Output.SIGMOID,
            init);
    critic =
        new Mlp(
            manager,
            Mlp.funnel(v + 1, width, depth, 1, false),
            "leaky_relu",
            0,
            Mlp.Output.LINEAR,
            init);
    String opt = params.text("optimizer");
    optG = Optimizers.stateful(opt, params.real("lrGenerator"), 0.5, 0.9);
    optD = Optimizers.stateful(opt, params.real("lrCritic"), 0.5, 0.9);
    batchSize = params.integer("batchSize");
    criticSteps = params.integer("criticSteps");
    gpWeight = (float) params.real("gpWeight");
    shuffle = RandomGeneratorFactory.of("L64X128MixRandom").create(context.seed() ^ 0x5DEECE66DL);
  }

  @Override
  public double trainEpoch(TrainingData data, Runnable afterStep) {
    int n = data.size();
    int v = VoxelScale.width(context.geometry().voxels());
    int batches = 0;
    double total;
    try (NDManager epoch = data.manager().newSubManager()) {
      NDArray order = epoch.create(TrainingData.shuffledOrder(n, shuffle));
      NDArray xc = data.xc().get(order);
      NDArray lossTotal = epoch.zeros(new Shape());
      for (int start = 0; start < n; start += batchSize) {
        int end = Math.min(n, start + batchSize);
        int b = end - start;
        try (NDManager batch = epoch.newSubManager()) {
          NDArray xcB = xc.get(new NDIndex("{}:{}", start, end));
          xcB.attach(batch);
          NDArray xB = xcB.get(new NDIndex(":, :{}", v));
          NDArray cB = xcB.get(new NDIndex(":, {}:", v));
          NDArray lossD;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray fake = generator.forward(noise(batch, cB, b), true).stopGradient();
            NDArray eps = batch.randomUniform(0f, 1f, new Shape(b, 1));
            NDArray xHat = xB.mul(eps).add(fake.mul(eps.neg().add(1f))).stopGradient();
            xHat.setRequiresGradient(true);
            NDArray dHat = critic.forward(NDArrays.concat(new NDList(xHat, cB), 1), true).sum();
            JniUtils.backward(
                (PtNDArray) dHat, (PtNDArray) batch.ones(dHat.getShape()), true, true);
            NDArray grad = xHat.getGradient();
            grad.attach(batch);
            Optimizers.zero(critic.parameters());
            NDArray penalty =
                grad.square().sum(new int[] {1}).add(1e-12f).sqrt().sub(1f).square().mean();
            NDArray dReal = critic.forward(xcB, true).mean();
            NDArray dFake = critic.forward(NDArrays.concat(new NDList(fake, cB), 1), true).mean();
            lossD = dFake.sub(dReal).add(Differentiable.times(penalty, gpWeight));
            gc.backward(lossD);
          }
          Optimizers.step(optD, "critic", critic.parameters(), batch);
          lossTotal.addi(lossD);
          batches++;
          if (batches % criticSteps == 0) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDArray fake = generator.forward(noise(batch, cB, b), true);
              NDArray lossG =
                  critic.forward(NDArrays.concat(new NDList(fake, cB), 1), true).mean().neg();
              gc.backward(lossG);
            }
            Optimizers.step(optG, "generator", generator.parameters(), batch);
            Optimizers.zero(critic.parameters());
          }
        }
        afterStep.run();
      }
      total = lossTotal.getFloat();
    }
    return total / Math.max(batches, 1);
  }

  private NDArray noise(NDManager m, NDArray c, int b) {
    return NDArrays.concat(new NDList(m.randomNormal(new Shape(b, latent)), c), 1);
  }

  @Override
  public void startEpoch(int epoch) {
    long s = Epochs.seed(context.seed(), epoch);
    Engine.getInstance().setRandomSeed((int) s);
    shuffle = RandomGeneratorFactory.of("L64X128MixRandom").create(s ^ 0x5DEECE66DL);
  }

  @Override
  public ShowerSet generate(float[] incidentEnergies, int batch) {
    return Generation.generate(
        context,
        manager,
        incidentEnergies,
        batch,
        (m, c, conditions) ->
            generator.forward(noise(m, c, conditions.length), false).toFloatArray());
  }

  @Override
  public List<NDArray> weights() {
    List<NDArray> all = new ArrayList<>(generator.parameters());
    all.addAll(critic.parameters());
    return all;
  }

  @Override
  public List<NDArray> estimates() {
    List<NDArray> all = new ArrayList<>(optG.estimateArrays());
    all.addAll(optD.estimateArrays());
    return all;
  }

  @Override
  public void save(Path file) throws IOException {
    ModelState.save(file, List.of(generator, critic), List.of(optG, optD), manager);
  }

  @Override
  public void restore(Path file) throws IOException {
    ModelState.restore(file, List.of(generator, critic), List.of(optG, optD), manager);
  }

  @Override
  public void close() {
    manager.close();
  }

  /** The {@code calo.gan} family: hyperparameters and factory. */
  static final class Family implements ModelFamily {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "conditional WGAN-GP (MLP generator/critic) conditioned on log incident energy";
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
      return List.of(
          Hyperparameter.floatRange("lrGenerator", 1e-4, 1e-5, 1e-2, true),
          Hyperparameter.floatRange("lrCritic", 1e-4, 1e-5, 1e-2, true),
          Hyperparameter.categorical("batchSize", 128, List.of(32, 64, 128, 256, 512)),
          Hyperparameter.intRange("latent", 32, 2, 128, true),
          Hyperparameter.intRange("depth", 3, 1, 4, false),
          Hyperparameter.intRange("width", 256, 32, 1024, true),
          Hyperparameter.intRange("criticSteps", 5, 1, 10, false),
          Hyperparameter.floatRange("gpWeight", 10.0, 0.1, 100.0, true),
          Hyperparameter.categorical(
              "activation", "leaky_relu", List.of("relu", "gelu", "silu", "leaky_relu")),
          Hyperparameter.categorical("optimizer", "adam", List.of("adam", "rmsprop")));
    }

    @Override
    public ShowerModel create(Hyperparameters params, ModelContext context) {
      return new CaloGan(params, context);
    }
  }
}
