package org.hpofarm.sim.model;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a training run.
 *
 * @param model model name
 * @param objective objective after the last epoch run (mean separation power, minimise)
 * @param objectiveByEpoch objective after each epoch
 * @param untrainedObjective objective of the untrained model (epoch 0)
 * @param referenceFloor the objective between two independent reference samples of the same size
 * @param fpd Fréchet physics distance of the final model's showers
 * @param referenceFpd the same between two reference samples
 * @param msPerShower generation time per shower in ms (batches of 100)
 * @param parameters hyperparameters used, defaults included
 * @param device device name
 * @param epochs epochs completed (fewer than asked if pruned)
 * @param pruned whether the listener stopped the run
 * @param trainSeconds wall time of training and evaluation
 * @param classifierAuc held-out AUC of the classifier test (NaN when not run)
 */
public record TrainingResult(
    String model,
    double objective,
    List<Double> objectiveByEpoch,
    double untrainedObjective,
    double referenceFloor,
    double fpd,
    double referenceFpd,
    double msPerShower,
    Map<String, Object> parameters,
    String device,
    int epochs,
    boolean pruned,
    double trainSeconds,
    double classifierAuc) {}
