package org.hpofarm.mig.nvml;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An open NVML session: initialised on {@link #open}, shut down on {@link #close}; discovers GPUs,
 * MIG devices, their profiles and placements without privileges.
 *
 * <p>Everything a GPU can do is asked of the GPU: profile names, sizes and placements come from
 * {@code nvmlDeviceGetGpuInstanceProfileInfoV} and {@code
 * nvmlDeviceGetGpuInstancePossiblePlacements_v2}, never from a table, because some GPUs (the A100
 * 64GB of Leonardo) are in no public table.
 */
public final class Nvml implements AutoCloseable {

  /*
   * Notes on the calls (nvml.h, NVML API reference "Multi Instance GPU Management"):
   * - MIG device indices run from 0 to nvmlDeviceGetMaxMigDeviceCount - 1 and are sparse: an
   *   empty index answers NVML_ERROR_NOT_FOUND, some drivers NVML_ERROR_INVALID_ARGUMENT.
   * - A MIG device's name ends in "MIG <profile>" on R470+ drivers; otherwise the profile is the
   *   GPU's profile with the same slice count and memory.
   * - Running processes: call with a count, grow the array on NVML_ERROR_INSUFFICIENT_SIZE (the
   *   count may grow between calls, so retry a few times).
   * - Unsupported queries (MIG mode on a V100) answer NVML_ERROR_NOT_SUPPORTED, which here means
   *   "absent", not failure.
   */

  private final NvmlLibrary nvml;
  private final NvmlConfig config;
  private boolean open = true;

  private Nvml(NvmlLibrary nvml, NvmlConfig config) {
    this.nvml = nvml;
    this.config = config;
  }

  /** Loads the library, calls {@code nvmlInit_v2}, and returns the open session. */
  public static Nvml open(NvmlConfig config) {
    NvmlLibrary library;
    try {
      library = Native.load(config.library(), NvmlLibrary.class);
    } catch (UnsatisfiedLinkError e) {
      throw new NvmlException(
          "dlopen(" + config.library() + ")",
          NvmlReturn.ERROR_LIBRARY_NOT_FOUND,
          "library not found (is the NVIDIA driver installed on this node?): "
              + firstLine(e.getMessage()));
    }
    Nvml session = new Nvml(library, config);
    session.check("nvmlInit_v2", library.nvmlInit_v2());
    return session;
  }

  /** The driver version string. */
  public String driverVersion() {
    byte[] buffer = new byte[NvmlLibrary.DRIVER_VERSION_BUFFER_SIZE];
    check("nvmlSystemGetDriverVersion", nvml.nvmlSystemGetDriverVersion(buffer, buffer.length));
    return text(buffer);
  }

  /** The number of physical GPUs. */
  public int deviceCount() {
    IntByReference count = new IntByReference();
    check("nvmlDeviceGetCount_v2", nvml.nvmlDeviceGetCount_v2(count));
    return count.getValue();
  }

  /** Every physical GPU with its MIG devices, profiles and processes. */
  public List<NvmlGpu> discover() {
    List<NvmlGpu> gpus = new ArrayList<>();
    for (int i = 0, n = deviceCount(); i < n; i++) {
      gpus.add(gpu(i));
    }
    return List.copyOf(gpus);
  }

  /** One physical GPU by index. */
  public NvmlGpu gpu(int index) {
    Pointer device = handle(index);
    String name = name(device);
    String uuid = uuid(device);
    long memoryMiB = memory(device).total / (1024 * 1024);
    Optional<Boolean> mig = migMode(device);
    List<NvmlMigDevice> migDevices = mig.orElse(false) ? migDevices(device) : List.of();
    List<NvmlGpuInstanceProfile> profiles = mig.isPresent() ? profiles(device) : List.of();
    migDevices = migDevices.stream().map(d -> withProfile(d, profiles)).toList();
    return new NvmlGpu(
        index,
        name,
        uuid,
        memoryMiB,
        mig.isPresent(),
        mig.orElse(false),
        migDevices,
        profiles,
        processes(device));
  }

  /** The management calls, available only when the configuration allows them. */
  public MigManagement management() {
    if (!config.management()) {
      throw new IllegalStateException(
          "nvml.management: MIG management is disabled; enable it explicitly in the configuration");
    }
    return new MigManagement(this, nvml);
  }

  /** Shuts NVML down; a second call does nothing. */
  @Override
  public void close() {
    if (open) {
      open = false;
      check("nvmlShutdown", nvml.nvmlShutdown());
    }
  }

  Pointer handle(int index) {
    PointerByReference device = new PointerByReference();
    check("nvmlDeviceGetHandleByIndex_v2", nvml.nvmlDeviceGetHandleByIndex_v2(index, device));
    return device.getValue();
  }

  void check(String function, int code) {
    if (code != NvmlReturn.SUCCESS) {
      throw new NvmlException(function, code, errorString(code));
    }
  }

  private String errorString(int code) {
    try {
      String message = nvml.nvmlErrorString(code);
      return message == null ? "unknown error" : message;
    } catch (UnsatisfiedLinkError e) {
      return "unknown error";
    }
  }

  private String name(Pointer device) {
    byte[] buffer = new byte[NvmlLibrary.BUFFER_SIZE];
    check("nvmlDeviceGetName", nvml.nvmlDeviceGetName(device, buffer, buffer.length));
    return text(buffer);
  }

  private String uuid(Pointer device) {
    byte[] buffer = new byte[NvmlLibrary.BUFFER_SIZE];
    check("nvmlDeviceGetUUID", nvml.nvmlDeviceGetUUID(device, buffer, buffer.length));
    return text(buffer);
  }

  private NvmlLibrary.Memory memory(Pointer device) {
    NvmlLibrary.Memory memory = new NvmlLibrary.Memory();
    check("nvmlDeviceGetMemoryInfo", nvml.nvmlDeviceGetMemoryInfo(device, memory));
    return memory;
  }

  /** Empty when the GPU does not support MIG. */
  private Optional<Boolean> migMode(Pointer device) {
    IntByReference current = new IntByReference();
    IntByReference pending = new IntByReference();
    int code = nvml.nvmlDeviceGetMigMode(device, current, pending);
    if (code == NvmlReturn.ERROR_NOT_SUPPORTED) {
      return Optional.empty();
    }
    check("nvmlDeviceGetMigMode", code);
    return Optional.of(current.getValue() == NvmlLibrary.MIG_ENABLE);
  }

  private List<NvmlMigDevice> migDevices(Pointer device) {
    IntByReference max = new IntByReference();
    check("nvmlDeviceGetMaxMigDeviceCount", nvml.nvmlDeviceGetMaxMigDeviceCount(device, max));
    List<NvmlMigDevice> devices = new ArrayList<>();
    for (int i = 0; i < max.getValue(); i++) {
      PointerByReference mig = new PointerByReference();
      int code = nvml.nvmlDeviceGetMigDeviceHandleByIndex(device, i, mig);
      if (code == NvmlReturn.ERROR_NOT_FOUND || code == NvmlReturn.ERROR_INVALID_ARGUMENT) {
        continue; // an empty index: MIG device indices are sparse
      }
      check("nvmlDeviceGetMigDeviceHandleByIndex", code);
      devices.add(migDevice(i, mig.getValue()));
    }
    return devices;
  }

  private NvmlMigDevice migDevice(int index, Pointer mig) {
    IntByReference gi = new IntByReference();
    IntByReference ci = new IntByReference();
    check("nvmlDeviceGetGpuInstanceId", nvml.nvmlDeviceGetGpuInstanceId(mig, gi));
    check("nvmlDeviceGetComputeInstanceId", nvml.nvmlDeviceGetComputeInstanceId(mig, ci));
    NvmlLibrary.DeviceAttributes attributes = new NvmlLibrary.DeviceAttributes();
    check("nvmlDeviceGetAttributes_v2", nvml.nvmlDeviceGetAttributes_v2(mig, attributes));
    String name = name(mig);
    int marker = name.lastIndexOf("MIG ");
    String profile = marker >= 0 ? name.substring(marker + 4).trim() : "";
    return new NvmlMigDevice(
        index,
        uuid(mig),
        name,
        profile,
        gi.getValue(),
        ci.getValue(),
        attributes.gpuInstanceSliceCount,
        attributes.computeInstanceSliceCount,
        attributes.multiprocessorCount,
        attributes.memorySizeMB,
        processes(mig));
  }

  /** Fills in the profile name of a MIG device whose name did not carry it. */
  private static NvmlMigDevice withProfile(
      NvmlMigDevice device, List<NvmlGpuInstanceProfile> profiles) {
    if (!device.profile().isEmpty()) {
      return device;
    }
    String profile =
        profiles.stream()
            .filter(p -> p.sliceCount() == device.gpuInstanceSlices())
            .filter(p -> p.memoryMiB() == device.memoryMiB())
            .filter(p -> !p.name().contains("+"))
            .map(NvmlGpuInstanceProfile::name)
            .findFirst()
            .orElse(
                device.gpuInstanceSlices()
                    + "g."
                    + (long) Math.ceil(device.memoryMiB() / 1024.0)
                    + "gb");
    return new NvmlMigDevice(
        device.index(),
        device.uuid(),
        device.name(),
        profile,
        device.gpuInstanceId(),
        device.computeInstanceId(),
        device.gpuInstanceSlices(),
        device.computeInstanceSlices(),
        device.multiprocessors(),
        device.memoryMiB(),
        device.processes());
  }

  private List<NvmlGpuInstanceProfile> profiles(Pointer device) {
    List<NvmlGpuInstanceProfile> profiles = new ArrayList<>();
    for (int index = 0; index < NvmlLibrary.GPU_INSTANCE_PROFILE_COUNT; index++) {
      NvmlLibrary.GpuInstanceProfileInfoV2 info = NvmlLibrary.GpuInstanceProfileInfoV2.versioned();
      int code;
      try {
        code = nvml.nvmlDeviceGetGpuInstanceProfileInfoV(device, index, info);
      } catch (UnsatisfiedLinkError e) {
        code = NvmlReturn.ERROR_FUNCTION_NOT_FOUND;
      }
      if (code == NvmlReturn.ERROR_ARGUMENT_VERSION_MISMATCH
          || code == NvmlReturn.ERROR_FUNCTION_NOT_FOUND) {
        return profilesUnversioned(device); // a driver older than the versioned call
      }
      if (code == NvmlReturn.ERROR_NOT_SUPPORTED
          || code == NvmlReturn.ERROR_INVALID_ARGUMENT
          || code == NvmlReturn.ERROR_NO_PERMISSION) {
        continue; // this GPU has no such profile (or the driver predates the index)
      }
      check("nvmlDeviceGetGpuInstanceProfileInfoV", code);
      String name = text(info.name);
      if (name.startsWith("MIG ")) {
        name = name.substring(4);
      }
      profiles.add(
          new NvmlGpuInstanceProfile(
              index,
              info.id,
              name,
              info.sliceCount,
              info.instanceCount,
              info.multiprocessorCount,
              info.memorySizeMB,
              placements(device, info.id)));
    }
    return profiles;
  }

  /** Profiles through {@code nvmlDeviceGetGpuInstanceProfileInfo}, which carries no name. */
  private List<NvmlGpuInstanceProfile> profilesUnversioned(Pointer device) {
    List<NvmlGpuInstanceProfile> profiles = new ArrayList<>();
    for (int index = 0; index < NvmlLibrary.GPU_INSTANCE_PROFILE_COUNT; index++) {
      NvmlLibrary.GpuInstanceProfileInfo info = new NvmlLibrary.GpuInstanceProfileInfo();
      int code = nvml.nvmlDeviceGetGpuInstanceProfileInfo(device, index, info);
      if (code == NvmlReturn.ERROR_NOT_SUPPORTED
          || code == NvmlReturn.ERROR_INVALID_ARGUMENT
          || code == NvmlReturn.ERROR_NO_PERMISSION) {
        continue;
      }
      check("nvmlDeviceGetGpuInstanceProfileInfo", code);
      String name =
          info.sliceCount
              + "g."
              + (long) Math.ceil(info.memorySizeMB / 1024.0)
              + "gb"
              + (index == NvmlLibrary.GPU_INSTANCE_PROFILE_1_SLICE_REV1 ? "+me" : "");
      profiles.add(
          new NvmlGpuInstanceProfile(
              index,
              info.id,
              name,
              info.sliceCount,
              info.instanceCount,
              info.multiprocessorCount,
              info.memorySizeMB,
              placements(device, info.id)));
    }
    return profiles;
  }

  private List<NvmlPlacement> placements(Pointer device, int profileId) {
    IntByReference count = new IntByReference(0);
    int code =
        nvml.nvmlDeviceGetGpuInstancePossiblePlacements_v2(
            device, profileId, (Pointer) null, count);
    if (code == NvmlReturn.ERROR_NOT_SUPPORTED || code == NvmlReturn.ERROR_NO_PERMISSION) {
      return List.of();
    }
    check("nvmlDeviceGetGpuInstancePossiblePlacements_v2", code);
    if (count.getValue() == 0) {
      return List.of();
    }
    NvmlLibrary.GpuInstancePlacement[] placements =
        (NvmlLibrary.GpuInstancePlacement[])
            new NvmlLibrary.GpuInstancePlacement().toArray(count.getValue());
    check(
        "nvmlDeviceGetGpuInstancePossiblePlacements_v2",
        nvml.nvmlDeviceGetGpuInstancePossiblePlacements_v2(device, profileId, placements, count));
    List<NvmlPlacement> result = new ArrayList<>();
    for (int i = 0; i < count.getValue(); i++) {
      placements[i].read();
      result.add(new NvmlPlacement(placements[i].start, placements[i].size));
    }
    return result;
  }

  private List<NvmlProcess> processes(Pointer device) {
    try {
      return runningProcesses(device);
    } catch (UnsatisfiedLinkError e) {
      return List.of(); // a driver without the _v3 call: processes are not reported
    }
  }

  private List<NvmlProcess> runningProcesses(Pointer device) {
    IntByReference count = new IntByReference(0);
    for (int attempt = 0; attempt < 4; attempt++) {
      int code;
      NvmlLibrary.ProcessInfo[] infos = null;
      if (count.getValue() == 0) {
        code = nvml.nvmlDeviceGetComputeRunningProcesses_v3(device, count, (Pointer) null);
      } else {
        infos = (NvmlLibrary.ProcessInfo[]) new NvmlLibrary.ProcessInfo().toArray(count.getValue());
        code = nvml.nvmlDeviceGetComputeRunningProcesses_v3(device, count, infos);
      }
      if (code == NvmlReturn.ERROR_INSUFFICIENT_SIZE) {
        count.setValue(count.getValue() + 2); // room for processes that start meanwhile
        continue;
      }
      if (code == NvmlReturn.ERROR_NOT_SUPPORTED || code == NvmlReturn.ERROR_NO_PERMISSION) {
        return List.of();
      }
      check("nvmlDeviceGetComputeRunningProcesses_v3", code);
      List<NvmlProcess> result = new ArrayList<>();
      for (int i = 0; infos != null && i < count.getValue(); i++) {
        infos[i].read();
        result.add(
            new NvmlProcess(
                infos[i].pid,
                infos[i].usedGpuMemory,
                infos[i].gpuInstanceId,
                infos[i].computeInstanceId));
      }
      return result;
    }
    throw new NvmlException(
        "nvmlDeviceGetComputeRunningProcesses_v3",
        NvmlReturn.ERROR_INSUFFICIENT_SIZE,
        "the process list kept growing");
  }

  static String text(byte[] buffer) {
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, StandardCharsets.UTF_8);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int cut = message.indexOf('\n');
    String line = cut < 0 ? message : message.substring(0, cut);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
