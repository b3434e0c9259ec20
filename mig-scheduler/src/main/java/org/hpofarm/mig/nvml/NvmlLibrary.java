package org.hpofarm.mig.nvml;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The JNA mapping of the entry points of {@code libnvidia-ml.so.1} that the farm uses, with the
 * structure layouts of {@code nvml.h}.
 *
 * <p>Handles ({@code nvmlDevice_t}, {@code nvmlGpuInstance_t}, {@code nvmlComputeInstance_t}) are
 * opaque pointers. Every function returns an {@code nvmlReturn_t}; {@link Nvml} turns the codes
 * into {@link NvmlException}s. Only the versioned symbols that current drivers export are mapped
 * ({@code _v2}, {@code _v3}, {@code V}), so the mapping does not depend on the header's macros.
 */
public interface NvmlLibrary extends Library {

  /** {@code NVML_DEVICE_UUID_V2_BUFFER_SIZE} and {@code NVML_DEVICE_NAME_V2_BUFFER_SIZE}. */
  int BUFFER_SIZE = 96;

  /** {@code NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE}. */
  int DRIVER_VERSION_BUFFER_SIZE = 80;

  /** {@code NVML_DEVICE_MIG_ENABLE}. */
  int MIG_ENABLE = 1;

  /**
   * {@code NVML_GPU_INSTANCE_PROFILE_COUNT} of recent headers (0x11); older drivers answer less.
   */
  int GPU_INSTANCE_PROFILE_COUNT = 0x11;

  /**
   * {@code NVML_GPU_INSTANCE_PROFILE_1_SLICE_REV1}: the one-slice profile with media extensions.
   */
  int GPU_INSTANCE_PROFILE_1_SLICE_REV1 = 0x7;

  /** {@code NVML_COMPUTE_INSTANCE_ENGINE_PROFILE_SHARED}. */
  int COMPUTE_INSTANCE_ENGINE_PROFILE_SHARED = 0;

  int nvmlInit_v2();

  int nvmlShutdown();

  String nvmlErrorString(int result);

  int nvmlSystemGetDriverVersion(byte[] version, int length);

  int nvmlDeviceGetCount_v2(IntByReference count);

  int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

  int nvmlDeviceGetName(Pointer device, byte[] name, int length);

  int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

  int nvmlDeviceGetMemoryInfo(Pointer device, Memory memory);

  int nvmlDeviceGetMigMode(Pointer device, IntByReference currentMode, IntByReference pendingMode);

  int nvmlDeviceGetMaxMigDeviceCount(Pointer device, IntByReference count);

  int nvmlDeviceGetMigDeviceHandleByIndex(Pointer device, int index, PointerByReference migDevice);

  int nvmlDeviceGetGpuInstanceId(Pointer device, IntByReference id);

  int nvmlDeviceGetComputeInstanceId(Pointer device, IntByReference id);

  int nvmlDeviceGetAttributes_v2(Pointer device, DeviceAttributes attributes);

  int nvmlDeviceGetComputeRunningProcesses_v3(
      Pointer device, IntByReference infoCount, ProcessInfo[] infos);

  int nvmlDeviceGetComputeRunningProcesses_v3(
      Pointer device, IntByReference infoCount, Pointer infos);

  int nvmlDeviceGetGpuInstanceProfileInfoV(
      Pointer device, int profile, GpuInstanceProfileInfoV2 info);

  int nvmlDeviceGetGpuInstanceProfileInfo(Pointer device, int profile, GpuInstanceProfileInfo info);

  int nvmlDeviceGetGpuInstancePossiblePlacements_v2(
      Pointer device, int profileId, GpuInstancePlacement[] placements, IntByReference count);

  int nvmlDeviceGetGpuInstancePossiblePlacements_v2(
      Pointer device, int profileId, Pointer placements, IntByReference count);

  // Management (needs privileges; used only when enabled explicitly).

  int nvmlDeviceCreateGpuInstanceWithPlacement(
      Pointer device,
      int profileId,
      GpuInstancePlacement placement,
      PointerByReference gpuInstance);

