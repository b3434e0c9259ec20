package org.hpofarm.master.farm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hpofarm.mig.allocation.ProfileClass;
import org.hpofarm.mig.allocation.SliceRequest;
import org.hpofarm.mig.slice.SliceKind;

/**
 * What one trial of an executor study needs from the farm, read from the study's {@code executor}:
 * its slice class ({@code slice}), how many slices a worker group takes ({@code workersPerTrial}),
 * the least memory per slice ({@code memoryMiB}) and whether a group must share a node ({@code
 * sameNode}: true by default; false lets a group that fits on no single node spread over the
 * agents' nodes, its ranks meeting at rank 0's agent's address), and until when its trials are
 * placed ({@code until}, an ISO-8601 instant: a weekend campaign's study stops at its window's
 * end).
 *
 * <p>{@code slice} is one of: absent or {@code any} (any slice, CPU slots included), {@code gpu}
 * (any GPU slice), {@code cpu}, {@code whole}, {@code shared}, a compute class such as {@code 1g}
 * (any MIG profile with one compute slice: {@code 1g.5gb}, {@code 1g.10gb}, ...) or an exact MIG
 * profile such as {@code 1g.10gb}.
 *
 * @param kinds the slice kinds that fit
 * @param profilePrefix a MIG profile prefix such as {@code 1g.}, or null
 * @param profile an exact profile, or null
 * @param until no trial is placed from this instant on, or null for no end
 */
public record SliceDemand(
    Set<SliceKind> kinds,
    String profilePrefix,
    String profile,
    int workers,
    long minMemoryMiB,
    boolean sameNode,
    Instant until) {

  private static final Pattern COMPUTE_CLASS = Pattern.compile("\\d+g");
  private static final Pattern MIG_PROFILE = Pattern.compile("\\d+g\\.[0-9a-z.+]+");

  public SliceDemand {
    kinds = Set.copyOf(kinds);
    if (workers < 1 || workers > 1024) {
      throw new IllegalArgumentException(
          "executor.workersPerTrial: must be in [1, 1024], got " + workers);
    }
    if (minMemoryMiB < 0) {
      throw new IllegalArgumentException(
          "executor.memoryMiB: must not be negative, got " + minMemoryMiB);
    }
  }

  /** The demand of a study's executor; throws naming the executor field at fault. */
  public static SliceDemand of(JsonNode executor) {
    if (executor == null || !executor.isObject()) {
      throw new IllegalArgumentException("executor: must be an object");
    }
    JsonNode s = executor.get("slice");
    if (s != null && !s.isNull() && !s.isTextual()) {
      throw new IllegalArgumentException("executor.slice: must be a string, got " + s);
    }
    String slice = s == null || s.isNull() ? "any" : s.textValue().strip();
    int workers = integer(executor, "workersPerTrial", 1);
    long memory = integer(executor, "memoryMiB", 0);
    JsonNode same = executor.get("sameNode");
    if (same != null && !same.isNull() && !same.isBoolean()) {
      throw new IllegalArgumentException("executor.sameNode: must be true or false, got " + same);
    }
    boolean sameNode = workers > 1 && (same == null || same.isNull() || same.booleanValue());
    Instant until = instant(executor, "until");
    Set<SliceKind> gpu = EnumSet.of(SliceKind.MIG, SliceKind.WHOLE_GPU, SliceKind.SHARED_GPU);
    return switch (slice) {
      case "any" ->
          new SliceDemand(
              EnumSet.allOf(SliceKind.class), null, null, workers, memory, sameNode, until);
      case "gpu" -> new SliceDemand(gpu, null, null, workers, memory, sameNode, until);
      case "cpu" ->
          new SliceDemand(EnumSet.of(SliceKind.CPU), null, null, workers, memory, sameNode, until);
      case "whole" ->
          new SliceDemand(
              EnumSet.of(SliceKind.WHOLE_GPU), null, null, workers, memory, sameNode, until);
      case "shared" ->
          new SliceDemand(
              EnumSet.of(SliceKind.SHARED_GPU), null, null, workers, memory, sameNode, until);
      default -> {
        if (COMPUTE_CLASS.matcher(slice).matches()) {
          yield new SliceDemand(
              EnumSet.of(SliceKind.MIG), slice + ".", null, workers, memory, sameNode, until);
        }
        if (MIG_PROFILE.matcher(slice).matches()) {
          yield new SliceDemand(
              EnumSet.of(SliceKind.MIG), null, slice, workers, memory, sameNode, until);
        }
        throw new IllegalArgumentException(
            "executor.slice: any, gpu, cpu, whole, shared, a compute class such as 1g or a MIG"
                + " profile such as 1g.10gb, got '"
                + slice
                + "'");
      }
    };
  }

  /** Whether trials are placed at {@code now} (before {@code until}, if any). */
  public boolean placeableAt(Instant now) {
    return until == null || now.isBefore(until);
  }

  /** The request that stands for the study in fair share (any profile that fits). */
  public SliceRequest request(String study, String user) {
    return new SliceRequest(study, user, workers, minMemoryMiB, kinds, profile, sameNode);
  }

  /**
   * The requests to try, in best-fit order, on a farm with these profile classes: one per MIG
   * profile of the compute class for a class demand, else the single request.
   */
  public List<SliceRequest> variants(String study, String user, List<ProfileClass> classes) {
    if (profilePrefix == null) {
      return List.of(request(study, user));
    }
    Set<String> profiles = new LinkedHashSet<>();
    for (ProfileClass c : classes) {
      if (c.kind() == SliceKind.MIG && c.profile().startsWith(profilePrefix)) {
        profiles.add(c.profile());
      }
    }
    List<SliceRequest> out = new ArrayList<>(profiles.size());
    for (String p : profiles) {
      out.add(new SliceRequest(study, user, workers, minMemoryMiB, kinds, p, sameNode));
    }
    return out;
  }

  private static Instant instant(JsonNode executor, String field) {
    JsonNode v = executor.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      return Instant.parse(v.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "executor."
              + field
              + ": must be an ISO-8601 instant such as 2026-12-07T05:00:00Z, got "
              + v);
    }
  }

  private static int integer(JsonNode executor, String field, int dflt) {
    JsonNode v = executor.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException("executor." + field + ": must be an integer, got " + v);
    }
    return v.intValue();
  }
}
