package org.hpofarm.sim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The host pass of each optimiser against the engine's update of the same rule. */
class OptimizersTest {

  private static final Shape[] SHAPES = {new Shape(7, 5), new Shape(5), new Shape(300)};

  @Test
  void theHostPassUpdatesAsTheEngineDoesAndZeroesTheGradient() {
    for (Object name : Optimizers.NAMES) {
      try (NDManager manager = NDManager.newBaseManager()) {
        List<NDArray> engine = weights(manager);
        List<NDArray> host = weights(manager);
        float[] before = host.get(0).toFloatArray();
        SteppedOptimizer byEngine = Optimizers.stateful((String) name, 0.01, 0.9, 0.999);
        SteppedOptimizer byHost = Optimizers.stateful((String) name, 0.01, 0.9, 0.999);
        Random random = new Random(7);
        for (int step = 0; step < 5; step++) {
          List<NDArray> targets = new ArrayList<>();
          for (Shape s : SHAPES) {
            targets.add(manager.randomNormal(s).mul(random.nextFloat() * 4));
          }
          try (NDManager scratch = manager.newSubManager()) {
            backward(engine, targets);
            for (int i = 0; i < engine.size(); i++) {
              NDArray p = engine.get(i);
              NDArray g = p.getGradient();
              g.attach(scratch);
              byEngine.update("w" + i, p, g);
              JniUtils.zeroGrad((PtNDArray) p);
            }
            backward(host, targets);
            Optimizers.step(byHost, "w", host, scratch);
          }
          for (int i = 0; i < host.size(); i++) {
            assertClose(name + " step " + step, engine.get(i), host.get(i));
            float[] zeros = new float[Math.toIntExact(host.get(i).size())];
            assertArrayEquals(zeros, host.get(i).getGradient().toFloatArray(), name + ": grad");
          }
        }
        assertNotEquals(before[0], host.get(0).toFloatArray()[0], name + ": weights unchanged");
        List<NDArray> engineEstimates = byEngine.estimateArrays();
        List<NDArray> hostEstimates = byHost.estimateArrays();
        assertEquals(engineEstimates.size(), hostEstimates.size());
        for (int i = 0; i < hostEstimates.size(); i++) {
          assertClose(name + " estimate " + i, engineEstimates.get(i), hostEstimates.get(i));
        }
      }
    }
  }

  private static List<NDArray> weights(NDManager manager) {
    Random random = new Random(3);
    List<NDArray> out = new ArrayList<>();
    for (Shape s : SHAPES) {
      float[] v = new float[Math.toIntExact(s.size())];
      for (int k = 0; k < v.length; k++) {
        v[k] = (float) random.nextGaussian();
      }
      NDArray a = manager.create(v, s);
      a.setRequiresGradient(true);
      out.add(a);
    }
    return out;
  }

  /** Gradients of Σ (w − target)² / 2 + Σ w: a different gradient each step. */
  private static void backward(List<NDArray> weights, List<NDArray> targets) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray loss = null;
      for (int i = 0; i < weights.size(); i++) {
        NDArray w = weights.get(i);
        NDArray term = w.sub(targets.get(i)).square().sum().mul(0.5f).add(w.sum());
        loss = loss == null ? term : loss.add(term);
      }
      gc.backward(loss);
    }
  }

  private static void assertClose(String what, NDArray expected, NDArray actual) {
    float[] e = expected.toFloatArray();
    float[] a = actual.toFloatArray();
    assertEquals(e.length, a.length, what);
    for (int k = 0; k < e.length; k++) {
      assertEquals(e[k], a[k], 1e-5f * Math.max(1, Math.abs(e[k])), what + " [" + k + "]");
    }
  }
}
