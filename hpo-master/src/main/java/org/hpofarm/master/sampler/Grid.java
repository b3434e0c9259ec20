package org.hpofarm.master.sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;
import org.hpofarm.master.space.Categorical;
import org.hpofarm.master.space.Distribution;
import org.hpofarm.master.space.FloatRange;
import org.hpofarm.master.space.IntRange;
import org.hpofarm.master.space.Parameter;
import org.hpofarm.master.space.SearchSpace;

/**
 * The finite grid of a search space: a list of values per parameter (its axis) and the points of
 * their Cartesian product, taken branch by branch in a conditional space, numbered from 0.
 */
final class Grid {

  /*
   * A conditional space is the union of branches. The parameters some `when` refers to (the
   * parents) are enumerated first, in topological order, each only where it is itself active; every
   * distinct assignment of the active parents is one branch. A branch's free parameters are the
   * other parameters active under it, and its points are the product of their axes. Numbering the
   * branches one after the other gives every distinct point of the space exactly one index, so a
   * branch with few parameters is not repeated once per value of a parameter it does not have.
   *
   * A grid with more than MAX_POINTS points (or more than MAX_BRANCHES branches) is not numbered:
   * it is "unbounded", and its points are drawn at random from the axes instead.
   */

  static final long MAX_POINTS = 1L << 62;
  static final int MAX_BRANCHES = 100_000;

  private record Branch(Map<String, Object> fixed, List<Parameter> free, long[] radix) {}

  private final SearchSpace space;
  private final Map<String, List<Object>> axes;
  private final List<Branch> branches;
  private final long[] offsets;
  private final long size;

  private Grid(
      SearchSpace space, Map<String, List<Object>> axes, List<Branch> branches, long size) {
    this.space = space;
    this.axes = axes;
    this.branches = branches;
    this.size = size;
    this.offsets = new long[branches.size()];
    long offset = 0;
    for (int b = 0; b < branches.size(); b++) {
      offsets[b] = offset;
      offset += branchSize(branches.get(b));
    }
  }

  /** The grid of {@code space} with {@code points.applyAsInt(p)} values at most on numeric axes. */
  static Grid of(SearchSpace space, ToIntFunction<Parameter> points) {
    Map<String, List<Object>> axes = new LinkedHashMap<>();
    for (Parameter p : space.parameters()) {
      axes.put(p.name(), axis(p.distribution(), points.applyAsInt(p)));
    }
    // a numeric parent keeps the values its children's conditions name, so every branch is reached
    for (Parameter p : space.parameters()) {
      for (var cond : p.when().entrySet()) {
        Set<Object> values = new LinkedHashSet<>(axes.get(cond.getKey()));
        if (values.addAll(cond.getValue())) {
          axes.put(cond.getKey(), List.copyOf(values));
        }
      }
    }
    Set<String> parentNames = new HashSet<>();
    space.parameters().forEach(p -> parentNames.addAll(p.when().keySet()));
    List<Parameter> parents =
        space.parameters().stream().filter(p -> parentNames.contains(p.name())).toList();
    List<Parameter> leaves =
        space.parameters().stream().filter(p -> !parentNames.contains(p.name())).toList();

    List<Map<String, Object>> assignments = new ArrayList<>();
    boolean complete = assign(space, axes, parents, 0, new LinkedHashMap<>(), assignments);
    List<Branch> branches = new ArrayList<>();
    long size = complete ? 0 : -1;
    for (Map<String, Object> fixed : assignments) {
      List<Parameter> free = leaves.stream().filter(p -> space.isActive(p, fixed)).toList();
      long[] radix = free.stream().mapToLong(p -> axes.get(p.name()).size()).toArray();
      Branch branch = new Branch(fixed, free, radix);
      branches.add(branch);
      long bs = branchSize(branch);
      if (size < 0 || bs < 0 || size > MAX_POINTS - bs) {
        size = -1;
      } else {
        size += bs;
      }
    }
    return new Grid(space, axes, size < 0 ? List.of() : branches, size < 0 ? -1 : size);
  }

  /** True when the points are numbered ({@link #size()} and {@link #point(long)} work). */
  boolean isEnumerable() {
    return size >= 0;
  }

