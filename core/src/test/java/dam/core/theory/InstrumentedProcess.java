package dam.core.theory;

import dam.core.Require;
import dam.core.rng.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A copy of {@link EffectiveProcessSolver} (as of commit b776c23) that also records, at every step t from a given
 * step on, each path's field split into its two parts: the static-noise part u(t) = m(t)^(n-1) + sqrt(alpha) phi(t)
 * and the retarded self-interaction alpha sum_{s<t} P'(C(t, s)) G(t, s) sigma(s), with the spin sigma(t+1) they
 * produce. The stationary-state analysis (docs/notes/stationary.md) reads from these records which sign the
 * dynamics selects where both signs are self-consistent. Nothing else is changed: a test checks that the copy's
 * m, C and G equal the solver's bit for bit, so the records describe the solver's process itself.
 */
final class InstrumentedProcess {

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

    private final dam.core.model.MemoryModel model;
    private final int n;
    private final double alpha;
    private final int paths;
    private final int threads;
    private final boolean retarded;

    /** The solver's process of the dense model at order n, load alpha, M = paths paths on threads threads. */
    InstrumentedProcess(int n, double alpha, int paths, int threads) {
        this(dam.core.model.MemoryModel.DENSE, n, alpha, paths, threads, true);
    }

    /** The solver's process of the model (temperature 0) at order n, load alpha, M = paths paths on threads threads. */
    InstrumentedProcess(dam.core.model.MemoryModel model, int n, double alpha, int paths, int threads) {
        this(model, n, alpha, paths, threads, true);
    }

    /** As the other constructors, with whether the retarded self-interaction is kept. */
    InstrumentedProcess(dam.core.model.MemoryModel model, int n, double alpha, int paths, int threads, boolean retarded) {
        Require.atLeast("n", n, 2);
        Require.positiveFinite("alpha", alpha);
        Require.atLeast("paths", paths, 1);
        Require.atLeast("threads", threads, 1);
        this.model = model;
        this.n = n;
        this.alpha = alpha;
        this.paths = paths;
        this.threads = threads;
        this.retarded = retarded;
    }

    /**
     * The fields of step t on every path (index = path number): u = the part of h(t) that is not the retarded
     * self-interaction (signal plus Gaussian noise, eps(t) included), retarded = the retarded part, next = sigma(t+1);
     * memory = the retarded coefficients alpha P'(C(t, s)) G(t, s), s &lt; t, of that step.
     */
    record Snapshot(int t, float[] u, float[] retarded, byte[] next, double[] memory) {
    }

    /** A solution and the snapshots of steps recordFrom..T-1. */
    record Recorded(TheoryResult result, List<Snapshot> snapshots) {
    }

    /** Solves as the solver does from m0 over T = steps steps, recording every step t &gt;= recordFrom. */
    Recorded solve(double m0, int steps, long seed, int recordFrom) {
        List<Snapshot> snapshots = new ArrayList<>();
        TheoryResult result = run(m0, steps, seed, recordFrom, snapshots);
        return new Recorded(result, snapshots);
    }

