package org.hpofarm.sim.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A kind of model ({@code calo.vae}, {@code calo.gan}): its hyperparameters and a factory. */
public interface ModelFamily {

  /** Registry name, {@code family.name}. */
  String name();

  /** One line saying what the model is. */
  String description();

  /** Declared hyperparameters with defaults and recommended ranges. */
  List<Hyperparameter> hyperparameters();

  /** Builds an untrained model. */
  ShowerModel create(Hyperparameters params, ModelContext context);

  /** The recommended search space, in the farm's API JSON form. */
  default ObjectNode searchSpace() {
    ObjectNode space = JsonNodeFactory.instance.objectNode();
    for (Hyperparameter h : hyperparameters()) {
      space.set(h.name(), h.toJson());
    }
    return space;
  }

  /** The defaults as a params object. */
  default ObjectNode defaults() {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    for (Hyperparameter h : hyperparameters()) {
      d.putPOJO(h.name(), h.defaultValue());
    }
    return d;
  }
}
