package dam.core.theory;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The effective-process solver as it was before issue 7 (commit 0e9ee03), kept only as the time
 * baseline of {@code dam.core.bench.TheoryThroughput}: one thread, paths in blocks stored time-major in
 * double precision, conditional means in C, pivots below 0.1 / sqrt(M) zeroed. Its results are not to
 * be used (they collapse or freeze at long horizons, see docs/notes/theory-long-horizon.md). It shares
 * the closures and the Cholesky factor with the current solver.
 */
public final class BaselineSolver {

    /** Consecutive paths that share one random stream; fixes which random numbers each path gets. */
    static final int STREAM_PATHS = 1024;
    /** Paths per block: keeps a block's working set of one time row in cache. */
    static final int DEFAULT_BLOCK_PATHS = 8192;
    /**
     * A Cholesky pivot squared below {@code PIVOT_RESOLUTION / sqrt(M)} of its variance counts as zero
     * (a frozen direction). The covariance is estimated from M paths with errors of order 1/sqrt(M),
     * so a smaller innovation is not resolved; keeping it would divide sampling noise by a tiny pivot
     * in the response (at n = 2, alpha = 0.14, M = 1e5 that made G grow to ~1e3 by t = 40). The
     * factor 0.1 leaves every pivot of the docs/physics.md section 8 checks untouched.
     */
    static final double PIVOT_RESOLUTION = 0.1;
    /** The pivot tolerance never goes below this, whatever M (round-off). */
    static final double PIVOT_FLOOR = 1e-10;

    private final int n;
    private final double alpha;
    private final int paths;
    private final int blockPaths;
    private final boolean retarded;

    /** A solver for interaction order n &gt;= 2 at load alpha &gt; 0 with M = paths sampled paths. */
    public BaselineSolver(int n, double alpha, int paths) {
        this(n, alpha, paths, DEFAULT_BLOCK_PATHS, true);
    }

    /** As the public constructor, with the block size and whether the retarded self-interaction is kept. */
    BaselineSolver(int n, double alpha, int paths, int blockPaths, boolean retarded) {
        if (n < 2) {
            throw new IllegalArgumentException("n: must be >= 2, got " + n);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha: must be > 0 and finite, got " + alpha);
        }
        if (paths < 1) {
            throw new IllegalArgumentException("paths: must be >= 1, got " + paths);
        }
        if (blockPaths < 1) {
            throw new IllegalArgumentException("blockPaths: must be >= 1, got " + blockPaths);
        }
        this.n = n;
        this.alpha = alpha;
        this.paths = paths;
        this.blockPaths = blockPaths;
        this.retarded = retarded;
    }

    /** Solves the process from initial overlap m0 over T = steps steps with paths drawn from seed; m(0) = m0. */
    public TheoryResult solve(double m0, int steps, long seed) {
        return solve(m0, steps, seed, null, null);
    }

