"""A worker-group trial in torch.distributed, as HPO Farm starts it: one process per slice, with
MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK set as PyTorch's own launcher sets them.

Each rank holds the tensor [x * (rank + 1)] (x from the trial's params); an all-reduce over gloo
(NCCL does not run across MIG instances) sums them, and rank 0 reports the sum as the trial's value:
x * (1 + 2 + ... + WORLD_SIZE).
"""
import json
import os

import torch
import torch.distributed as dist

dist.init_process_group("gloo")  # reads MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK
rank = dist.get_rank()
x = json.loads(os.environ["FARM_PARAMS"])["x"]
t = torch.tensor([x * (rank + 1)], dtype=torch.float64)
dist.all_reduce(t, op=dist.ReduceOp.SUM)
if rank == 0:
    print(json.dumps({"value": t.item()}), flush=True)
dist.destroy_process_group()
