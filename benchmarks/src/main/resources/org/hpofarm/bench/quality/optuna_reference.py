#!/usr/bin/python3
"""Optuna 3.1 on the farm's eight test functions: the reference five (TestFunctions.java) and the
held-out three (HeldOutFunctions.java); the definitions must stay identical to those classes.

Prints one JSON line per (function, sampler): the median and quartiles over seeds of the regret
(best value minus the known minimum) after N trials, with --parallel Q trials kept in flight (tell
the oldest, ask a new one, as Q asynchronous workers would), and the mean time per trial.
Needs Debian's python3-optuna and python3-cmaes.
"""
import argparse, json, math, statistics, time
import optuna
optuna.logging.set_verbosity(optuna.logging.ERROR)

ST_PER_DIM = -39.16616570377141
LOG2 = math.log(2)
HARTMANN_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
              [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
HARTMANN_P = [[.1312, .1696, .5569, .0124, .8283, .5886], [.2329, .4135, .8307, .3736, .1004, .9991],
              [.2348, .1451, .3522, .2883, .3047, .6650], [.4047, .8828, .8732, .5743, .1091, .0381]]
HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
ACTIVATION_OFFSET = {"relu": 0.0, "tanh": 0.7, "gelu": 0.2, "elu": 1.3}

def vector(p, d):
    return [p[f"x{i}"] for i in range(d)]

def branin(p):
    x, y = p["x0"], p["x1"]
    u = y - 5.1 / (4 * math.pi * math.pi) * x * x + 5 / math.pi * x - 6
    return u * u + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x) + 10

def hartmann6(p):
    x = vector(p, 6)
    return -sum(alpha * math.exp(-sum(a * (xj - pj) ** 2 for a, xj, pj in zip(row, x, prow)))
                for alpha, row, prow in zip(HARTMANN_ALPHA, HARTMANN_A, HARTMANN_P))

def rosenbrock4(p):
    x = vector(p, 4)
    return sum(100 * (b - a * a) ** 2 + (1 - a) ** 2 for a, b in zip(x, x[1:]))

def ackley5(p):
    x = vector(p, 5)
    squares = sum(v * v for v in x) / 5
    cosines = sum(math.cos(2 * math.pi * v) for v in x) / 5
    return -20 * math.exp(-0.2 * math.sqrt(squares)) - math.exp(cosines) + 20 + math.e

def levy_mixed(p):
    x = [p["x0"], math.log10(p["lr"]) + 3.0, p["x2"], p["n"] / 4.0]
    w = [1 + (v - 1) / 4 for v in x]
    v = math.sin(math.pi * w[0]) ** 2
    v += sum((wi - 1) ** 2 * (1 + 10 * math.sin(math.pi * wi + 1) ** 2) for wi in w[:-1])
    v += (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)
    return v + ACTIVATION_OFFSET[p["act"]]

def styblinski_tang8(p):
    return 0.5 * sum(v ** 4 - 16 * v * v + 5 * v for v in (p[f"x{i}"] for i in range(8)))

def conditional_mlp(p):
    m = p["model"]
    if m == "mlp":
        lr = math.log10(p["lr"]) + 3.7
        layers = (p["layers"] - 6) / 3
        width = (math.log(p["width"]) / LOG2 - math.log(388) / LOG2) / 3
        return lr * lr / 4 + layers * layers + width * width
    if m == "cnn":
        lr = math.log10(p["lr"]) + 1.3
        return 0.3 + lr * lr / 4 + {3: 0.1, 5: 0.2, 7: 0.0}[p["kernel"]]
    depth = (p["depth"] - 23) / 10
    eta = p["eta"] - 0.83
    return 0.5 + depth * depth + eta * eta

def grid_mix(p):
    u = (p["batch"] - 432) / 160
    v = (math.log(p["width"]) / LOG2 - math.log(23) / LOG2) / 3
    w = (p["dropout"] - 0.45) / 0.2
    z = (math.log10(p["wd"]) + 5.3) / 2
    return u * u + v * v + u * v + w * w + z * z + {"sgd": 0.25, "adam": 0.1, "adamw": 0.4, "rmsprop": 0.0}[p["opt"]]

def floats(trial, d, low, high):
    return {f"x{i}": trial.suggest_float(f"x{i}", low, high) for i in range(d)}