  /** The number of distinct points; -1 when the grid is unbounded. */
  long size() {
    return size;
  }

  /** The values a parameter takes on this grid. */
  List<Object> axis(String parameter) {
    return axes.get(parameter);
  }

  /** Point {@code index} (0 &lt;= index &lt; size) as trial params. */
  Map<String, Object> point(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    int b = Arrays.binarySearch(offsets, index);
    if (b < 0) {
      b = -b - 2;
    }
    Branch branch = branches.get(b);
    long rest = index - offsets[b];
    Map<String, Object> values = new HashMap<>(branch.fixed());
    for (int i = 0; i < branch.free().size(); i++) {
      Parameter p = branch.free().get(i);
      long r = branch.radix()[i];
      values.put(p.name(), axes.get(p.name()).get((int) (rest % r)));
      rest /= r;
    }
    return space.assemble(p -> values.get(p.name()));
  }

  /** A point with each active parameter drawn uniformly from its axis. */
  Map<String, Object> randomPoint(RandomGenerator rng) {
    return space.assemble(
        p -> {
          List<Object> axis = axes.get(p.name());
          return axis.get(rng.nextInt(axis.size()));
        });
  }

  private static boolean assign(
      SearchSpace space,
      Map<String, List<Object>> axes,
      List<Parameter> parents,
      int next,
      Map<String, Object> chosen,
      List<Map<String, Object>> out) {
    if (out.size() > MAX_BRANCHES) {
      return false;
    }
    if (next == parents.size()) {
      out.add(Map.copyOf(chosen));
      return true;
    }
    Parameter p = parents.get(next);
    if (!space.isActive(p, chosen)) {
      return assign(space, axes, parents, next + 1, chosen, out);
    }
    for (Object v : axes.get(p.name())) {
      chosen.put(p.name(), v);
      if (!assign(space, axes, parents, next + 1, chosen, out)) {
        return false;
      }
    }
    chosen.remove(p.name());
    return true;
  }

  private static long branchSize(Branch branch) {
    long s = 1;
    for (long r : branch.radix()) {
      if (s > MAX_POINTS / r) {
        return -1;
      }
      s *= r;
    }
    return s;
  }

  /**
   * The values of one parameter on the grid: every choice of a categorical; every value of a
   * discrete range with at most {@code points} values; else {@code points} values evenly spaced
   * from low to high (in log space for log parameters, rounded onto the range's step), ends
   * included.
   */
  static List<Object> axis(Distribution d, int points) {
    if (points < 1) {
      throw new IllegalArgumentException("points must be at least 1, got " + points);
    }
    if (d instanceof Categorical c) {
      return c.choices();
    }
    long cardinality = d.cardinality();
    Set<Object> values = new LinkedHashSet<>();
    if (cardinality <= points) {
      for (long k = 0; k < cardinality; k++) {
        if (d instanceof IntRange r) {
          values.add(r.low() + k * r.step());
        } else if (cardinality == 1) {
          values.add(((FloatRange) d).low());
        } else {
          values.add(d.fromUnit(k / (cardinality - 1.0)));
        }
      }
    } else if (points == 1) {
      values.add(d.fromUnit(0.5));
    } else {
      for (int i = 0; i < points; i++) {
        values.add(spread(d, i / (points - 1.0), cardinality));
      }
    }
    return List.copyOf(values);
  }

  /** The value at fraction {@code t} of the way from low to high (in log space for log ranges). */
  private static Object spread(Distribution d, double t, long cardinality) {
    return switch (d) {
      case IntRange r when r.log() -> {
        double v = Math.exp(Math.log(r.low()) + t * (Math.log(r.high()) - Math.log(r.low())));
        yield (Object) Math.min(r.high(), Math.max(r.low(), Math.round(v)));
      }
      case IntRange r -> (Object) (r.low() + Math.round(t * (cardinality - 1)) * r.step());
      case FloatRange r when r.step() > 0 ->
          r.fromUnit(Math.round(t * (cardinality - 1)) / (cardinality - 1.0));
      default -> d.fromUnit(t);
    };
  }
}
