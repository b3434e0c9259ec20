package org.hpofarm.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.shower.Beam;
import org.hpofarm.sim.shower.ShowerGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

  @TempDir Path dir;

  @Test
  void roundTripKeepsEveryValueAndTheGeometry() throws Exception {
    Geometry g = Geometry.preset("ds1-photon");
    ShowerSet set = new ShowerGenerator(g, Beam.defaultFor(g)).generate(50, 11);
    var provenance = new ObjectMapper().createObjectNode().put("seed", 11);
    Dataset.write(set, dir, provenance);
    ShowerSet back = Dataset.read(dir);
    assertEquals(set, back);
    assertEquals(g, back.geometry());
  }

  @Test
  void npyHeaderIsNumpyCompatible() throws Exception {
    Path f = dir.resolve("a.npy");
    Npy.write(f, new int[] {3}, new float[] {1, 2, 3});
    byte[] bytes = Files.readAllBytes(f);
    assertEquals(0, (bytes.length - 12) % 4);
    int headerLen = (bytes[8] & 0xff) | ((bytes[9] & 0xff) << 8);
    assertEquals(0, (10 + headerLen) % 64);
    String header = new String(bytes, 10, headerLen, java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", header.trim());
    assertArrayEquals(new float[] {1, 2, 3}, Npy.read(f).data());
    assertArrayEquals(new int[] {3}, Npy.read(f).shape());
  }

  @Test
  void rejectsMismatchedShape() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Npy.write(dir.resolve("b.npy"), new int[] {2, 2}, new float[3]));
  }
}
