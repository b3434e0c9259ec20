package org.hpofarm.sim.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's training state in one file (so that a checkpoint never pairs weights of one epoch with
 * moments of another): its networks' weights, then each optimiser's state, its arrays named {@code
 * opt<i>/...}.
 */
final class ModelState {

  private ModelState() {}

  static void save(Path file, List<Mlp> nets, List<SteppedOptimizer> optimizers, NDManager manager)
      throws IOException {
    try (NDManager scratch = manager.newSubManager()) {
      List<NDArray> all = new ArrayList<>();
      for (Mlp net : nets) {
        all.addAll(net.parameters());
      }
      for (int i = 0; i < optimizers.size(); i++) {
        for (NDArray a : optimizers.get(i).state(scratch)) {
          a.setName("opt" + i + "/" + a.getName());
          all.add(a);
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        new NDList(all).encode(out);
      }
    }
  }

  /** Reads {@link #save}'s file back into the networks and optimisers, in the same order. */
  static void restore(
      Path file, List<Mlp> nets, List<SteppedOptimizer> optimizers, NDManager manager)
      throws IOException {
    try (NDManager scratch = manager.newSubManager();
        InputStream in = Files.newInputStream(file)) {
      NDList all = NDList.decode(scratch, in);
      int from = 0;
      for (Mlp net : nets) {
        int n = net.parameters().size();
        net.load(new NDList(all.subList(from, from + n)));
        from += n;
      }
      for (int i = 0; i < optimizers.size(); i++) {
        String prefix = "opt" + i + "/";
        List<NDArray> mine = new ArrayList<>();
        for (NDArray a : all.subList(from, all.size())) {
          if (a.getName() != null && a.getName().startsWith(prefix)) {
            a.setName(a.getName().substring(prefix.length()));
            mine.add(a);
          }
        }
        optimizers.get(i).restore(mine, manager);
      }
    }
  }
}
