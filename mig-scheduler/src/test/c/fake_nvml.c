/*
 * A fake NVIDIA Management Library for tests: it exports the NVML entry points the farm's binding
 * uses, with the structure layouts and return codes of nvml.h, and emulates three GPUs:
 *   0: A100-SXM4-40GB in MIG mode with 7 x 1g.5gb (one process on the fourth instance);
 *   1: A100-SXM4-40GB in MIG mode with 3g.20gb + 2g.10gb + 2 x 1g.5gb at sparse MIG indices;
 *   2: a V100 without MIG support (two processes).
 * Build: gcc -shared -fPIC -o libnvidia-ml.so.1 fake_nvml.c
 */
#include <stdio.h>
#include <string.h>

typedef int nvmlReturn_t;
enum {
  SUCCESS = 0, UNINITIALIZED = 1, INVALID_ARGUMENT = 2, NOT_SUPPORTED = 3, NO_PERMISSION = 4,
  NOT_FOUND = 6, INSUFFICIENT_SIZE = 7, INSUFFICIENT_RESOURCES = 23, ARGUMENT_VERSION_MISMATCH = 25,
  UNKNOWN = 999
};

typedef struct { unsigned long long total, free, used; } mem_t;
typedef struct {
  unsigned int multiprocessorCount, sharedCopyEngineCount, sharedDecoderCount, sharedEncoderCount,
      sharedJpegCount, sharedOfaCount, gpuInstanceSliceCount, computeInstanceSliceCount;
  unsigned long long memorySizeMB;
} attrs_t;
typedef struct {
  unsigned int pid;
  unsigned long long usedGpuMemory;
  unsigned int gpuInstanceId, computeInstanceId;
} proc_t;
typedef struct {
  unsigned int version, id, isP2pSupported, sliceCount, instanceCount, multiprocessorCount,
      copyEngineCount, decoderCount, encoderCount, jpegCount, ofaCount;
  unsigned long long memorySizeMB;
  char name[96];
} gi_profile_v2_t;
typedef struct {
  unsigned int id, isP2pSupported, sliceCount, instanceCount, multiprocessorCount, copyEngineCount,
      decoderCount, encoderCount, jpegCount, ofaCount;
  unsigned long long memorySizeMB;
} gi_profile_v1_t;
typedef struct { unsigned int start, size; } placement_t;

typedef struct device {
  int is_mig;
  int parent;         /* physical index for a MIG device */
  const char *name;
  const char *uuid;
  unsigned long long memory_mb;
  int mig_mode;       /* -1: not supported */
  unsigned int gi_id, ci_id, slices;
  unsigned int process_count;
  proc_t processes[2];
} device_t;

#define GPUS 3
#define MAX_MIG 7
static device_t gpus[GPUS] = {
    {0, -1, "NVIDIA A100-SXM4-40GB", "GPU-11111111-2222-3333-4444-000000000000", 40960, 1, 0, 0, 0, 0, {{0}}},
    {0, -1, "NVIDIA A100-SXM4-40GB", "GPU-11111111-2222-3333-4444-000000000001", 40960, 1, 0, 0, 0, 0, {{0}}},
    {0, -1, "Tesla V100-SXM2-32GB", "GPU-11111111-2222-3333-4444-000000000002", 32768, -1, 0, 0, 0, 2,
     {{7001, 1ULL << 30, 0xFFFFFFFFu, 0xFFFFFFFFu}, {7002, 2ULL << 30, 0xFFFFFFFFu, 0xFFFFFFFFu}}},
};
/* MIG devices by [gpu][index]; empty name = no device at that index (sparse). */
static device_t migs[2][MAX_MIG];
static unsigned int occupied[2]; /* memory-slot mask of GPU instances, for the management calls */
static int init_count = 0;
static int built = 0;

static void mig(int gpu, int index, const char *profile, unsigned int gi, unsigned int slices,
                unsigned long long mb) {
  static char names[2][MAX_MIG][64], uuids[2][MAX_MIG][64];
  snprintf(names[gpu][index], 64, "NVIDIA A100-SXM4-40GB MIG %s", profile);
  snprintf(uuids[gpu][index], 64, "MIG-aaaaaaaa-bbbb-cccc-dddd-%012d", gpu * 100 + index);
  device_t d = {1, gpu, names[gpu][index], uuids[gpu][index], mb, -1, gi, 0, slices, 0, {{0}}};
  migs[gpu][index] = d;
}