    /**
     * Solves with an external field theta(t) (t &lt; steps) added to h(t); if {@code frozen} is given,
     * the fields are built from its order parameters m, C, G instead of the ones being estimated, so
     * that the returned m is the effective process's response to theta at fixed order parameters.
     */
    TheoryResult solve(double m0, int steps, long seed, double[] theta, TheoryResult frozen) {
        if (!(m0 >= -1 && m0 <= 1)) {
            throw new IllegalArgumentException("m0: must be in [-1, 1], got " + m0);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
        }
        if (theta != null && theta.length < steps) {
            throw new IllegalArgumentException("theta: needs " + steps + " entries, got " + theta.length);
        }
        if (frozen != null && (frozen.steps() < steps || frozen.n() != n || frozen.alpha() != alpha)) {
            throw new IllegalArgumentException("frozen: must be a solution of the same n and alpha over >= steps steps");
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

        Streams streams = new Streams(seed, paths);
        Block[] blocks = new Block[(paths + blockPaths - 1) / blockPaths];
        for (int j = 0; j < blocks.length; j++) {
            int first = j * blockPaths;
            blocks[j] = new Block(first, Math.min(blockPaths, paths - first), steps, m0, streams);
        }
        double[] epsilonSums = new double[steps];
        Closure closure = Closure.of(dam.core.model.MemoryModel.DENSE, n, alpha);
        IncrementalCholesky cholesky = new IncrementalCholesky(Math.max(PIVOT_FLOOR, PIVOT_RESOLUTION / Math.sqrt(paths)));

        for (int t = 0; t < steps; t++) {
            double[] factor = cholesky.addRow(closure.covarianceRow(t, cUsed, gUsed));
            double[] memory = retarded ? closure.retardedRow(t, cUsed, gUsed) : new double[t];
            double[] noise = new double[t + 1];
            for (int u = 0; u <= t; u++) {
                noise[u] = sqrtAlpha * factor[u];
            }
            double drive = Math.pow(mUsed[t], n - 1) + (theta == null ? 0 : theta[t]);
            Sums sums = new Sums(t, epsilonSums);
            for (Block block : blocks) {
                block.step(t, drive, memory, noise, streams, sums);
            }
            m[t + 1] = sums.sigma / paths;
            for (int s = 0; s <= t; s++) {
                c[t + 1][s] = sums.correlation[s] / paths;
                c[s][t + 1] = c[t + 1][s];
            }
            c[t + 1][t + 1] = 1;
            // Novikov's left side <sigma(t+1) eps(u)>, estimated as a covariance: subtracting
            // m(t+1) times the sample mean of eps(u) (zero in expectation) removes most of the
            // sampling noise when m is close to +-1.
            double[] y = new double[t + 1];
            for (int u = 0; u < t; u++) {
                y[u] = (sums.novikov[u] - m[t + 1] * sums.epsilon[u]) / paths / sqrtAlpha;
            }
            y[t] = sums.novikov[t] / paths / sqrtAlpha;
            double[] response = cholesky.solveLeft(y);
            System.arraycopy(response, 0, g[t + 1], 0, t + 1);
        }
        return new TheoryResult(n, alpha, m0, m, c, g, paths, seed);
    }

    /** The path sums of one step, sigma(t+1) standing for its conditional mean erf(a / (sqrt(2) b)). */
    private static final class Sums {
        /** sum sigma(t+1). */
        double sigma;
        /** sum sigma(t+1) sigma(s), s &lt;= t. */
        final double[] correlation;
        /** sum sigma(t+1) eps(u) for u &lt; t; for u = t the sum of 2 phi(a / b). */
        final double[] novikov;

        /** sum eps(u) over all paths, u &lt;= t, shared across steps (each column is summed once, at its step). */
        final double[] epsilon;

        Sums(int t, double[] epsilon) {
            correlation = new double[t + 1];
            novikov = new double[t + 1];
            this.epsilon = epsilon;
        }
    }

    /** One random stream per {@value #STREAM_PATHS} consecutive paths, each drawn in path order. */
    private static final class Streams {
        private final NormalizedGaussianSampler[] normal;

        Streams(long seed, int paths) {
            int count = (paths + STREAM_PATHS - 1) / STREAM_PATHS;
            normal = new NormalizedGaussianSampler[count];
            for (int j = 0; j < count; j++) {
                UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(streamSeed(seed, j));
                normal[j] = ZigguratSampler.NormalizedGaussian.of(rng);
            }
        }

        double normal(int path) {
            return normal[path / STREAM_PATHS].sample();
        }

        /** SplitMix64 finaliser of (seed, stream index): distinct, well-mixed seeds per stream. */
        private static long streamSeed(long seed, int stream) {
            long z = seed + 0x9E3779B97F4A7C15L * (stream + 1L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    /** A block of consecutive paths: their spin histories sigma(0..t) and standard normals eps(0..t-1). */
    private static final class Block {
        private static final double TWO_OVER_SQRT_TWO_PI = 2 / Math.sqrt(2 * Math.PI);
        private static final double INV_SQRT_TWO = 1 / Math.sqrt(2);

        private final int first;
        private final int size;
        private final byte[][] sigma;
        private final double[][] eps;
        private final double[] field;
        /** <sigma(t+1) | a> = erf(a / (sqrt(2) b)) per path: stands for the sampled spin in the averages. */
        private final double[] mean;

        Block(int first, int size, int steps, double m0, Streams streams) {
            this.first = first;
            this.size = size;
            sigma = new byte[steps + 1][];
            eps = new double[steps][];
            field = new double[size];
            mean = new double[size];
            byte[] initial = new byte[size];
            double up = (1 + m0) / 2;
            // path p is +1 when floor((p + 1) up) steps up: exactly floor(M up) of the first M paths
            for (int i = 0; i < size; i++) {
                long path = first + i;
                boolean plus = (long) Math.floor((path + 1) * up) > (long) Math.floor(path * up);
                initial[i] = plus ? (byte) 1 : (byte) -1;
            }
            sigma[0] = initial;
        }

        /** Draws eps(t), sets sigma(t+1) = sgn h(t) and adds this block's paths to the sums, in path order. */
        void step(int t, double drive, double[] memory, double[] noise, Streams streams, Sums sums) {
            double[] a = field;
            Arrays.fill(a, drive);
            for (int s = 0; s < t; s++) {
                double k = memory[s];
                if (k != 0) {
                    byte[] past = sigma[s];
                    for (int i = 0; i < size; i++) {
                        a[i] += k * past[i];
                    }
                }
            }
            for (int u = 0; u < t; u++) {
                double l = noise[u];
                if (l != 0) {
                    double[] e = eps[u];
                    for (int i = 0; i < size; i++) {
                        a[i] += l * e[i];
                    }
                }
            }
            double[] fresh = new double[size];
            double freshSum = sums.epsilon[t];
            for (int i = 0; i < size; i++) {
                fresh[i] = streams.normal(first + i);
                freshSum += fresh[i];
            }
            sums.epsilon[t] = freshSum;
            eps[t] = fresh;

            double b = noise[t];
            byte[] now = sigma[t];
            byte[] next = new byte[size];
            double[] mean = this.mean;
            double up = sums.sigma;
            double stein = sums.novikov[t];
            for (int i = 0; i < size; i++) {
                double h = a[i] + b * fresh[i];
                next[i] = h > 0 ? 1 : h < 0 ? -1 : now[i];
                if (b > 0) {
                    double z = a[i] / b;
                    mean[i] = Gaussian.erf(z * INV_SQRT_TWO);
                    stein += TWO_OVER_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
                } else {
                    mean[i] = next[i];
                }
                up += mean[i];
            }
            sigma[t + 1] = next;
            sums.sigma = up;
            sums.novikov[t] = stein;
            for (int s = 0; s <= t; s++) {
                byte[] past = sigma[s];
                double acc = sums.correlation[s];
                for (int i = 0; i < size; i++) {
                    acc += mean[i] * past[i];
                }
                sums.correlation[s] = acc;
            }
            for (int u = 0; u < t; u++) {
                double[] e = eps[u];
                double acc = sums.novikov[u];
                for (int i = 0; i < size; i++) {
                    acc += mean[i] * e[i];
                }
                sums.novikov[u] = acc;
            }
        }
    }
}
