package org.hpofarm.mig.catalogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The placement rules of MIG on one GPU: which sets of instances fit, where they go, and every
 * layout a model allows.
 *
 * <p>Rules: each instance starts at one of its profile's start slots and stays inside the memory
 * slots; no two instances share a memory slot; compute slices add up to at most the model's; no
 * profile exceeds its instance limit; at most one {@code +me} instance per GPU.
 */
public final class Geometry {

  private Geometry() {}

  /** What is wrong with these placements on this model; empty when they are a valid layout. */
  public static List<String> violations(GpuModel model, List<Placement> placements) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    int compute = 0;
    int media = 0;
    for (Placement p : placements) {
      MigProfile profile = p.profile();
      if (model.profile(profile.name()).filter(profile::equals).isEmpty()) {
        problems.add(model.name() + " has no profile " + profile.name());
        continue;
      }
      if (!profile.starts().contains(p.start())) {
        problems.add(profile.name() + " cannot start at memory slot " + p.start());
      }
      if (p.end() > model.memorySlots()) {
        problems.add(profile.name() + " at " + p.start() + " runs past the memory slots");
      }
      int count = counts.merge(profile.name(), 1, Integer::sum);
      if (count == profile.maxInstances() + 1) {
        problems.add("more than " + profile.maxInstances() + " x " + profile.name());
      }
      compute += profile.computeSlices();
      if (profile.mediaExtensions()) {
        media++;
      }
    }
    for (int i = 0; i < placements.size(); i++) {
      for (int j = i + 1; j < placements.size(); j++) {
        if (placements.get(i).overlaps(placements.get(j))) {
          problems.add(
              placements.get(i).profile().name()
                  + " at "
                  + placements.get(i).start()
                  + " overlaps "
                  + placements.get(j).profile().name()
                  + " at "
                  + placements.get(j).start());
        }
      }
    }
    if (compute > model.computeSlices()) {
      problems.add(compute + " compute slices exceed the " + model.computeSlices() + " available");
    }
    if (media > 1) {
      problems.add("at most one +me profile per GPU, found " + media);
    }
    return problems;
  }

  /** Places these profiles on one GPU if they fit together; largest first, backtracking. */
  public static Optional<Layout> fit(GpuModel model, List<MigProfile> profiles) {
    List<MigProfile> order =
        profiles.stream()
            .sorted(Comparator.comparingInt(MigProfile::memorySlices).reversed())
            .toList();
    List<Placement> chosen = new ArrayList<>();
    return search(model, order, 0, chosen)
        ? Optional.of(new Layout(model, chosen))
        : Optional.empty();
  }

  private static boolean search(
      GpuModel model, List<MigProfile> order, int next, List<Placement> chosen) {
    if (next == order.size()) {
      return violations(model, chosen).isEmpty();
    }
    MigProfile profile = order.get(next);
    for (int start : profile.starts()) {
      Placement candidate = new Placement(profile, start);
      if (candidate.end() > model.memorySlots() || chosen.stream().anyMatch(candidate::overlaps)) {
        continue;
      }
      chosen.add(candidate);
      if (violations(model, chosen).isEmpty() && search(model, order, next + 1, chosen)) {
        return true;
      }
      chosen.remove(chosen.size() - 1);
    }
    return false;
  }

  /**
   * Parses a layout description such as {@code 3g.20gb+2g.10gb+2x1g.5gb} and places it, or throws
   * an {@link IllegalArgumentException} saying why it does not fit.
   */
  public static Layout parse(GpuModel model, String description) {
    List<MigProfile> profiles = new ArrayList<>();
    for (String part : description.split("\\+(?!me)")) {
      String item = part.trim();
      int times = 1;
      int x = item.indexOf('x');
      if (x > 0 && item.substring(0, x).chars().allMatch(Character::isDigit)) {
        times = Integer.parseInt(item.substring(0, x));
        item = item.substring(x + 1);
      }
      if (times < 1) {
        throw new IllegalArgumentException("layout: count must be positive in " + part);
      }
      MigProfile profile = model.requireProfile(item);
      for (int i = 0; i < times; i++) {
        profiles.add(profile);
      }
    }
    return fit(model, profiles)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "layout: " + description + " does not fit on one " + model.name()));
  }

  /**
   * Every maximal layout of the model (no instance can be added), one per distinct set of profiles.
   */
  public static List<Layout> maximalLayouts(GpuModel model) {
    Map<String, Layout> found = new LinkedHashMap<>();
    enumerate(model, new ArrayList<>(), 0, found, true);
    return List.copyOf(found.values());
  }

  /** Every valid non-empty layout, one per distinct set of profiles. */
  public static List<Layout> layouts(GpuModel model) {
    Map<String, Layout> found = new LinkedHashMap<>();
    enumerate(model, new ArrayList<>(), 0, found, false);
    return List.copyOf(found.values());
  }

  private static void enumerate(
      GpuModel model,
      List<Placement> chosen,
      int from,
      Map<String, Layout> found,
      boolean maximal) {
    for (int slot = from; slot < model.memorySlots(); slot++) {
      for (MigProfile profile : model.profiles()) {
        if (!profile.starts().contains(slot)) {
          continue;
        }
        chosen.add(new Placement(profile, slot));
        if (violations(model, chosen).isEmpty()) {
          enumerate(model, chosen, slot + profile.memorySlices(), found, maximal);
        }
        chosen.remove(chosen.size() - 1);
      }
    }
    if (!chosen.isEmpty() && (!maximal || !extendable(model, chosen))) {
      Layout layout = new Layout(model, chosen);
      found.putIfAbsent(layout.describe(), layout);
    }
  }

  private static boolean extendable(GpuModel model, List<Placement> chosen) {
    for (MigProfile profile : model.profiles()) {
      for (int start : profile.starts()) {
        chosen.add(new Placement(profile, start));
        boolean ok = violations(model, chosen).isEmpty();
        chosen.remove(chosen.size() - 1);
        if (ok) {
          return true;
        }
      }
    }
    return false;
  }
}
