#!/usr/bin/env python3
"""One parallel step of Krotov's dense associative memory in NumPy, the way a researcher writes it.

The S states that share a pattern set are stacked into an (S, N) matrix and the step is two float64 BLAS
matrix products:  b = sigma xi^T,  h = a(b) xi + sigma * sum_mu d(b)  (docs/physics.md section 1), with
a(b) = ((b+2)^n - (b-2)^n)/2 and d(b) = (2 b^n - (b+2)^n - (b-2)^n)/2. float64 is exact here because every
partial sum is an integer below 2^53 (checked below against a literal integer implementation).

Prints "N alpha trial-steps/s" lines (wall clock) and "# cpu N alpha trial-steps-per-cpu-second" lines.
Usage: numpy_step.py [--n 3] [--neurons 512,1024] [--alphas 0.1,0.2,0.4] [--S 10] [--seconds 5] [--warmup 2]
"""
import argparse
import os
import sys
import time

import numpy as np


def step(xi, sigma, n):
    """sigma(t+1) for the rows of sigma (S x N, entries +-1.0) given patterns xi (p x N, +-1.0)."""
    b = sigma @ xi.T                                    # (S, p) overlaps, exact integers
    up, down, mid = power(b + 2, n), power(b - 2, n), power(b, n)
    a = (up - down) / 2
    d = mid - (up + down) / 2
    h = a @ xi + sigma * d.sum(axis=1, keepdims=True)   # (S, N) fields
    return np.where(h > 0, 1.0, np.where(h < 0, -1.0, sigma))


def power(x, n):
    """x**n by repeated multiplication (several times faster than float ** for small integer n)."""
    out = x.copy()
    for _ in range(n - 1):
        out *= x
    return out


def literal_step(xi, sigma, n):
    """The rule exactly as written, in Python integers: h_i = sum_mu F(xi_i + c) - F(-xi_i + c), c the cavity overlap."""
    p, N = len(xi), len(sigma)
    out = []
    for i in range(N):
        h = 0
        for mu in range(p):
            c = sum(xi[mu][j] * sigma[j] for j in range(N) if j != i)
            h += (xi[mu][i] + c) ** n - (-xi[mu][i] + c) ** n
        out.append(sigma[i] if h == 0 else (1 if h > 0 else -1))
    return out


def check_exact():
    """The NumPy step equals the literal integer rule on small cases (ties included: even N)."""
    rng = np.random.default_rng(0)
    checked = 0
    for n, N, p in [(2, 10, 6), (3, 12, 20), (3, 17, 9), (4, 14, 30), (5, 11, 40)]:
        xi = rng.choice([-1, 1], size=(p, N))
        sigma = rng.choice([-1, 1], size=(6, N))
        got = step(xi.astype(np.float64), sigma.astype(np.float64), n)
        for s in range(len(sigma)):
            want = literal_step(xi.tolist(), sigma[s].tolist(), n)
            if got[s].astype(int).tolist() != want:
                sys.exit(f"numpy_step: mismatch with the literal rule at n={n} N={N} p={p} state {s}")
            checked += 1
    print(f"# numpy step equals the literal integer rule on {checked} small states", file=sys.stderr)


def throughput(n, N, alpha, S, seconds, warmup, seed=1):
    """Trial-steps per second (wall, and per CPU-second) of the batched step; every step is computed."""
    p = int(round(alpha * N ** (n - 1)))
    rng = np.random.default_rng(seed)
    xi = rng.choice([-1.0, 1.0], size=(p, N))
    sigma = np.tile(xi[0], (S, 1))
    flip = rng.random((S, N)) < 0.25                   # m0 = 0.5 on average
    sigma[flip] *= -1
    for t_end in (time.perf_counter() + warmup,):
        while time.perf_counter() < t_end:
            sigma = step(xi, sigma, n)
    steps = 0
    w0, c0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - w0 < seconds:
        sigma = step(xi, sigma, n)
        steps += 1
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    return p, steps * S / wall, steps * S / cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3)
    ap.add_argument("--neurons", dest="N", default="512,1024")
    ap.add_argument("--alphas", default="0.1,0.2,0.4")
    ap.add_argument("--S", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--warmup", type=float, default=2)
    args = ap.parse_args()
    check_exact()
    for N in [int(x) for x in args.N.split(",")]:
        for alpha in [float(x) for x in args.alphas.split(",")]:
            p, wall, cpu = throughput(args.n, N, alpha, args.S, args.seconds, args.warmup)
            load = os.getloadavg()[0]
            print(f"# N={N} alpha={alpha} p={p} numpy {wall:.1f} trial-steps/s wall, {cpu:.1f} per cpu-second"
                  f" (load {load:.2f})", file=sys.stderr)
            print(f"{N} {alpha} {wall:.3f}")
            print(f"# cpu {N} {alpha} {cpu:.3f}")


if __name__ == "__main__":
    main()
