package org.hpofarm.sim.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import picocli.CommandLine.Option;

/** Device and thread options shared by the commands that run the DJL engine. */
final class EngineOptions {

  @Option(
      names = "--device",
      defaultValue = "auto",
      description = "cpu | gpu | auto (the GPU the process sees, else the CPU)")
  String device;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description =
          "PyTorch intra-op threads (default 1: on small CPU nodes 1 thread measured faster than 2)")
  int threads;

  /** Configures the engine's threads (before it loads) and returns the device. */
  Device start() {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
    }
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    if (!device.equals("gpu")) {
      // DJL warns when it finds a CUDA runtime but no driver: news only where a GPU was asked for
      System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }
    Engine engine = Engine.getInstance();
    return switch (device) {
      case "cpu" -> Device.cpu();
      case "gpu" -> {
        if (engine.getGpuCount() < 1) {
          throw new IllegalArgumentException("device: no GPU visible to this process");
        }
        yield Device.gpu();
      }
      case "auto" -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
      default ->
          throw new IllegalArgumentException("device: expected cpu, gpu or auto, got " + device);
    };
  }
}