  int nvmlGpuInstanceCreateComputeInstance(
      Pointer gpuInstance, int profileId, PointerByReference computeInstance);

  int nvmlComputeInstanceDestroy(Pointer computeInstance);

  int nvmlGpuInstanceDestroy(Pointer gpuInstance);

  /** {@code nvmlMemory_t}: bytes. */
  @Structure.FieldOrder({"total", "free", "used"})
  class Memory extends Structure {
    public long total;
    public long free;
    public long used;
  }

  /** {@code nvmlDeviceAttributes_t}. */
  @Structure.FieldOrder({
    "multiprocessorCount",
    "sharedCopyEngineCount",
    "sharedDecoderCount",
    "sharedEncoderCount",
    "sharedJpegCount",
    "sharedOfaCount",
    "gpuInstanceSliceCount",
    "computeInstanceSliceCount",
    "memorySizeMB"
  })
  class DeviceAttributes extends Structure {
    public int multiprocessorCount;
    public int sharedCopyEngineCount;
    public int sharedDecoderCount;
    public int sharedEncoderCount;
    public int sharedJpegCount;
    public int sharedOfaCount;
    public int gpuInstanceSliceCount;
    public int computeInstanceSliceCount;
    public long memorySizeMB;
  }

  /** {@code nvmlProcessInfo_t} (= {@code nvmlProcessInfo_v2_t}, used by the {@code _v3} call). */
  @Structure.FieldOrder({"pid", "usedGpuMemory", "gpuInstanceId", "computeInstanceId"})
  class ProcessInfo extends Structure {
    public int pid;
    public long usedGpuMemory;
    public int gpuInstanceId;
    public int computeInstanceId;
  }

  /** {@code nvmlGpuInstanceProfileInfo_v2_t}; {@link #version} must be set before the call. */
  @Structure.FieldOrder({
    "version",
    "id",
    "isP2pSupported",
    "sliceCount",
    "instanceCount",
    "multiprocessorCount",
    "copyEngineCount",
    "decoderCount",
    "encoderCount",
    "jpegCount",
    "ofaCount",
    "memorySizeMB",
    "name"
  })
  class GpuInstanceProfileInfoV2 extends Structure {
    public int version;
    public int id;
    public int isP2pSupported;
    public int sliceCount;
    public int instanceCount;
    public int multiprocessorCount;
    public int copyEngineCount;
    public int decoderCount;
    public int encoderCount;
    public int jpegCount;
    public int ofaCount;
    public long memorySizeMB;
    public byte[] name = new byte[BUFFER_SIZE];

    /** A structure with {@code version = nvmlGpuInstanceProfileInfo_v2} (size | 2 << 24). */
    public static GpuInstanceProfileInfoV2 versioned() {
      GpuInstanceProfileInfoV2 info = new GpuInstanceProfileInfoV2();
      info.version = info.size() | (2 << 24);
      return info;
    }
  }

  /** {@code nvmlGpuInstanceProfileInfo_t}, the unversioned layout older drivers take. */
  @Structure.FieldOrder({
    "id",
    "isP2pSupported",
    "sliceCount",
    "instanceCount",
    "multiprocessorCount",
    "copyEngineCount",
    "decoderCount",
    "encoderCount",
    "jpegCount",
    "ofaCount",
    "memorySizeMB"
  })
  class GpuInstanceProfileInfo extends Structure {
    public int id;
    public int isP2pSupported;
    public int sliceCount;
    public int instanceCount;
    public int multiprocessorCount;
    public int copyEngineCount;
    public int decoderCount;
    public int encoderCount;
    public int jpegCount;
    public int ofaCount;
    public long memorySizeMB;
  }

  /** {@code nvmlGpuInstancePlacement_t}: memory slots {@code [start, start + size)}. */
  @Structure.FieldOrder({"start", "size"})
  class GpuInstancePlacement extends Structure {
    public int start;
    public int size;

    public GpuInstancePlacement() {}

    public GpuInstancePlacement(int start, int size) {
      this.start = start;
      this.size = size;
    }
  }
}
