package org.hpofarm.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparametersTest {

  @Test
  void defaultsAndOverrides() {
    ModelFamily vae = Models.family("calo.vae");
    Hyperparameters p =
        Hyperparameters.resolve(vae.hyperparameters(), Map.of("lr", 0.01, "latent", 8L));
    assertEquals(0.01, p.real("lr"));
    assertEquals(8, p.integer("latent"));
    assertEquals(128, p.integer("batchSize"));
    assertEquals("relu", p.text("activation"));
  }

  @Test
  void rejectsUnknownAndMistyped() {
    var declared = Models.family("calo.vae").hyperparameters();
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hyperparameters.resolve(declared, Map.of("learningRate", 0.1)));
    assertTrue(e.getMessage().startsWith("learningRate"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Hyperparameters.resolve(declared, Map.of("latent", 2.5)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Hyperparameters.resolve(declared, Map.of("activation", "softmax")));
    assertThrows(IllegalArgumentException.class, () -> Models.family("calo.flow9"));
  }

  @Test
  void searchSpaceIsInTheApiForm() {
    var space = Models.family("calo.gan").searchSpace();
    assertEquals("float", space.path("gpWeight").path("type").asText());
    assertTrue(space.path("gpWeight").path("log").asBoolean());
    assertEquals("int", space.path("criticSteps").path("type").asText());
    assertEquals(1, space.path("criticSteps").path("low").asInt());
    assertEquals("categorical", space.path("batchSize").path("type").asText());
    assertEquals(128, space.path("batchSize").path("choices").get(2).asInt());
    for (String name : Models.NAMES) {
      var family = Models.family(name);
      // every default lies inside its declared range
      Hyperparameters.resolve(family.hyperparameters(), Map.of());
      for (Hyperparameter h : family.hyperparameters()) {
        if (!h.type().equals("categorical")) {
          double d = ((Number) h.defaultValue()).doubleValue();
          assertTrue(d >= h.low() && d <= h.high(), h.name());
        } else {
          assertTrue(h.choices().contains(h.defaultValue()), h.name());
        }
      }
    }
  }

  @Test
  void voxelScaleRoundTrips() {
    VoxelScale s = new VoxelScale(1e-6, 256, 4194304);
    float[] shower = {0f, 0.01f, 3f, 500f};
    float[] x = new float[VoxelScale.width(4)];
    s.encode(shower, 0, 4, 1000f, x, 0);
    for (float v : x) {
      assertTrue(v >= 0 && v <= 1);
    }
    assertEquals(503.01f / 1000f / 1.5f, x[4], 1e-6);
    float[] back = new float[4];
    s.decode(x, 0, 4, 1000f, 0f, back, 0);
    for (int i = 0; i < 4; i++) {
      assertEquals(shower[i], back[i], 1e-3 * Math.max(shower[i], 1));
    }
    s.decode(x, 0, 4, 1000f, 0.5f, back, 0);
    assertEquals(0f, back[1]);
    assertEquals(0f, s.condition(256f), 1e-6);
    assertEquals(1f, s.condition(4194304f), 1e-6);
  }
}
