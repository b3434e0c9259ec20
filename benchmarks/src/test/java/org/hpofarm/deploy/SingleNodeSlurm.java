package org.hpofarm.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real one-node Slurm cluster (Debian's slurm-wlm and munge, run as root) in a temporary
 * directory: slurmctld and slurmd on free ports, one partition {@code booster} with this machine's
 * cores; {@link #close} stops the daemons it started.
 */
final class SingleNodeSlurm implements AutoCloseable {

  private final Path dir;
  private final Path conf;
  private final List<Long> started = new ArrayList<>();

  private SingleNodeSlurm(Path dir) {
    this.dir = dir;
    this.conf = dir.resolve("slurm.conf");
  }

  /** Why this machine cannot run it, or null when it can. */
  static String unavailable() {
    if (!Files.isExecutable(Path.of("/usr/sbin/slurmctld"))
        || !Files.isExecutable(Path.of("/usr/sbin/munged"))) {
      return "no slurmctld or munged: apt-get install -y slurm-wlm munge (.ci/run does)";
    }
    return null;
  }

  /** Starts the cluster under {@code dir} and waits until its node is idle. */
  static SingleNodeSlurm start(Path dir) throws Exception {
    SingleNodeSlurm slurm = new SingleNodeSlurm(dir);
    slurm.boot();
    return slurm;
  }

  private void boot() throws Exception {
    String host = run("hostname", "-s").strip();
    for (String d : List.of("state", "spool", "log")) {
      Files.createDirectories(dir.resolve(d));
    }
    Files.writeString(
        conf,
        String.join(
            "\n",
            "ClusterName=farmtest",
            "SlurmctldHost=" + host,
            "SlurmUser=root",
            "SlurmdUser=root",
            "AuthType=auth/munge",
            "StateSaveLocation=" + dir.resolve("state"),
            "SlurmdSpoolDir=" + dir.resolve("spool"),
            "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
            "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
            "SlurmctldLogFile=" + dir.resolve("log/ctld.log"),
            "SlurmdLogFile=" + dir.resolve("log/d.log"),
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "JobAcctGatherType=jobacct_gather/none",
            "SchedulerType=sched/builtin",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_Core",
            "ReturnToService=2",
            "MpiDefault=none",
            "KillWait=10",
            "SlurmctldPort=" + freePort(),
            "SlurmdPort=" + freePort(),
            "NodeName="
                + host
                + " CPUs="
                + Runtime.getRuntime().availableProcessors()
                + " RealMemory=2000 State=UNKNOWN",
            "PartitionName=booster Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP",
            ""));
    if (run("sh", "-c", "pgrep -x munged || true").isBlank()) {
      Files.createDirectories(Path.of("/run/munge"));
      run("chown", "munge:munge", "/run/munge");
      run("su", "-s", "/bin/sh", "munge", "-c", "/usr/sbin/munged");
    }
    run("/usr/sbin/slurmctld", "-f", conf.toString());
    run("/usr/sbin/slurmd", "-f", conf.toString());
    for (String pid : List.of("slurmctld.pid", "slurmd.pid")) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!Files.exists(dir.resolve(pid)) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      started.add(Long.parseLong(Files.readString(dir.resolve(pid)).strip()));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!run("sinfo", "-h", "-o", "%t").strip().equals("idle")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Slurm node never became idle: " + run("sinfo"));
      }
      Thread.sleep(200);
    }
  }

  /** Runs a Slurm command (or any) with this cluster's configuration; returns its output. */
  String run(String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("SLURM_CONF", conf.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /** The job's state as squeue reports it, or empty once it has left the queue. */
  String jobState(String job) throws IOException, InterruptedException {
    // a job that has ended may be unknown to squeue: that is an empty answer too
    return run("sh", "-c", "squeue -h -j " + job + " -o %T 2>/dev/null || true").strip();
  }

  Path dir() {
    return dir;
  }

  /**
   * Stops the daemons it started and waits until they have exited, so that nothing writes into the
   * directory while it is deleted (slurmctld saves its state as it stops).
   */
  @Override
  public void close() {
    for (long pid : started) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
    for (long pid : started) {
      ProcessHandle.of(pid).ifPresent(SingleNodeSlurm::awaitExit);
    }
  }

  private static void awaitExit(ProcessHandle daemon) {
    try {
      daemon.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception stillRunning) {
      daemon.destroyForcibly();
      daemon.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> daemon).join();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