static void build(void) {
  if (built) return;
  built = 1;
  for (int i = 0; i < 7; i++) mig(0, i, "1g.5gb", 7 + i, 1, 4864);
  migs[0][3].process_count = 1;
  migs[0][3].processes[0] = (proc_t){4242, 512ULL << 20, 10, 0};
  /* GPU 1: indices 1, 4 and 6 are empty */
  mig(1, 0, "3g.20gb", 2, 3, 19968);
  mig(1, 2, "2g.10gb", 3, 2, 9856);
  mig(1, 3, "1g.5gb", 9, 1, 4864);
  mig(1, 5, "1g.5gb", 10, 1, 4864);
  occupied[0] = 0x7F;
  occupied[1] = 0xFF;
}

static int valid_gpu(device_t *d) {
  for (int i = 0; i < GPUS; i++) if (d == &gpus[i]) return 1;
  return 0;
}
static int valid_mig(device_t *d) {
  for (int g = 0; g < 2; g++)
    for (int i = 0; i < MAX_MIG; i++) if (d == &migs[g][i] && migs[g][i].name) return 1;
  return 0;
}
#define CHECK_INIT() if (init_count == 0) return UNINITIALIZED
#define CHECK_DEVICE(d) if (!(valid_gpu(d) || valid_mig(d))) return INVALID_ARGUMENT

const char *nvmlErrorString(nvmlReturn_t r) {
  switch (r) {
    case SUCCESS: return "Success";
    case UNINITIALIZED: return "Uninitialized";
    case INVALID_ARGUMENT: return "Invalid Argument";
    case NOT_SUPPORTED: return "Not Supported";
    case NO_PERMISSION: return "Insufficient Permissions";
    case NOT_FOUND: return "Not Found";
    case INSUFFICIENT_SIZE: return "Insufficient Size";
    case INSUFFICIENT_RESOURCES: return "Insufficient Resources";
    case ARGUMENT_VERSION_MISMATCH: return "Argument Version Mismatch";
    default: return "Unknown Error";
  }
}

