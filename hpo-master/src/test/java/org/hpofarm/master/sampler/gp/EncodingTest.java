package org.hpofarm.master.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.hpofarm.master.sampler.SamplerContract;
import org.junit.jupiter.api.Test;

class EncodingTest {

  @Test
  void oneHotEncodesCategoricalsAndRoundTrips() {
    Encoding e = new Encoding(SamplerContract.MIXED);
    assertEquals(6 + 3, e.dimension());
    Map<String, Object> p =
        Map.of(
            "x",
            2.5,
            "lr",
            Math.exp(Math.log(1e-5) + 0.5 * Math.log(1e4)),
            "dropout",
            0.25,
            "layers",
            3L,
            "width",
            64L,
            "batch",
            128L,
            "act",
            "gelu");
    double[] x = e.encode(p);
    assertArrayEquals(new double[] {0, 1, 0}, java.util.Arrays.copyOfRange(x, 6, 9));
    Map<String, Object> back = e.decode(x);
    for (var entry : p.entrySet()) {
      Object v = back.get(entry.getKey());
      if (v instanceof Double d) {
        assertEquals((Double) entry.getValue(), d, 1e-12 * Math.abs(d));
      } else {
        assertEquals(entry.getValue(), v);
      }
    }
    assertArrayEquals(x, e.snap(x), 1e-12);
  }

  @Test
  void encodesInactiveParametersAsAFixedValue() {
    Encoding e = new Encoding(SamplerContract.CONDITIONAL);
    double[] vae = e.encode(Map.of("model", "vae", "x", 0.2, "beta", 1.0));
    double[] gan = e.encode(Map.of("model", "gan", "x", 0.2, "critic", 2L));
    int critic = e.offset(3);
    assertEquals(Encoding.INACTIVE, vae[critic]);
    assertEquals(Map.of("model", "vae", "x", 0.2, "beta", 1.0), e.decode(e.snap(vae)));
    assertEquals(Map.of("model", "gan", "x", 0.2, "critic", 2L), e.decode(gan));
  }
}