def space(trial, name):
    if name == "branin":
        return {"x0": trial.suggest_float("x0", -5, 10), "x1": trial.suggest_float("x1", 0, 15)}
    if name == "hartmann6":
        return floats(trial, 6, 0, 1)
    if name == "rosenbrock4":
        return floats(trial, 4, -2, 2)
    if name == "ackley5":
        return floats(trial, 5, -32.768, 32.768)
    if name == "levy_mixed":
        return {"x0": trial.suggest_float("x0", -10, 10),
                "lr": trial.suggest_float("lr", 1e-5, 1e-1, log=True),
                "x2": trial.suggest_float("x2", -10, 10),
                "n": trial.suggest_int("n", -8, 12),
                "act": trial.suggest_categorical("act", list(ACTIVATION_OFFSET))}
    if name == "styblinski_tang8":
        return {f"x{i}": trial.suggest_float(f"x{i}", -5, 5) for i in range(8)}
    if name == "conditional_mlp":
        p = {"model": trial.suggest_categorical("model", ["mlp", "cnn", "tree"])}
        if p["model"] in ("mlp", "cnn"):
            p["lr"] = trial.suggest_float("lr", 1e-5, 1, log=True)
        if p["model"] == "mlp":
            p["layers"] = trial.suggest_int("layers", 1, 8)
            p["width"] = trial.suggest_int("width", 16, 1024, log=True)
        if p["model"] == "cnn":
            p["kernel"] = trial.suggest_categorical("kernel", [3, 5, 7])
        if p["model"] == "tree":
            p["depth"] = trial.suggest_int("depth", 2, 30)
            p["eta"] = trial.suggest_float("eta", 0, 1)
        return p
    if name == "grid_mix":
        return {"batch": trial.suggest_int("batch", 16, 512, step=16),
                "width": trial.suggest_int("width", 8, 2048, log=True),
                "dropout": trial.suggest_float("dropout", 0, 0.6, step=0.05),
                "wd": trial.suggest_float("wd", 1e-6, 1e-1, log=True),
                "opt": trial.suggest_categorical("opt", ["sgd", "adam", "adamw", "rmsprop"])}
    raise ValueError(name)

FUNCS = {"branin": branin, "hartmann6": hartmann6, "rosenbrock4": rosenbrock4, "ackley5": ackley5,
         "levy_mixed": levy_mixed, "styblinski_tang8": styblinski_tang8,
         "conditional_mlp": conditional_mlp, "grid_mix": grid_mix}
OPT = {"branin": 0.397887, "hartmann6": -3.32237, "rosenbrock4": 0.0, "ackley5": 0.0,
       "levy_mixed": 0.0, "styblinski_tang8": 8 * ST_PER_DIM, "conditional_mlp": 0.0, "grid_mix": 0.0}

def sampler(kind, seed):
    if kind == "tpe": return optuna.samplers.TPESampler(seed=seed)
    if kind == "tpe_cl": return optuna.samplers.TPESampler(seed=seed, constant_liar=True)
    if kind == "tpe_mv": return optuna.samplers.TPESampler(seed=seed, multivariate=True)
    if kind == "cmaes": return optuna.samplers.CmaEsSampler(seed=seed, warn_independent_sampling=False)
    if kind == "random": return optuna.samplers.RandomSampler(seed=seed)
    if kind == "qmc": return optuna.samplers.QMCSampler(seed=seed, warn_independent_sampling=False)
    raise ValueError(kind)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--funcs", default=",".join(FUNCS))
    ap.add_argument("--samplers", default="tpe,tpe_mv,cmaes,random")
    ap.add_argument("--parallel", type=int, default=1)
    a = ap.parse_args()
    for fn in a.funcs.split(","):
        for sk in a.samplers.split(","):
            bests, times = [], []
            for seed in range(a.seeds):
                st = optuna.create_study(sampler=sampler(sk, seed))
                t0 = time.perf_counter()
                pending = []
                for _ in range(a.trials):
                    tr = st.ask()
                    pending.append((tr, space(tr, fn)))
                    if len(pending) >= a.parallel:
                        t, p = pending.pop(0)
                        st.tell(t, FUNCS[fn](p))
                for t, p in pending:
                    st.tell(t, FUNCS[fn](p))
                times.append((time.perf_counter() - t0) / a.trials)
                bests.append(st.best_value - OPT[fn])
            q = statistics.quantiles(bests, n=4)
            print(json.dumps({"func": fn, "sampler": sk, "parallel": a.parallel, "trials": a.trials,
                              "seeds": a.seeds, "regret_median": statistics.median(bests),
                              "regret_q1": q[0], "regret_q3": q[2],
                              "ms_per_trial": 1000 * statistics.mean(times)}), flush=True)

main()