    private TheoryResult run(double m0, int steps, long seed, int recordFrom, List<Snapshot> snapshots) {
        Require.within("m0", m0, -1, 1);
        Require.atLeast("steps", steps, 1);
        double sqrtAlpha = Math.sqrt(alpha);
        double[] m = new double[steps + 1];
        double[][] c = new double[steps + 1][steps + 1];
        double[][] g = new double[steps + 1][steps + 1];
        m[0] = m0;
        c[0][0] = 1;

        Chunk[] chunks = new Chunk[(paths + STREAM_PATHS - 1) / STREAM_PATHS];
        for (int j = 0; j < chunks.length; j++) {
            int first = j * STREAM_PATHS;
            chunks[j] = new Chunk(first, Math.min(STREAM_PATHS, paths - first), steps, m0, Rng.substream(seed, j));
        }
        int workers = Math.min(threads, chunks.length);
        Scratch[] scratch = new Scratch[workers];
        for (int w = 0; w < workers; w++) {
            scratch[w] = new Scratch(steps);
        }
        Closure closure = Closure.of(model, n, alpha);
        IncrementalCholesky cholesky = new IncrementalCholesky(PIVOT_TOLERANCE);
        ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, daemonThreads()) : null;
        try {
            for (int t = 0; t < steps; t++) {
                double[] factor = cholesky.addRow(closure.covarianceRow(t, c, g));
                double[] memory = retarded ? closure.retardedRow(t, c, g) : new double[t];
                float[] memoryF = new float[t];
                float[] noiseF = new float[t];
                for (int u = 0; u < t; u++) {
                    memoryF[u] = (float) memory[u];
                    noiseF[u] = (float) (sqrtAlpha * factor[u]);
                }
                double drive = Math.pow(m[t], n - 1);
                boolean[] resolved = new boolean[t];
                for (int u = 0; u < t; u++) {
                    resolved[u] = !cholesky.degenerate(u);
                }
                Snapshot snapshot = t >= recordFrom
                        ? new Snapshot(t, new float[paths], new float[paths], new byte[paths], memory.clone()) : null;
                Step step = new Step(t, (float) drive, memoryF, noiseF, sqrtAlpha * factor[t], resolved, snapshot);
                advance(chunks, step, scratch, pool);
                if (snapshot != null) {
                    snapshots.add(snapshot);
                }

                // chunk partial sums added in chunk order: the same bits whichever thread did which chunk
                double up = 0;
                double stein = 0;
                double[] correlation = new double[t + 1];
                double[] novikov = new double[t];
                for (Chunk chunk : chunks) {
                    up += chunk.sigma;
                    stein += chunk.stein;
                    for (int s = 0; s <= t; s++) {
                        correlation[s] += chunk.correlation[s];
                    }
                    for (int u = 0; u < t; u++) {
                        novikov[u] += chunk.novikov[u];
                    }
                }
                m[t + 1] = up / paths;
                for (int s = 0; s <= t; s++) {
                    c[t + 1][s] = correlation[s] / paths;
                    c[s][t + 1] = c[t + 1][s];
                }
                c[t + 1][t + 1] = 1;
                double[] y = new double[t + 1];
                for (int u = 0; u < t; u++) {
                    y[u] = novikov[u] / paths / sqrtAlpha;
                }
                y[t] = stein / paths / sqrtAlpha;
                double[] response = cholesky.solveLeft(y);
                System.arraycopy(response, 0, g[t + 1], 0, t + 1);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return new TheoryResult(model, n, alpha, 0, m0, m, c, g, paths, seed);
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
     * + sum_{u&lt;t} noise(u) eps(u) + b eps(t); resolved(u) is false where column u of L has a zero pivot
     * (its Novikov sum is not used: no response is attributed to it).
     */
    private record Step(int t, float drive, float[] memory, float[] noise, double b, boolean[] resolved,
                        Snapshot snapshot) {
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

        Scratch(int steps) {
            sigma = new float[steps + 1][TILE_PATHS];
            novikov = new float[steps][TILE_PATHS];
            agreement = new long[steps + 1];
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
        private final Tile[] tiles;
        /** sum of the conditional means of sigma(t+1). */
        double sigma;
        /** sum of 2 phi(a / b), the newest column's Novikov sum. */
        double stein;
        /** sum sigma(t+1) sigma(s), s &lt;= t. */
        final double[] correlation;
        /** sum (mean(t+1) - sigma(r(u))) eps(u), u &lt; t. */
        final double[] novikov;

        Chunk(int first, int size, int steps, double m0, long streamSeed) {
            UniformRandomProvider rng = Rng.create(streamSeed);
            normal = ZigguratSampler.NormalizedGaussian.of(rng);
            tiles = new Tile[(size + TILE_PATHS - 1) / TILE_PATHS];
            for (int k = 0; k < tiles.length; k++) {
                int offset = k * TILE_PATHS;
                tiles[k] = new Tile((long) first + offset, Math.min(TILE_PATHS, size - offset), steps, m0);
            }
            correlation = new double[steps + 1];
            novikov = new double[steps];
        }

        /** Draws eps(t), sets sigma(t+1) = sgn h(t) on every path and leaves this chunk's sums of the step. */
        void step(Step step, Scratch scratch) {
            int t = step.t();
            for (int u = 0; u < t; u++) {
                Arrays.fill(scratch.novikov[u], 0f);
            }
            Arrays.fill(scratch.agreement, 0, t + 1, 0L);
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
                for (int i = 0; i < tile.size; i++) {
                    float e = (float) normal.sample();
                    fresh[i] = e;
                    double a = field[i];
                    double h = a + b * e;
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
                Snapshot snap = step.snapshot();
                if (snap != null) {
                    float[] memory = step.memory();
                    for (int i = 0; i < tile.size; i++) {
                        double r = 0;
                        for (int s = 0; s < t; s++) {
                            r += memory[s] * scratch.sigma[s][i];
                        }
                        int p = (int) tile.first + i;
                        snap.retarded()[p] = (float) r;
                        snap.u()[p] = (float) (field[i] - r + b * fresh[i]);
                        snap.next()[p] = (byte) ((after >>> i & 1L) != 0 ? 1 : -1);
                    }
                }
                Arrays.fill(mean, tile.size, TILE_PATHS, 0f);
                addSums(tile, step, mean, scratch);
            }
            sigma = up;
            stein = density;
            for (int s = 0; s <= t; s++) {
                correlation[s] = scratch.agreement[s];
            }
            for (int u = 0; u < t; u++) {
                novikov[u] = laneSum(scratch.novikov[u]);
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
            boolean[] resolved = step.resolved();
            for (int u = 0; u < t; u++) {
                if (!resolved[u]) {
                    continue;
                }
                float[] lane = scratch.novikov[u];
                float[] reference = scratch.sigma[Math.max(0, u - ((t + 1 - u) & 1))];
                float[] eps = tile.eps[u];
                for (int i = 0; i < TILE_PATHS; i++) {
                    lane[i] += (mean[i] - reference[i]) * eps[i];
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
