package dam.core.theory;

import dam.core.Require;
import dam.core.model.MemoryModel;
import dam.core.rng.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Solves the GFA effective single-neuron process (docs/physics.md sections 4, 5, 5a and 5b; the numerical method is
 * section 7) forward in time, by sampling M paths, reproducibly from a seed: for either memory model (the closure
 * differs only in the kernel P for n &gt;= 3; n = 2 is the Hopfield closure for both) and at any temperature (parallel
 * Glauber dynamics; temperature 0 is sign dynamics).
 *
 * <p>The equations are causal, so one pass suffices. At step t, from the order parameters on times
 * &lt;= t: the noise covariance gains a row and so does its Cholesky factor L (phi = L eps with
 * standard normals eps); each path's field h(t) gives sigma(t+1) = sgn h(t) (temperature 0) or +1 with
 * probability (1 + tanh(beta h(t))) / 2; then m(t+1) and
 * C(t+1, s) are path averages, and the response row G(t+1, .) follows from Gaussian integration by
 * parts: {@code <sigma(t+1) eps(u)> = sqrt(alpha) sum_s G(t+1, s) L(s, u)}, a triangular solve.
 *
 * <p>Why that holds: sigma(t+1) is a function of the eps, and eps(u) enters h(s) (s &gt;= u) as
 * sqrt(alpha) L(s, u) eps(u), exactly as an external field theta(s) enters h(s), so
 * {@code <sigma(t+1) eps(u)> = <d sigma(t+1) / d eps(u)> = sqrt(alpha) sum_s L(s, u) d<sigma(t+1)>/d theta(s)}
 * (the order parameters inside h held fixed; a test checks it against a finite difference in theta).
 *
 * <p>Long horizons. Near retrieval almost every path settles into a fixed point or a 2-cycle, the
 * true C becomes nearly singular and the innovations of phi become small. Three choices keep the
 * sampled process a faithful, M-convergent image of the theory there (docs/notes/theory-long-horizon.md
 * has the measurements; at n = 3, alpha = 0.1 an earlier version collapsed to m = 0 or froze at a
 * random value after t ~ 150 at M &lt;= 5e4):
 * <ul>
 *   <li>C(t+1, s) is the exact Gram matrix of the sampled spins, (1/M) sum_i sigma_i(t+1) sigma_i(s).
 *       The noise covariance built from it is then positive semi-definite by construction: P has
 *       non-negative coefficients, so P(C) is by the Schur product theorem, and (1 - G)^-1 C (1 - G^T)^-1
 *       (n = 2) is a congruence of C. Estimating C(t+1, s) with the conditional mean of sigma(t+1) in
 *       place of the sampled spin (lower variance entry by entry) is not a Gram matrix; near
 *       singularity its P(C) had negative Cholesky residuals (at M = 25000 from t = 131), and the
 *       response solved through such a pivot exploded (|G| ~ 100) and destroyed the retrieval state.</li>
 *   <li>A pivot is zero only when the new row is a linear combination of the earlier ones up to
 *       round-off ({@link #PIVOT_TOLERANCE}): with a Gram C that happens exactly when every sampled
 *       path repeats an earlier joint state, and then no sampled path can respond to a field at that
 *       time either. Every resolvable innovation is kept, however small: zeroing pivots below a
 *       sampling-noise threshold removed fresh noise and memory and froze the process artificially.</li>
 *   <li>{@code <sigma(t+1) eps(u)>} (u &lt; t) is estimated as {@code <(sigma(t+1) - sigma(r)) eps(u)>}
 *       with r = u for an even lag t+1-u and r = u-1 for an odd one: sigma(r) is fixed before eps(u)
 *       is drawn, so the subtracted mean is zero, and a path that sits at a fixed point or in a
 *       2-cycle since before u contributes exactly nothing. The estimate's noise then comes only from
 *       the paths still moving, the same paths that make the innovation: dividing by a small pivot in
 *       the triangular solve no longer amplifies the noise of the frozen majority (with the plain
 *       covariance estimate, |G| reached 40 at t = 200 at M = 25000).</li>
 * </ul>
 *
 * <p>Variance reduction that changes nothing in expectation: write h(t) = a + b eps(t) with
 * b = sqrt(alpha) L(t, t). m(t+1) and the Novikov sums use the conditional mean
 * {@code <sigma(t+1) | a> = erf(a / (sqrt(2) b))} in place of the sampled spin (which still drives the
 * path and enters C), and the newest column uses {@code <sgn(a + b eps) eps | a> = 2 phi(a / b)}, a
 * smooth density estimate of G(t+1, t). Where b = 0 the spin is deterministic. sigma(0) = +1 on exactly
 * floor(M (1 + m0) / 2) paths, spread evenly over the path index (paths are exchangeable).
 *
 * <p>Temperature &gt; 0 (docs/physics.md section 5b). Only the update changes. The sampled spin drives the path and
 * enters C as before (C stays a Gram matrix); m(t+1) and the Novikov sums use its conditional mean tanh(beta h)
 * given the path (the thermal draw averaged out), and the newest response is Stein's form of its Novikov sum,
 * {@code <tanh(beta (a + b eps)) eps> = b beta <1 - tanh^2>}, i.e. G(t+1, t) = beta &lt;1 - tanh^2(beta h)&gt;, set
 * directly (it holds also where the newest pivot is zero). No path sits in a fixed point any more, and the sampled
 * reference spin sigma(r) carries its own thermal noise into every Novikov sum; the reference is therefore
 * c sigma(r) + (1 - c) m(t) with c the regression coefficient of sigma(t+1) on sigma(r) (estimated from the previous
 * step's conditional means; see {@code referenceWeight}). It is still fixed before eps(u) is drawn up to the
 * dependence of the global averages c and m(t) on any one path, an O(1/M) bias like the others of a finite sample.
 * At n = 2, alpha = 1e-3, temperature 0.8 (M = 5000) the plain spin reference gave |G| ~ 30 at lags &gt;= 2 and
 * m(100) = -0.19; the regression reference gives 0.707 (0.703 at M = 8e4). The thermal uniforms come from their own
 * sub-stream per chunk, derived from the seed, so the normals are the same at every temperature (common random
 * numbers across the temperature axis), and temperature 0 draws none: it is the sign-dynamics code path, bit for bit.
 *
 * <p>Arithmetic: each path's eps history is stored in single precision, its spins as bits, and its
 * field is summed in single precision; every sum over paths is accumulated exactly (spin products are
 * integers) or in double. eps is rounded to float when it is drawn and that rounded value is used
 * everywhere, so the process is exactly a Gaussian process with float-rounded normals; the field's
 * rounding error, about 1e-7 of the sum of its t terms' sizes, moves a spin only when |h| is below
 * that, which changes path averages by far less than their sampling error 1/sqrt(M). Every step reads
 * every path's whole history, and that memory traffic is what limits a step: single precision and
 * spin bits cut it from 9 to about 4.1 bytes per path and step (measured 25 to 30% faster than float
 * spins, with bit-identical results).
 *
 * <p>Memory is O(M T) (about 4.4 bytes per path and step), time O(M T^2). Paths are stored in tiles
 * of {@value #TILE_PATHS} whose whole history stays in the core's cache between the pass that forms
 * the fields and the pass that adds the path sums. Directions with a zero pivot and no memory
 * coefficient are skipped (a frozen process costs little). Every {@value #STREAM_PATHS} consecutive
 * paths form a chunk with its own random stream and its own partial sums; chunks are spread over the
 * threads and their partial sums added in chunk order, so the result depends on the seed only, bit
 * for bit, not on the thread count; and a shorter horizon gives a prefix of a longer one.
 */
public final class EffectiveProcessSolver {

    /** Consecutive paths that share one random stream and one set of partial sums (a chunk). */
    static final int STREAM_PATHS = 1024;
    /** Paths per tile: a tile's whole history (8 bytes per step and path) stays in a core's L2 cache. */
    static final int TILE_PATHS = 64;
    /**
     * A Cholesky pivot squared at or below this fraction of its variance is zero: the new row is a
     * combination of earlier ones up to round-off (about 1e-16 times t). A single path of M that leaves
     * the states it has already visited makes an innovation of order 1/M, far above this for any M
     * that fits in memory.
     */
    static final double PIVOT_TOLERANCE = 1e-10;
    /** A spin whose variance 1 - m^2 is at most this is a constant (every path alike, as sigma(0) at m0 = +-1). */
    private static final double NO_VARIANCE = 1e-12;

    /** Mixed into the solve's seed for the seeds of the thermal sub-streams, one per chunk ("THERMAL"). */
    private static final long THERMAL_STREAMS = 0x5448455248414C00L;

    private final MemoryModel model;
    private final int n;
    private final double alpha;
    private final double temperature;
    /** 1 / temperature, or 0 at temperature 0 (sign dynamics: no thermal draw). */
    private final double beta;
    private final int paths;
    private final int threads;
    private final boolean retarded;

    /** A single-threaded solver of the dense model at temperature 0, order n &gt;= 2, load alpha &gt; 0, M = paths paths. */
    public EffectiveProcessSolver(int n, double alpha, int paths) {
        this(n, alpha, paths, 1);
    }

    /** As {@link #EffectiveProcessSolver(int, double, int)}, on threads &gt;= 1 threads; the result does not depend on them. */
    public EffectiveProcessSolver(int n, double alpha, int paths, int threads) {
        this(MemoryModel.DENSE, n, alpha, 0, paths, threads);
    }

    /**
     * A solver of the model's effective process at order n &gt;= 2, load alpha &gt; 0 and temperature &gt;= 0 (parallel
     * Glauber dynamics; 0 is sign dynamics, bit for bit the dense model's solver of before), with M = paths sampled
     * paths on threads &gt;= 1 threads; the result does not depend on the thread count.
     */
    public EffectiveProcessSolver(MemoryModel model, int n, double alpha, double temperature, int paths, int threads) {
        this(model, n, alpha, temperature, paths, threads, true);
    }

    /** As the public constructors, with whether the retarded self-interaction is kept. */
    EffectiveProcessSolver(MemoryModel model, int n, double alpha, double temperature, int paths, int threads,
                           boolean retarded) {
        Objects.requireNonNull(model, "model");
        Require.atLeast("n", n, 2);
        Require.positiveFinite("alpha", alpha);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be >= 0 and finite, got " + temperature);
        }
        Require.atLeast("paths", paths, 1);
        Require.atLeast("threads", threads, 1);
        this.model = model;
        this.n = n;
        this.alpha = alpha;
        this.temperature = temperature;
        this.beta = temperature == 0 ? 0 : 1 / temperature;
        if (Double.isInfinite(beta)) {
            throw new IllegalArgumentException("temperature: 1/temperature must be finite, got " + temperature);
        }
        this.paths = paths;
        this.threads = threads;
        this.retarded = retarded;
    }

    /**
     * Bytes of path history that a solve over T = steps steps holds: per tile of {@value #TILE_PATHS}
     * paths, a float row of eps (with its array header) and a 64-bit spin word per step, about 4.4 bytes
     * per path and step.
     */
    public static long historyBytes(int paths, int steps) {
        long tiles = (paths + TILE_PATHS - 1) / TILE_PATHS;
        return tiles * (steps * (16L + 4L * TILE_PATHS) + 16L + 8L * (steps + 1));
    }

    /** Solves the process from initial overlap m0 over T = steps steps with paths drawn from seed; m(0) = m0. */
    public TheoryResult solve(double m0, int steps, long seed) {
        return run(m0, steps, seed, null, null, null).result();
    }

    /**
     * Solves with an external field theta(t) (t &lt; steps) added to h(t); if {@code frozen} is given,
     * the fields are built from its order parameters m, C, G instead of the ones being estimated, so
     * that the returned m is the effective process's response to theta at fixed order parameters.
     */
    TheoryResult solve(double m0, int steps, long seed, double[] theta, TheoryResult frozen) {
        return run(m0, steps, seed, theta, frozen, null).result();
    }

    /** Solves as {@link #solve(double, int, long)} and also returns the noise covariance's innovations. */
    Trace trace(double m0, int steps, long seed) {
        return run(m0, steps, seed, null, null, null);
    }

    /** Solves as {@link #solve(double, int, long)}, showing the observer every step and tile on the way. */
    TheoryResult solve(double m0, int steps, long seed, Observer observer) {
        return run(m0, steps, seed, null, null, Objects.requireNonNull(observer, "observer")).result();
    }

    /**
     * Sees a solve from inside, for tests that split the field into its parts (the solve is the same bits with or
     * without one). Its methods are called on the solver's threads, tile calls of one step concurrently for
     * different tiles, each step's calls before the next step's.
     */
    interface Observer {
        /** Step t begins; memory(s) = alpha P'(C(t, s)) G(t, s), s &lt; t, the retarded coefficients (not to modify). */
        void step(int t, double[] memory);

        /**
         * The tile of paths first..first+size-1 at step t once sigma(t+1) is set, lane i = path first+i: field(i) =
         * h(t) - b eps(t), eps(i) = eps(t), bit i of spins = sigma(t+1) (set for +1), sigma[s](i) = sigma(s) as +-1
         * (s &lt; t), memory(s) the retarded coefficients as the field used them (float); none of them to modify.
         */
        void tile(int t, long first, int size, float[] field, double b, float[] eps, long spins, float[][] sigma,
                  float[] memory);
    }

    /**
     * A solution with, for t = 0..T-1, the innovation variance of phi(t) given phi(0..t-1) relative to
     * its variance, as the Cholesky factorisation found it before any pivot was zeroed (negative only
     * if the covariance the solver factors is not positive semi-definite).
     */
    record Trace(TheoryResult result, double[] innovation) {
    }

    private Trace run(double m0, int steps, long seed, double[] theta, TheoryResult frozen, Observer observer) {
        Require.within("m0", m0, -1, 1);
        Require.atLeast("steps", steps, 1);
        if (theta != null && theta.length < steps) {
            throw new IllegalArgumentException("theta: needs " + steps + " entries, got " + theta.length);
        }
        if (frozen != null && (frozen.steps() < steps || frozen.model() != model || frozen.n() != n
                || frozen.alpha() != alpha || frozen.temperature() != temperature)) {
            throw new IllegalArgumentException(
                    "frozen: must be a solution of the same model, n, alpha and temperature over >= steps steps");
        }
        long need = historyBytes(paths, steps);
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap * 0.9) {
            throw new IllegalArgumentException(String.format(
                    "paths: M = %d over T = %d steps needs %.1f GiB of path history (4.4 bytes per path and step), "
                            + "the JVM heap allows %.1f GiB: lower M or T, or raise the heap (-Xmx, DAM_JAVA_OPTS)",
                    paths, steps, need / 1073741824.0, heap / 1073741824.0));
        }
        double sqrtAlpha = Math.sqrt(alpha);
        double[] m = new double[steps + 1];
        double[][] c = new double[steps + 1][steps + 1];
        double[][] g = new double[steps + 1][steps + 1];
        m[0] = m0;
        c[0][0] = 1;
        double[] mUsed = frozen == null ? m : frozen.overlap();
        double[][] cUsed = frozen == null ? c : frozen.correlation();
        double[][] gUsed = frozen == null ? g : frozen.response();

        Chunk[] chunks = new Chunk[(paths + STREAM_PATHS - 1) / STREAM_PATHS];
        for (int j = 0; j < chunks.length; j++) {
            int first = j * STREAM_PATHS;
            // thermal draws from their own sub-streams: the normals are the same at every temperature
            UniformRandomProvider thermal = beta > 0 ? Rng.create(Rng.substream(Rng.mix(seed, THERMAL_STREAMS), j)) : null;
            chunks[j] = new Chunk(first, Math.min(STREAM_PATHS, paths - first), steps, m0, Rng.substream(seed, j), thermal);
        }
        int workers = Math.min(threads, chunks.length);
        Scratch[] scratch = new Scratch[workers];
        for (int w = 0; w < workers; w++) {
            scratch[w] = new Scratch(steps, beta > 0);
        }
        Closure closure = Closure.of(model, n, alpha);
        IncrementalCholesky cholesky = new IncrementalCholesky(PIVOT_TOLERANCE);
        double[] innovation = new double[steps];
        // (1/M) sum_i tanh(beta h_i(t-1)) sigma_i(s), s < t, of the last step (temperature > 0): the reference weights
        double[] smooth = new double[0];
        ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, daemonThreads()) : null;
        try {
            for (int t = 0; t < steps; t++) {
                double[] factor = cholesky.addRow(closure.covarianceRow(t, cUsed, gUsed));
                innovation[t] = cholesky.innovation(t);
                double[] memory = retarded ? closure.retardedRow(t, cUsed, gUsed) : new double[t];
                if (observer != null) {
                    observer.step(t, memory);
                }
                float[] memoryF = new float[t];
                float[] noiseF = new float[t];
                for (int u = 0; u < t; u++) {
                    memoryF[u] = (float) memory[u];
                    noiseF[u] = (float) (sqrtAlpha * factor[u]);
                }
                double drive = Math.pow(mUsed[t], n - 1) + (theta == null ? 0 : theta[t]);
                boolean[] resolved = new boolean[t];
                for (int u = 0; u < t; u++) {
                    resolved[u] = !cholesky.degenerate(u);
                }
                float[] weight = null;
                float[] offset = null;
                if (beta > 0) {
                    weight = new float[t];
                    offset = new float[t];
                    for (int u = 0; u < t; u++) {
                        double w = referenceWeight(t, reference(t, u), mUsed, smooth);
                        weight[u] = (float) w;
                        offset[u] = (float) ((1 - w) * mUsed[t]);
                    }
                }
                Step step = new Step(t, (float) drive, memoryF, noiseF, sqrtAlpha * factor[t], beta, resolved, weight,
                        offset, observer);
                advance(chunks, step, scratch, pool);

                // chunk partial sums added in chunk order: the same bits whichever thread did which chunk
                double up = 0;
                double newest = 0;
                double[] correlation = new double[t + 1];
                double[] novikov = new double[t];
                double[] smoothSum = new double[beta > 0 ? t + 1 : 0];
                for (Chunk chunk : chunks) {
                    for (int s = 0; s < smoothSum.length; s++) {
                        smoothSum[s] += chunk.smooth[s];
                    }
                    up += chunk.sigma;
                    newest += chunk.newest;
                    for (int s = 0; s <= t; s++) {
                        correlation[s] += chunk.correlation[s];
                    }
                    for (int u = 0; u < t; u++) {
                        novikov[u] += chunk.novikov[u];
                    }
                }
                m[t + 1] = up / paths;
                for (int s = 0; s < smoothSum.length; s++) {
                    smoothSum[s] /= paths;
                }
                smooth = smoothSum;
                for (int s = 0; s <= t; s++) {
                    c[t + 1][s] = correlation[s] / paths;
                    c[s][t + 1] = c[t + 1][s];
                }
                c[t + 1][t + 1] = 1;
                double[] y = new double[t + 1];
                for (int u = 0; u < t; u++) {
                    y[u] = novikov[u] / paths / sqrtAlpha;
                }
                double[] response;
                if (beta > 0) {
                    // Stein: <tanh(beta (a + b eps)) eps> = b beta <1 - tanh^2>, i.e. G(t+1, t) = beta <1 - tanh^2>,
                    // known directly, also where the newest pivot b is zero
                    response = cholesky.solveLeft(y, beta * newest / paths);
                } else {
                    y[t] = newest / paths / sqrtAlpha;
                    response = cholesky.solveLeft(y);
                }
                System.arraycopy(response, 0, g[t + 1], 0, t + 1);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return new Trace(new TheoryResult(model, n, alpha, temperature, m0, m, c, g, paths, seed), innovation);
    }

    /**
     * The time r of the reference spin of column u at step t: u for an even lag t+1-u, u-1 for an odd one (a path
     * in a fixed point or a 2-cycle since before u has sigma(t+1) = sigma(r)).
     */
    private static int reference(int t, int u) {
        return Math.max(0, u - ((t + 1 - u) & 1));
    }

    /**
     * The weight c of the reference spin sigma(r) at temperature &gt; 0, where the reference is
     * c sigma(r) + (1 - c) m(t): the regression coefficient of sigma(t+1) on sigma(r),
     * Cov(sigma(t+1), sigma(r)) / Var(sigma(r)), estimated one step earlier at the same lag, from
     * smooth(e) = (1/M) sum_i tanh(beta h_i(t-1)) sigma_i(e), m(t) and m(e) with e = r - 1 (e = r where sigma(r-1) has
     * no variance), clipped to [0, 1]; 0 where sigma(r) has no variance (it is then the constant m(r), and the
     * constant m(t) is the better reference). The conditional means, not the sampled spins, estimate the covariance:
     * where the true coefficient is small (alpha -&gt; 0) a covariance of sampled spins would be pure thermal noise of
     * order 1/sqrt(M), and a weight of that size feeds the reference spin's thermal noise into every Novikov sum.
     */
    private static double referenceWeight(int t, int r, double[] m, double[] smooth) {
        if (!(1 - m[r] * m[r] > NO_VARIANCE)) {
            return 0;
        }
        int earlier = r > 0 && 1 - m[r - 1] * m[r - 1] > NO_VARIANCE ? r - 1 : r;
        double weight = (smooth[earlier] - m[t] * m[earlier]) / (1 - m[earlier] * m[earlier]);
        return Math.max(0, Math.min(1, weight));
    }

    /** Advances every chunk by one step, on the pool's threads (or this one), each chunk whole on one thread. */
    private static void advance(Chunk[] chunks, Step step, Scratch[] scratch, ExecutorService pool) {
        if (pool == null) {
            for (Chunk chunk : chunks) {
                chunk.step(step, scratch[0]);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (Scratch own : scratch) {
            running.add(pool.submit(() -> {
                for (int j = next.getAndIncrement(); j < chunks.length; j = next.getAndIncrement()) {
                    chunks[j].step(step, own);
                }
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while solving the effective process", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, "theory-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The coefficients of step t, the same for every path: h(t) = drive + sum_{s&lt;t} memory(s) sigma(s)
     * + sum_{u&lt;t} noise(u) eps(u) + b eps(t); beta = 1/temperature (0: sign dynamics); resolved(u) is false
     * where column u of L has a zero pivot (its Novikov sum is not used: no response is attributed to it).
     */
    private record Step(int t, float drive, float[] memory, float[] noise, double b, double beta, boolean[] resolved,
                        float[] weight, float[] offset, Observer observer) {
    }

    /**
     * One thread's working space: a tile's fields, its spin rows expanded to floats, and per-lane
     * partial sums (lane = path within the tile).
     */
    private static final class Scratch {
        final float[] field = new float[TILE_PATHS];
        final float[] mean = new float[TILE_PATHS];
        /** Row s: the current tile's sigma(s) as +-1 (0 on padding lanes), filled for s &lt; t by the field pass. */
        final float[][] sigma;
        /** Row u: sum over the chunk's tiles of (mean(t+1) - sigma(r(u))) eps(u), lane by lane. */
        final float[][] novikov;
        /** Entry s: sum over the chunk's paths of sigma(t+1) sigma(s), an integer. */
        final long[] agreement;
        /** Row s (temperature &gt; 0 only): sum over the chunk's tiles of mean(t+1) sigma(s), lane by lane. */
        final float[][] smooth;

        Scratch(int steps, boolean thermal) {
            sigma = new float[steps + 1][TILE_PATHS];
            novikov = new float[steps][TILE_PATHS];
            agreement = new long[steps + 1];
            smooth = thermal ? new float[steps + 1][TILE_PATHS] : null;
        }
    }

    /**
     * A tile of consecutive paths (lane i = the tile's path i): row u of eps holds eps(u); word s of
     * spins holds sigma(s), bit i set where lane i is +1. A last tile with fewer paths has padding lanes
     * whose eps, expanded spin and conditional mean are zero, so they add nothing to any sum. (One array
     * per row of eps, so that every array in an inner loop is indexed by the lane alone: C2 vectorizes
     * such loops, not ones that address two arrays at different offsets, which might overlap. Spins as
     * bits: every step reads every path's whole history, and memory traffic is what limits a step.)
     */
    private static final class Tile {
        /** SPREAD[8 b + j] = +-1, bit j of the byte b. */
        private static final float[] SPREAD = new float[256 * 8];

        static {
            for (int b = 0; b < 256; b++) {
                for (int j = 0; j < 8; j++) {
                    SPREAD[8 * b + j] = ((b >>> j) & 1) != 0 ? 1f : -1f;
                }
            }
        }

        final int size;
        /** The path number of lane 0. */
        final long first;
        /** The lanes that hold paths. */
        final long lanes;
        final float[][] eps;
        final long[] spins;

        Tile(long first, int size, int steps, double m0) {
            this.size = size;
            this.first = first;
            lanes = size == TILE_PATHS ? -1L : (1L << size) - 1;
            eps = new float[steps][TILE_PATHS];
            spins = new long[steps + 1];
            double up = (1 + m0) / 2;
            // path p is +1 when floor((p + 1) up) steps up: exactly floor(M up) of the first M paths
            long initial = 0;
            for (int i = 0; i < size; i++) {
                long path = first + i;
                if ((long) Math.floor((path + 1) * up) > (long) Math.floor(path * up)) {
                    initial |= 1L << i;
                }
            }
            spins[0] = initial;
        }

        /** Writes sigma(s) of every lane as +-1 (0 on padding lanes) into row. */
        void expand(int s, float[] row) {
            long word = spins[s];
            for (int j = 0; j < TILE_PATHS / 8; j++) {
                System.arraycopy(SPREAD, 8 * (int) ((word >>> (8 * j)) & 0xFF), row, 8 * j, 8);
            }
            if (size < TILE_PATHS) {
                Arrays.fill(row, size, TILE_PATHS, 0f);
            }
        }

        /** sum over the tile's paths of sigma(a) sigma(b). */
        long agreement(int a, int b) {
            return size - 2L * Long.bitCount((spins[a] ^ spins[b]) & lanes);
        }
    }

    /** {@value #STREAM_PATHS} consecutive paths: their random stream, their tiles and their partial sums of the last step. */
    private static final class Chunk {
        private static final double TWO_OVER_SQRT_TWO_PI = 2 / Math.sqrt(2 * Math.PI);
        private static final double INV_SQRT_TWO = 1 / Math.sqrt(2);
        /** 2 phi(z) underflows to zero beyond this |z|. */
        private static final double DENSITY_CUTOFF = 40;

        private final NormalizedGaussianSampler normal;
        /** The uniforms of the Glauber draws (null at temperature 0). */
        private final UniformRandomProvider thermal;
        private final Tile[] tiles;
        /** sum of the conditional means of sigma(t+1). */
        double sigma;
        /**
         * The newest column's sum: of 2 phi(a / b), its Novikov sum, at temperature 0; of 1 - tanh^2(beta h) at
         * temperature &gt; 0 (beta times it is the sum of d tanh(beta h) / d h, Stein's form of that Novikov sum).
         */
        double newest;
        /** sum sigma(t+1) sigma(s), s &lt;= t. */
        final double[] correlation;
        /** sum (mean(t+1) - reference(u)) eps(u), u &lt; t. */
        final double[] novikov;
        /** sum mean(t+1) sigma(s), s &lt;= t (temperature &gt; 0 only). */
        final double[] smooth;

        Chunk(int first, int size, int steps, double m0, long streamSeed, UniformRandomProvider thermal) {
            UniformRandomProvider rng = Rng.create(streamSeed);
            normal = ZigguratSampler.NormalizedGaussian.of(rng);
            this.thermal = thermal;
            tiles = new Tile[(size + TILE_PATHS - 1) / TILE_PATHS];
            for (int k = 0; k < tiles.length; k++) {
                int offset = k * TILE_PATHS;
                tiles[k] = new Tile((long) first + offset, Math.min(TILE_PATHS, size - offset), steps, m0);
            }
            correlation = new double[steps + 1];
            novikov = new double[steps];
            smooth = thermal == null ? null : new double[steps + 1];
        }

        /**
         * Draws eps(t), sets sigma(t+1) on every path (sgn h(t) at temperature 0, +1 with probability
         * (1 + tanh(beta h(t))) / 2 otherwise) and leaves this chunk's sums of the step.
         */
        void step(Step step, Scratch scratch) {
            int t = step.t();
            for (int u = 0; u < t; u++) {
                Arrays.fill(scratch.novikov[u], 0f);
            }
            Arrays.fill(scratch.agreement, 0, t + 1, 0L);
            if (smooth != null) {
                for (int s = 0; s <= t; s++) {
                    Arrays.fill(scratch.smooth[s], 0f);
                }
            }
            double up = 0;
            double density = 0;
            for (Tile tile : tiles) {
                float[] field = scratch.field;
                float[] mean = scratch.mean;
                fields(tile, step, scratch);
                long before = tile.spins[t];
                long after = 0;
                float[] fresh = tile.eps[t];
                double b = step.b();
                double beta = step.beta();
                for (int i = 0; i < tile.size; i++) {
                    float e = (float) normal.sample();
                    fresh[i] = e;
                    double a = field[i];
                    double h = a + b * e;
                    if (beta > 0) {
                        // tanh(x) = 1 - 2 / (e^(2x) + 1): Math.exp is an intrinsic, StrictMath's tanh is not
                        double conditional = 1 - 2 / (Math.exp(2 * beta * h) + 1);
                        if (thermal.nextDouble() < 0.5 * (1 + conditional)) {
                            after |= 1L << i;
                        }
                        up += conditional;
                        density += 1 - conditional * conditional;
                        mean[i] = (float) conditional;
                        continue;
                    }
                    boolean plus = h > 0 || h == 0 && (before >>> i & 1L) != 0;
                    if (plus) {
                        after |= 1L << i;
                    }
                    double conditional;
                    if (b > 0) {
                        double z = a / b;
                        conditional = Gaussian.erf(z * INV_SQRT_TWO);
                        if (Math.abs(z) < DENSITY_CUTOFF) {
                            density += TWO_OVER_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
                        }
                    } else {
                        conditional = plus ? 1 : -1;
                    }
                    up += conditional;
                    mean[i] = (float) conditional;
                }
                tile.spins[t + 1] = after;
                if (step.observer() != null) {
                    step.observer().tile(t, tile.first, tile.size, field, b, fresh, after, scratch.sigma, step.memory());
                }
                Arrays.fill(mean, tile.size, TILE_PATHS, 0f);
                addSums(tile, step, mean, scratch);
            }
            sigma = up;
            newest = density;
            for (int s = 0; s <= t; s++) {
                correlation[s] = scratch.agreement[s];
            }
            for (int u = 0; u < t; u++) {
                novikov[u] = laneSum(scratch.novikov[u]);
            }
            if (smooth != null) {
                for (int s = 0; s <= t; s++) {
                    smooth[s] = laneSum(scratch.smooth[s]);
                }
            }
        }

        /**
         * scratch.field = a, the part of h(t) known before eps(t) is drawn, on every lane; expands the
         * tile's sigma(s), s &lt; t, into scratch.sigma on the way.
         */
        private static void fields(Tile tile, Step step, Scratch scratch) {
            float[] field = scratch.field;
            float[] memory = step.memory();
            float[] noise = step.noise();
            Arrays.fill(field, step.drive());
            int t = step.t();
            int s = 0;
            // two rows per pass over the lanes: half the loads and stores of field
            for (; s + 1 < t; s += 2) {
                float[] sigma0 = scratch.sigma[s];
                float[] sigma1 = scratch.sigma[s + 1];
                tile.expand(s, sigma0);
                tile.expand(s + 1, sigma1);
                float k0 = memory[s];
                float l0 = noise[s];
                float k1 = memory[s + 1];
                float l1 = noise[s + 1];
                if (k0 == 0 && l0 == 0 && k1 == 0 && l1 == 0) {
                    continue; // adds exact zeros (frozen directions): skip, and leave these eps rows unread
                }
                float[] eps0 = tile.eps[s];
                float[] eps1 = tile.eps[s + 1];
                for (int i = 0; i < TILE_PATHS; i++) {
                    field[i] += (k0 * sigma0[i] + l0 * eps0[i]) + (k1 * sigma1[i] + l1 * eps1[i]);
                }
            }
            for (; s < t; s++) {
                float[] sigma = scratch.sigma[s];
                tile.expand(s, sigma);
                float k = memory[s];
                float l = noise[s];
                float[] eps = tile.eps[s];
                for (int i = 0; i < TILE_PATHS; i++) {
                    field[i] += k * sigma[i] + l * eps[i];
                }
            }
        }

        /** Adds the tile's sigma(t+1) sigma(s) to the agreements and (mean(t+1) - sigma(r(u))) eps(u) to the lanes. */
        private static void addSums(Tile tile, Step step, float[] mean, Scratch scratch) {
            int t = step.t();
            long[] agreement = scratch.agreement;
            for (int s = 0; s <= t; s++) {
                agreement[s] += tile.agreement(t + 1, s);
            }
            if (scratch.smooth != null) {
                tile.expand(t, scratch.sigma[t]);
                for (int s = 0; s <= t; s++) {
                    float[] lane = scratch.smooth[s];
                    float[] sigma = scratch.sigma[s];
                    for (int i = 0; i < TILE_PATHS; i++) {
                        lane[i] += mean[i] * sigma[i];
                    }
                }
            }
            boolean[] resolved = step.resolved();
            float[] weight = step.weight();
            float[] offset = step.offset();
            for (int u = 0; u < t; u++) {
                if (!resolved[u]) {
                    continue;
                }
                float[] lane = scratch.novikov[u];
                float[] reference = scratch.sigma[reference(t, u)];
                float[] eps = tile.eps[u];
                if (weight == null) {
                    for (int i = 0; i < TILE_PATHS; i++) {
                        lane[i] += (mean[i] - reference[i]) * eps[i];
                    }
                } else {
                    float c = weight[u];
                    float d = offset[u];
                    for (int i = 0; i < TILE_PATHS; i++) {
                        lane[i] += (mean[i] - (c * reference[i] + d)) * eps[i];
                    }
                }
            }
        }

        private static double laneSum(float[] lanes) {
            double sum = 0;
            for (float v : lanes) {
                sum += v;
            }
            return sum;
        }
    }
}
