#!/usr/bin/python3
"""Optuna ask+tell pairs per second on SQLite storage (the backend of Hopaas-style services), one
client, 8 float parameters; random and tpe samplers. Prints one JSON line per sampler."""
import json, statistics, sys, tempfile, time
import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
trials = int(sys.argv[1]) if len(sys.argv) > 1 else 300
for name in sys.argv[2:] or ["random", "tpe"]:
    d = tempfile.mkdtemp()
    sampler = optuna.samplers.TPESampler(seed=0) if name == "tpe" else optuna.samplers.RandomSampler(seed=0)
    study = optuna.create_study(storage=f"sqlite:///{d}/o.db", sampler=sampler)
    lat = []
    start = time.perf_counter()
    for _ in range(trials):
        t0 = time.perf_counter()
        trial = study.ask()
        x = [trial.suggest_float(f"x{i}", 0, 1) for i in range(8)]
        study.tell(trial, sum((v - 0.3) ** 2 for v in x))
        lat.append((time.perf_counter() - t0) * 1000)
    wall = time.perf_counter() - start
    w = sorted(lat[-100:])
    print(json.dumps({"bench": "http", "system": "optuna-" + optuna.__version__ + "-sqlite", "sampler": name,
                      "clients": 1, "pairs": trials, "pairs_per_s": trials / wall,
                      "pair_ms_p50": statistics.median(w), "pair_ms_p99": w[min(98, len(w) - 1)]}), flush=True)
