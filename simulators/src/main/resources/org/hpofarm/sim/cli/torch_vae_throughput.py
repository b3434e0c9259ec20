#!/usr/bin/python3
"""The PyTorch anchor of `farm sim bench throughput`: training throughput of the conditional MLP VAE
that calo.vae trains (VaeThroughput.java), written directly in PyTorch on the CPU.

368 voxels, 20,480 random showers with one condition each, batch 128, Adam (lr 1e-3), latent 16;
encoder 369->256->128->32, decoder 17->128->256->368 with a sigmoid; loss: squared error plus the
Gaussian KL term. One warm-up epoch, then two timed epochs. Prints one JSON line.

Usage: torch_vae_throughput.py [THREADS] [--cpu-clock]
  --cpu-clock  time with the process CPU clock instead of the wall clock
Needs Debian's python3-torch.
"""
import json, sys, time
import torch
from torch import nn

VOXELS, LATENT, BATCH, SHOWERS = 368, 16, 128, 20480

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    clock = time.process_time if "--cpu-clock" in sys.argv else time.perf_counter
    torch.set_num_threads(int(args[0]) if args else 1)
    torch.manual_seed(0)
    showers = torch.rand(SHOWERS, VOXELS)
    conditions = torch.rand(SHOWERS, 1)
    encoder = nn.Sequential(nn.Linear(VOXELS + 1, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                            nn.Linear(128, 2 * LATENT))
    decoder = nn.Sequential(nn.Linear(LATENT + 1, 128), nn.ReLU(), nn.Linear(128, 256), nn.ReLU(),
                            nn.Linear(256, VOXELS), nn.Sigmoid())
    optimiser = torch.optim.Adam([*encoder.parameters(), *decoder.parameters()], lr=1e-3)

    def epoch():
        for start in range(0, SHOWERS, BATCH):
            x = showers[start:start + BATCH]
            c = conditions[start:start + BATCH]
            mean, log_var = encoder(torch.cat([x, c], 1)).chunk(2, dim=1)
            z = mean + torch.randn_like(mean) * torch.exp(0.5 * log_var)
            reconstructed = decoder(torch.cat([z, c], 1))
            kl = -0.5 * (1 + log_var - mean.pow(2) - log_var.exp()).sum(1).mean()
            loss = (reconstructed - x).pow(2).sum(1).mean() + kl
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()

    epoch()
    t0 = clock()
    epoch()
    epoch()
    seconds = clock() - t0
    print(json.dumps({"impl": "pytorch-" + torch.__version__, "threads": torch.get_num_threads(),
                      "showers_per_s": round(2 * SHOWERS / seconds)}), flush=True)

main()
