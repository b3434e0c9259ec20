package org.hpofarm.sim.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hpofarm.sim.group.Averaging;
import org.hpofarm.sim.group.DataParallel;
import org.hpofarm.sim.group.GroupSpec;
import org.hpofarm.sim.model.Training;
import org.hpofarm.sim.model.TrainingConfig;
import org.hpofarm.sim.model.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code farm sim train}: trains a model on GFlash reference showers, one JSON line per epoch and a
 * final JSON line with the result. The lines speak the farm's command protocol ({@code step} and
 * {@code value} per epoch, {@code value} at the end), so an agent runs this command as a trial.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a model; prints one JSON line per epoch and a final JSON line.")
final class TrainCommand implements Callable<Integer> {

  @Option(names = "--model", defaultValue = "calo.vae", description = "calo.vae | calo.gan")
  String model;

  @Option(names = "--epochs", defaultValue = "10", description = "epochs")
  int epochs;

  @Option(names = "--showers", defaultValue = "10000", description = "training showers")
  int showers;

  @Option(names = "--seed", defaultValue = "1", description = "seed")
  long seed;

  @Option(names = "--params", defaultValue = "{}", description = "hyperparameters as a JSON object")
  String params;

  @Option(
      names = "--geometry",
      defaultValue = "ds1-photon",
      description = "ds1-photon | small | ds2")
  String geometry;

  @Option(names = "--checkpoint", description = "checkpoint directory (resumes if present)")
  Path checkpoint;

  @Option(
      names = "--classifier-epochs",
      defaultValue = "0",
      description = "train the classifier test for this many epochs at the end (0: off)")
  int classifierEpochs;

  @Option(
      names = "--average-every",
      defaultValue = "32",
      description = "in a worker group: optimiser steps of each rank between two averages")
  int averageEvery;

  @Option(
      names = "--averaging",
      defaultValue = "sync",
      description = "in a worker group: sync (the mean) | elastic (elastic averaging)")
  String averaging;

  @Mixin EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    if (System.getenv("FARM_TRIAL") != null) {
      // a farm trial ends with its agent: one killed with -9 leaves no training behind to write
      // the checkpoint its trial's next try resumes
      ProcessHandle.current()
          .parent()
          .ifPresent(agent -> agent.onExit().thenRun(() -> Runtime.getRuntime().halt(143)));
    }
    DataParallel parallel =
        new DataParallel(
            GroupSpec.fromEnvironment(System.getenv()), Averaging.parse(averaging), averageEvery);
    boolean reports = parallel.group().isHub(); // the other ranks of a group print nothing
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> p = json.readValue(params, new TypeReference<Map<String, Object>>() {});
    var device = engine.start();
    TrainingConfig config =
        new TrainingConfig(
            model, p, geometry, showers, epochs, seed, device, checkpoint, classifierEpochs);
    TrainingResult r =
        Training.run(
            config,
            parallel,
            report -> {
              if (!reports) {
                return true;
              }
              ObjectNode line = json.createObjectNode();
              line.put("epoch", report.epoch());
              line.put("step", report.epoch()); // the farm's command protocol: a report
              line.put("value", report.objective());
              line.put("objective", report.objective());
              line.put("loss", report.loss());
              line.put("seconds", report.seconds());
              System.out.println(line);
              System.out.flush();
              return true;
            });
    if (reports) {
      System.out.println(json.writeValueAsString(resultJson(json, r)));
    }
    return 0;
  }

  static ObjectNode resultJson(ObjectMapper json, TrainingResult r) {
    ObjectNode out = json.createObjectNode();
    out.put("model", r.model());
    out.put("value", r.objective()); // the farm's command protocol: the final value
    out.put("objective", r.objective());
    var arr = out.putArray("objectiveByEpoch");
    r.objectiveByEpoch().forEach(arr::add);
    if (Double.isNaN(r.untrainedObjective())) {
      out.putNull("untrainedObjective"); // resumed from a checkpoint: not measured
    } else {
      out.put("untrainedObjective", r.untrainedObjective());
    }
    out.put("referenceFloor", r.referenceFloor());
    out.put("fpd", r.fpd());
    out.put("referenceFpd", r.referenceFpd());
    out.put("msPerShower", r.msPerShower());
    out.set("parameters", json.valueToTree(r.parameters()));
    out.put("device", r.device());
    out.put("epochs", r.epochs());
    out.put("pruned", r.pruned());
    out.put("seconds", r.trainSeconds());
    if (!Double.isNaN(r.classifierAuc())) {
      out.put("classifierAuc", r.classifierAuc());
    }
    return out;
  }
}