nvmlReturn_t nvmlInit_v2(void) { build(); init_count++; return SUCCESS; }
nvmlReturn_t nvmlShutdown(void) { CHECK_INIT(); init_count--; return SUCCESS; }
nvmlReturn_t nvmlSystemGetDriverVersion(char *v, unsigned int len) {
  CHECK_INIT();
  if (len < 14) return INSUFFICIENT_SIZE;
  snprintf(v, len, "550.54.15-fake");
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
  CHECK_INIT();
  if (!count) return INVALID_ARGUMENT;
  *count = GPUS;
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, device_t **device) {
  CHECK_INIT();
  if (index >= GPUS || !device) return INVALID_ARGUMENT;
  *device = &gpus[index];
  return SUCCESS;
}
static nvmlReturn_t copy_string(const char *s, char *out, unsigned int len) {
  if (!out) return INVALID_ARGUMENT;
  if (strlen(s) + 1 > len) return INSUFFICIENT_SIZE;
  strcpy(out, s);
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetName(device_t *d, char *name, unsigned int len) {
  CHECK_INIT(); CHECK_DEVICE(d);
  return copy_string(d->name, name, len);
}
nvmlReturn_t nvmlDeviceGetUUID(device_t *d, char *uuid, unsigned int len) {
  CHECK_INIT(); CHECK_DEVICE(d);
  return copy_string(d->uuid, uuid, len);
}
nvmlReturn_t nvmlDeviceGetMemoryInfo(device_t *d, mem_t *m) {
  CHECK_INIT(); CHECK_DEVICE(d);
  if (!m) return INVALID_ARGUMENT;
  unsigned long long used = 0;
  for (unsigned int i = 0; i < d->process_count; i++) used += d->processes[i].usedGpuMemory;
  m->total = d->memory_mb << 20;
  m->used = used;
  m->free = m->total - used;
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetMigMode(device_t *d, unsigned int *current, unsigned int *pending) {
  CHECK_INIT(); CHECK_DEVICE(d);
  if (d->is_mig || d->mig_mode < 0) return NOT_SUPPORTED;
  *current = (unsigned int) d->mig_mode;
  *pending = (unsigned int) d->mig_mode;
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(device_t *d, unsigned int *count) {
  CHECK_INIT(); CHECK_DEVICE(d);
  if (d->is_mig || d->mig_mode < 0) return NOT_SUPPORTED;
  *count = MAX_MIG;
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(device_t *d, unsigned int index, device_t **out) {
  CHECK_INIT();
  if (!valid_gpu(d) || !out) return INVALID_ARGUMENT;
  int g = (int) (d - gpus);
  if (d->mig_mode != 1) return NOT_SUPPORTED;
  if (index >= MAX_MIG) return INVALID_ARGUMENT;
  if (g == 1 && index == 4) return INVALID_ARGUMENT; /* drivers answer both codes for holes */
  if (!migs[g][index].name) return NOT_FOUND;
  *out = &migs[g][index];
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetGpuInstanceId(device_t *d, unsigned int *id) {
  CHECK_INIT(); CHECK_DEVICE(d);
  if (!d->is_mig) return NOT_SUPPORTED;
  *id = d->gi_id;
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetComputeInstanceId(device_t *d, unsigned int *id) {
  CHECK_INIT(); CHECK_DEVICE(d);
  if (!d->is_mig) return NOT_SUPPORTED;
  *id = d->ci_id;
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetAttributes_v2(device_t *d, attrs_t *a) {
  CHECK_INIT(); CHECK_DEVICE(d);
  if (!a) return INVALID_ARGUMENT;
  unsigned int slices = d->is_mig ? d->slices : 7;
  a->multiprocessorCount = d->is_mig ? 14 * slices : 108;
  a->sharedCopyEngineCount = slices;
  a->sharedDecoderCount = slices / 2;
  a->sharedEncoderCount = 0;
  a->sharedJpegCount = slices == 7 ? 1 : 0;
  a->sharedOfaCount = slices == 7 ? 1 : 0;
  a->gpuInstanceSliceCount = slices;
  a->computeInstanceSliceCount = slices;
  a->memorySizeMB = d->memory_mb;
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(device_t *d, unsigned int *count, proc_t *infos) {
  CHECK_INIT(); CHECK_DEVICE(d);
  if (!count) return INVALID_ARGUMENT;
  unsigned int n = d->process_count;
  if (*count < n) { *count = n; return INSUFFICIENT_SIZE; }
  *count = n;
  for (unsigned int i = 0; i < n; i++) infos[i] = d->processes[i];
  return SUCCESS;
}

/* A100-40GB GPU-instance profiles by NVML profile index (NVML_GPU_INSTANCE_PROFILE_*). */
typedef struct { int index; unsigned int id, slices, instances, mem_slices; unsigned long long mb;
                 const char *name; } profile_row;
static const profile_row profiles[] = {
    {0, 19, 1, 7, 1, 4864, "MIG 1g.5gb"},   {1, 14, 2, 3, 2, 9856, "MIG 2g.10gb"},
    {2, 9, 3, 2, 4, 19968, "MIG 3g.20gb"},  {3, 5, 4, 1, 4, 19968, "MIG 4g.20gb"},
    {4, 0, 7, 1, 8, 40192, "MIG 7g.40gb"},  {7, 20, 1, 1, 1, 4864, "MIG 1g.5gb+me"},
    {9, 15, 1, 4, 2, 9856, "MIG 1g.10gb"},
};
#define PROFILES ((int) (sizeof profiles / sizeof profiles[0]))
static const profile_row *profile_by_index(unsigned int index) {
  for (int i = 0; i < PROFILES; i++) if (profiles[i].index == (int) index) return &profiles[i];
  return 0;
}
static const profile_row *profile_by_id(unsigned int id) {
  for (int i = 0; i < PROFILES; i++) if (profiles[i].id == id) return &profiles[i];
  return 0;
}
static nvmlReturn_t mig_gpu(device_t *d) {
  if (!valid_gpu(d)) return INVALID_ARGUMENT;
  if (d->mig_mode < 0) return NOT_SUPPORTED;
  return SUCCESS;
}
#define PROFILE_INFO_V2_VERSION ((unsigned int) (sizeof(gi_profile_v2_t) | (2u << 24)))
static int v2_disabled = 0;
/* For tests: answer the versioned call as a driver that predates it would. */
void fakeNvmlDisableV2(int disabled) { v2_disabled = disabled; }

nvmlReturn_t nvmlDeviceGetGpuInstanceProfileInfoV(device_t *d, unsigned int index, gi_profile_v2_t *info) {
  CHECK_INIT();
  if (v2_disabled) return ARGUMENT_VERSION_MISMATCH;
  nvmlReturn_t r = mig_gpu(d);
  if (r != SUCCESS) return r;
  if (!info) return INVALID_ARGUMENT;
  if (info->version != PROFILE_INFO_V2_VERSION) return ARGUMENT_VERSION_MISMATCH;
  if (index >= 0x11) return INVALID_ARGUMENT;
  const profile_row *p = profile_by_index(index);
  if (!p) return NOT_SUPPORTED;
  info->id = p->id;
  info->isP2pSupported = 0;
  info->sliceCount = p->slices;
  info->instanceCount = p->instances;
  info->multiprocessorCount = 14 * p->slices;
  info->copyEngineCount = p->slices;
  info->decoderCount = p->slices / 2;
  info->encoderCount = 0;
  info->jpegCount = p->index == 7 || p->index == 4 ? 1 : 0;
  info->ofaCount = info->jpegCount;
  info->memorySizeMB = p->mb;
  snprintf(info->name, sizeof info->name, "%s", p->name);
  return SUCCESS;
}
nvmlReturn_t nvmlDeviceGetGpuInstanceProfileInfo(device_t *d, unsigned int index, gi_profile_v1_t *info) {
  CHECK_INIT();
  nvmlReturn_t r = mig_gpu(d);
  if (r != SUCCESS) return r;
  if (index >= 0x11) return INVALID_ARGUMENT;
  const profile_row *p = profile_by_index(index);
  if (!p) return NOT_SUPPORTED;
  memset(info, 0, sizeof *info);
  info->id = p->id;
  info->sliceCount = p->slices;
  info->instanceCount = p->instances;
  info->memorySizeMB = p->mb;
  return SUCCESS;
}
static unsigned int starts(const profile_row *p, placement_t *out) {
  unsigned int n = 0;
  if (p->mem_slices == 8) { if (out) out[0] = (placement_t){0, 8}; return 1; }
  unsigned int step = p->mem_slices;
  unsigned int last = p->slices == 4 ? 0 : 8 - step;
  if (p->mem_slices == 1) last = 6;
  if (p->slices == 2) last = 4;
  for (unsigned int s = 0; s <= last; s += step) {
    if (out) out[n] = (placement_t){s, p->mem_slices};
    n++;
  }
  return n;
}
nvmlReturn_t nvmlDeviceGetGpuInstancePossiblePlacements_v2(device_t *d, unsigned int profileId,
                                                           placement_t *placements, unsigned int *count) {
  CHECK_INIT();
  nvmlReturn_t r = mig_gpu(d);
  if (r != SUCCESS) return r;
  if (!count) return INVALID_ARGUMENT;
  const profile_row *p = profile_by_id(profileId);
  if (!p) return INVALID_ARGUMENT;
  unsigned int n = starts(p, 0);
  if (!placements) { *count = n; return SUCCESS; }
  if (*count < n) { *count = n; return INSUFFICIENT_SIZE; }
  *count = starts(p, placements);
  return SUCCESS;
}

/* Management: GPU-instance handles are small records; compute instances likewise. */
typedef struct { int gpu; unsigned int mask; unsigned int id; int live; } gi_t;
typedef struct { gi_t *gi; unsigned int id; int live; } ci_t;
static gi_t gis[8];
static ci_t cis[8];
nvmlReturn_t nvmlDeviceCreateGpuInstanceWithPlacement(device_t *d, unsigned int profileId,
                                                      const placement_t *placement, gi_t **out) {
  CHECK_INIT();
  nvmlReturn_t r = mig_gpu(d);
  if (r != SUCCESS) return r;
  const profile_row *p = profile_by_id(profileId);
  if (!p || !placement || !out) return INVALID_ARGUMENT;
  if (placement->size != p->mem_slices || placement->start + placement->size > 8)
    return INVALID_ARGUMENT;
  int g = (int) (d - gpus);
  unsigned int mask = ((1u << placement->size) - 1) << placement->start;
  if (occupied[g] & mask) return INSUFFICIENT_RESOURCES;
  for (int i = 0; i < 8; i++)
    if (!gis[i].live) {
      occupied[g] |= mask;
      gis[i] = (gi_t){g, mask, 20 + i, 1};
      *out = &gis[i];
      return SUCCESS;
    }
  return INSUFFICIENT_RESOURCES;
}
nvmlReturn_t nvmlGpuInstanceCreateComputeInstance(gi_t *gi, unsigned int profileId, ci_t **out) {
  CHECK_INIT();
  if (!gi || !gi->live || !out || profileId > 7) return INVALID_ARGUMENT;
  for (int i = 0; i < 8; i++)
    if (!cis[i].live) { cis[i] = (ci_t){gi, 0, 1}; *out = &cis[i]; return SUCCESS; }
  return INSUFFICIENT_RESOURCES;
}
nvmlReturn_t nvmlComputeInstanceDestroy(ci_t *ci) {
  CHECK_INIT();
  if (!ci || !ci->live) return INVALID_ARGUMENT;
  ci->live = 0;
  return SUCCESS;
}
nvmlReturn_t nvmlGpuInstanceDestroy(gi_t *gi) {
  CHECK_INIT();
  if (!gi || !gi->live) return INVALID_ARGUMENT;
  for (int i = 0; i < 8; i++) if (cis[i].live && cis[i].gi == gi) return 19; /* IN_USE */
  occupied[gi->gpu] &= ~gi->mask;
  gi->live = 0;
  return SUCCESS;
}
/* For tests: free GPU 1's 2g.10gb slots so that a management call has room. */
void fakeNvmlFreeSlots(int gpu, unsigned int mask) { occupied[gpu] &= ~mask; }
