package org.hpofarm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.hpofarm.bench.latency.AskLatencyBenchmark;
import org.hpofarm.bench.latency.LatencyTargets;
import org.hpofarm.master.sampler.Samplers;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code farm bench ask-latency}: runs {@link AskLatencyBenchmark} through JMH with short settings
 * and prints one JSON line per (sampler, history size) with the p50 and p99 of one ask.
 */
@Command(
    name = "ask-latency",
    mixinStandardHelpOptions = true,
    description = {
      "Ask latency per sampler against history size (8 float dimensions), with JMH in SampleTime"
          + " mode. Prints one JSON line per (sampler, history): p50_us, p99_us, samples, and the"
          + " p99 target where the project states one. JMH's own report goes to stderr.",
      "Long form: java -cp <launcher class path> org.openjdk.jmh.Main AskLatencyBenchmark"
          + " (see docs/benchmarks.md)."
    })
final class AskLatencyCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = "--samplers",
      paramLabel = "TYPE",
      split = ",",
      description = "sampler types (default: every registered type but grid)")
  List<String> samplers;

  @Option(
      names = "--history",
      paramLabel = "TRIALS",
      split = ",",
      defaultValue = "100,1000,5000",
      description = "completed trials in the history (${DEFAULT-VALUE})")
  List<Integer> history;

  @Option(
      names = "--forks",
      paramLabel = "N",
      defaultValue = "1",
      description = "JVM forks (${DEFAULT-VALUE})")
  int forks;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "2",
      description = "warm-up iterations (${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "3",
      description = "measured iterations (${DEFAULT-VALUE})")
  int iterations;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "2",
      description = "seconds per iteration, warm-up and measured (${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--prof",
      paramLabel = "PROFILER",
      split = ",",
      description = "JMH profilers to add, for example gc (see JMH's -lprof)")
  List<String> profilers;

  @Override
  public Integer call() throws RunnerException {
    List<String> types = samplerTypes();
    for (int h : history) {
      if (h < 0) {
        throw new ParameterException(spec.commandLine(), "history: must not be negative: " + h);
      }
    }
    if (forks < 0 || warmup < 0 || iterations < 1 || seconds < 1) {
      throw new ParameterException(
          spec.commandLine(), "forks and warmup: at least 0; iterations and seconds: at least 1");
    }
    OptionsBuilder options = new OptionsBuilder();
    options
        .include(AskLatencyBenchmark.class.getName() + ".ask")
        .param("sampler", types.toArray(String[]::new))
        .param("history", history.stream().map(String::valueOf).toArray(String[]::new))
        .forks(forks)
        .warmupIterations(warmup)
        .warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(seconds))
        .shouldFailOnError(true);
    if (profilers != null) {
      profilers.forEach(options::addProfiler);
    }
    PrintStream report = System.err;
    Collection<RunResult> results =
        new Runner(
                options.build(),
                OutputFormatFactory.createFormatInstance(report, VerboseMode.NORMAL))
            .run();
    PrintWriter out = spec.commandLine().getOut();
    for (RunResult r : results) {
      out.println(line(r));
    }
    out.flush();
    var os = ManagementFactory.getOperatingSystemMXBean();
    report.printf(
        "ask-latency: system load average %.1f on %d cores at the end of the run"
            + " (tails are not figures of record on a loaded machine)%n",
        os.getSystemLoadAverage(), os.getAvailableProcessors());
    return 0;
  }

  private static String line(RunResult r) {
    String sampler = r.getParams().getParam("sampler");
    int history = Integer.parseInt(r.getParams().getParam("history"));
    Statistics stats = r.getPrimaryResult().getStatistics();
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("kind", "ask_latency");
    n.put("sampler", sampler);
    n.put("history", history);
    n.put("dims", AskLatencyBenchmark.DIMS);
    n.put("p50_us", stats.getPercentile(50));
    n.put("p99_us", stats.getPercentile(99));
    n.put("samples", stats.getN());
    OptionalDouble target = LatencyTargets.p99Micros(sampler, history);
    if (target.isPresent()) {
      n.put("target_p99_us", target.getAsDouble());
      n.put("meets_target", stats.getPercentile(99) <= target.getAsDouble());
    }
    try {
      return JSON.writeValueAsString(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private List<String> samplerTypes() {
    List<String> registered = Samplers.TYPES.stream().filter(t -> !t.equals("grid")).toList();
    if (samplers == null) {
      return registered;
    }
    for (String s : samplers) {
      if (!Samplers.TYPES.contains(s)) {
        throw new ParameterException(
            spec.commandLine(),
            "samplers: unknown sampler '" + s + "' (one of " + Samplers.TYPES + ")");
      }
    }
    return List.copyOf(samplers);
  }
}
