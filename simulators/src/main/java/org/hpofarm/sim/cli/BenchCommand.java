package org.hpofarm.sim.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.hpofarm.sim.bench.PythonAnchor;
import org.hpofarm.sim.bench.VaeThroughput;
import org.hpofarm.sim.geometry.Geometry;
import org.hpofarm.sim.shower.Beam;
import org.hpofarm.sim.shower.ShowerGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code farm sim bench}: throughput benchmarks of the simulation workload. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: calo.vae training throughput against PyTorch; reference showers/s.",
    subcommands = {BenchCommand.Throughput.class, BenchCommand.Reference.class})
final class BenchCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Training throughput of calo.vae in DJL and of the same network in PyTorch from Python, side by
   * side in the same run. Each DJL measurement runs in a fresh JVM (threads are fixed when the
   * engine loads), alternating with the Python anchor; the best of the repeats is kept. With one
   * thread the CPU-time rates of both are reported as well, which a loaded machine disturbs far
   * less than wall-clock rates.
   */
  @Command(
      name = "throughput",
      mixinStandardHelpOptions = true,
      description = "calo.vae training showers/s (DJL) vs the PyTorch anchor, same run.")
  static final class Throughput implements Callable<Integer> {

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread settings")
    List<Integer> threads;

    @Option(names = "--repeats", defaultValue = "3", description = "repetitions (best is kept)")
    int repeats;

    @Option(
        names = "--without-pytorch",
        description = "measure DJL alone, without the PyTorch anchor beside it")
    boolean withoutPytorch;

    @Option(
        names = "--python",
        defaultValue = "/usr/bin/python3",
        description = "Python interpreter")
    Path python;

    @Option(names = "--single", hidden = true, description = "measure in this JVM only")
    boolean single;

    @Override
    public Integer call() throws Exception {
      ObjectMapper json = new ObjectMapper();
      if (single) {
        Device device = Device.cpu();
        double wall = 0;
        double cpu = 0;
        for (int r = 0; r < repeats; r++) {
          VaeThroughput.Rate rate = VaeThroughput.measure(device);
          wall = Math.max(wall, rate.wallShowersPerSecond());
          cpu = Math.max(cpu, rate.cpuShowersPerSecond());
        }
        ObjectNode line = json.createObjectNode();
        line.put(
            "impl",
            "djl-" + Engine.getDjlVersion() + "-pytorch-" + Engine.getInstance().getVersion());
        line.put("threads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
        line.put("showers_per_s", Math.round(wall));
        line.put("cpu_showers_per_s", Math.round(cpu));
        System.out.println(line);
        return 0;
      }
      Optional<Path> script = Optional.empty();
      if (!withoutPytorch) {
        Optional<String> why = new PythonAnchor(python, "torch", "python3-torch").unavailable();
        if (why.isPresent()) {
          System.err.println(
              "bench: cannot run the PyTorch anchor: "
                  + why.get()
                  + "; or measure DJL alone with --without-pytorch");
          return 2;
        }
        script = Optional.of(PythonAnchor.script(BenchCommand.class, "torch_vae_throughput.py"));
      }
      for (int t : threads) {
        double djl = 0;
        double djlCpu = 0;
        double torch = 0;
        double torchCpu = 0;
        String torchImpl = "not measured (--without-pytorch)";
        // alternate the two implementations so that both see the same load
        for (int r = 0; r < repeats; r++) {
          for (JsonNode n : runJava(t)) {
            djl = Math.max(djl, n.path("showers_per_s").asDouble());
            djlCpu = Math.max(djlCpu, n.path("cpu_showers_per_s").asDouble());
          }
          if (script.isPresent()) {
            JsonNode n = runPython(script.get(), t, false);
            if (n != null) {
              torch = Math.max(torch, n.path("showers_per_s").asDouble());
              torchImpl = n.path("impl").asText();
            }
            if (t == 1) {
              JsonNode c = runPython(script.get(), t, true);
              if (c != null) {
                torchCpu = Math.max(torchCpu, c.path("showers_per_s").asDouble());
              }
            }
          }
        }
        ObjectNode line = json.createObjectNode();
        line.put("benchmark", "calo.vae-training-throughput");
        line.put("threads", t);
        line.put("djl_showers_per_s", Math.round(djl));
        line.put("pytorch_impl", torchImpl);
        line.put("pytorch_showers_per_s", Math.round(torch));
        if (torch > 0) {
          line.put("ratio", Math.round(djl / torch * 1000) / 1000.0);
        }
        if (t == 1 && torchCpu > 0) {
          line.put("djl_cpu_showers_per_s", Math.round(djlCpu));
          line.put("pytorch_cpu_showers_per_s", Math.round(torchCpu));
          line.put("cpu_ratio", Math.round(djlCpu / torchCpu * 1000) / 1000.0);
        }
        line.put("cores", Runtime.getRuntime().availableProcessors());
        System.out.println(line);
        System.out.flush();
      }
      return 0;
    }

    private List<JsonNode> runJava(int t) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd = new ArrayList<>(List.of(java, "-Dai.djl.offline=true"));
      cmd.add("-Dai.djl.pytorch.num_threads=" + t);
      cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
      cmd.add("--enable-native-access=ALL-UNNAMED");
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
      cmd.addAll(
          List.of(
              SimCommand.class.getName(),
              "bench",
              "throughput",
              "--single",
              "--repeats",
              Integer.toString(repeats)));
      return jsonLines(cmd);
    }

    /**
     * Runs the anchor script; with {@code cpuClock} its timer is the process CPU time instead of
     * the wall clock.
     */
    private JsonNode runPython(Path script, int t, boolean cpuClock) throws Exception {
      List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(), "" + t));
      if (cpuClock) {
        cmd.add("--cpu-clock");
      }
      List<JsonNode> lines = jsonLines(cmd);
      return lines.isEmpty() ? null : lines.getLast();
    }

    private static List<JsonNode> jsonLines(List<String> cmd) throws Exception {
      ObjectMapper json = new ObjectMapper();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      List<JsonNode> out = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("{")) {
            out.add(json.readTree(line));
          }
        }
      }
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        System.err.println("bench: " + cmd.getFirst() + " exited with " + p.exitValue());
      }
      return out;
    }
  }

  /** Reference shower generation rate, with 1 and 2 worker threads. */
  @Command(
      name = "reference",
      mixinStandardHelpOptions = true,
      description = "GFlash reference showers per second.")
  static final class Reference implements Callable<Integer> {

    @Option(names = "--geometry", defaultValue = "ds1-photon", description = "geometry preset")
    String geometry;

    @Option(names = "--showers", defaultValue = "200000", description = "showers per measurement")
    int showers;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread settings")
    List<Integer> threads;

    @Override
    public Integer call() throws Exception {
      ObjectMapper json = new ObjectMapper();
      Geometry g = Geometry.preset(geometry);
      ShowerGenerator gen = new ShowerGenerator(g, Beam.defaultFor(g));
      gen.generate(Math.min(showers, 20_000), 99);
      for (int t : threads) {
        ForkJoinPool pool = new ForkJoinPool(t);
        try {
          double best = 0;
          for (int r = 0; r < 2; r++) {
            long t0 = System.nanoTime();
            int seed = r;
            pool.submit(() -> gen.generate(showers, seed)).get();
            best = Math.max(best, showers / ((System.nanoTime() - t0) / 1e9));
          }
          ObjectNode line = json.createObjectNode();
          line.put("benchmark", "reference-generation");
          line.put("geometry", g.name());
          line.put("voxels", g.voxels());
          line.put("threads", t);
          line.put("showers_per_s", Math.round(best));
          line.put("cores", Runtime.getRuntime().availableProcessors());
          System.out.println(line);
        } finally {
          pool.shutdown();
        }
      }
      return 0;
    }
  }
}
