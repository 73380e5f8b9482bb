package dam.core.sim;

import dam.core.model.Initialisation;
import dam.core.model.MemoryModel;
import dam.core.model.Model;
import dam.core.model.UpdateOrder;
import dam.core.rng.Rng;
import dam.core.rng.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Runs the simulated trials of one grid point (model, n, N, alpha, m0, temperature); every trial is a pure function
 * of (base seed, grid point, trial index), whichever slice of trials a caller asks for.
 *
 * <p>Trial k uses pattern set k / S (S = statesPerPatternSet), seeded by {@link Seeds#patternSet}, and an
 * initial state (and, for sequential dynamics, the sweep orders) seeded by {@link Seeds#initialState}; both are
 * shared by the two models and by every temperature. At temperature &gt; 0 the thermal draws of Glauber dynamics
 * ({@link Glauber}) come from a third stream of the trial, seeded by {@link Seeds#thermal}: one uniform double per
 * neuron update, neurons 0 .. N-1 of every parallel step in turn, or the neurons of a sequential sweep in the
 * sweep's order. Temperature 0 runs sign dynamics through the same code as before temperatures existed.
 * Parallel trials sharing a pattern set run as one batch of the exact {@link ParallelStep} kernel; because the
 * kernel is exact per state, batching never changes a result. The pattern sets do not depend on m0, so
 * {@link #runScan} runs the trials of several m0 values of one load together: each set is generated once and
 * its states of every m0 share one kernel batch.
 *
 * <p>Early stop, exact, at temperature 0 only (Glauber dynamics has no absorbing state: every step is simulated
 * and fixedPointTime and cycleTime stay -1): parallel dynamics is a deterministic map sigma(t+1) = T(sigma(t)). Once sigma(t+1) =
 * sigma(t) (fixed point) the rest of the trajectory is that state; once sigma(t+1) = sigma(t-1) != sigma(t)
 * (2-cycle) it alternates between the two states forever, so m alternates and f stays f(t). The runner fills the
 * remaining steps from these facts instead of computing them and drops the trial from its batch. For sequential
 * dynamics a sweep without a flip means no neuron wants to flip in any order, so it is a fixed point too; a
 * 2-cycle is recorded if seen but not shortcut (the next sweep order is random).
 *
 * <p>No duplicate work: where the S initial states of a pattern set cannot differ and the dynamics is
 * deterministic ({@link #statesCoincide}: parallel update at m0 = +-1, or any m0 where exact initialisation flips
 * no neuron or all of them), the S trials of a set would repeat one trajectory. The runner then simulates only the
 * first trial of each set (trial j S of set j, seeded exactly as without this rule) and returns that one result per
 * set, so a trial index always names the same trajectory and no trajectory is counted twice.
 */
public final class TrialRunner {

    private final MemoryModel model;
    private final int n;
    private final int N;
    private final double alpha;
    private final int p;
    private final UpdateOrder update;
    private final SimulationSettings settings;
    private final long baseSeed;
    private final int maxBatch;
    private final FieldCoefficients coefficients;
    private final Glauber glauber; // null at temperature 0

    /**
     * A runner for the dense model at grid point (n, N, alpha, m0 and temperature in settings) with pattern count
     * p = round(alpha N^(n-1)).
     */
    public TrialRunner(int n, int N, double alpha, UpdateOrder update, SimulationSettings settings, long baseSeed) {
        this(MemoryModel.DENSE, n, N, alpha, update, settings, baseSeed);
    }

    /**
     * A runner for the model at grid point (n, N, alpha, m0 and temperature in settings) with pattern count
     * p = round(alpha N^(n-1)).
     */
    public TrialRunner(MemoryModel model, int n, int N, double alpha, UpdateOrder update, SimulationSettings settings,
                       long baseSeed) {
        this(model, n, N, alpha, update, settings, baseSeed, Integer.MAX_VALUE);
    }

    /** As the public constructor, with at most maxBatch trials per kernel batch (tests: batching changes nothing). */
    TrialRunner(int n, int N, double alpha, UpdateOrder update, SimulationSettings settings, long baseSeed, int maxBatch) {
        this(MemoryModel.DENSE, n, N, alpha, update, settings, baseSeed, maxBatch);
    }

    /** As the public constructor, with at most maxBatch trials per kernel batch (tests: batching changes nothing). */
    TrialRunner(MemoryModel model, int n, int N, double alpha, UpdateOrder update, SimulationSettings settings,
                long baseSeed, int maxBatch) {
        if (model == null) {
            throw new IllegalArgumentException("model: must be dense or pbody");
        }
        if (update == null) {
            throw new IllegalArgumentException("update: must be parallel or sequential");
        }
        if (settings == null) {
            throw new IllegalArgumentException("settings: must not be null");
        }
        this.p = Model.patternCount(n, N, alpha);
        this.model = model;
        this.n = n;
        this.N = N;
        this.alpha = alpha;
        this.update = update;
        this.settings = settings;
        this.baseSeed = baseSeed;
        this.maxBatch = maxBatch;
        this.coefficients = new FieldCoefficients(model, n, N);
        this.glauber = settings.temperature() > 0 ? Glauber.of(model, n, N, settings.temperature()) : null;
    }

    /** The memory model. */
    public MemoryModel model() {
        return model;
    }

    /** The number of patterns p = round(alpha N^(n-1)). */
    public int p() {
        return p;
    }

    /**
     * Whether every initial state of a pattern set is the same state under deterministic (parallel, temperature 0)
     * dynamics, so that all trials of a set share one trajectory: exact initialisation flipping
     * round(N (1 - m0) / 2) = 0 or N neurons, or Bernoulli initialisation at m0 = +-1. Sequential dynamics draws a
     * random sweep order per trial, and Glauber dynamics (temperature &gt; 0) its own thermal draws, so their trials
     * differ even from one initial state.
     */
    public static boolean statesCoincide(int N, UpdateOrder update, SimulationSettings settings) {
        if (update != UpdateOrder.PARALLEL || settings.temperature() > 0) {
            return false;
        }
        if (settings.init() == Initialisation.EXACT) {
            int flips = InitialState.exactFlips(N, settings.m0());
            return flips == 0 || flips == N;
        }
        return Math.abs(settings.m0()) == 1;
    }

    /**
     * The trial indices among 0 .. trials - 1 that {@link #run} simulates, ascending: all of them, or the first
     * trial of every pattern set (0, S, 2S, ...) where {@link #statesCoincide}.
     */
    public static int[] simulatedTrials(int N, UpdateOrder update, SimulationSettings settings, int trials) {
        if (!statesCoincide(N, update, settings)) {
            return java.util.stream.IntStream.range(0, trials).toArray();
        }
        int S = settings.statesPerPatternSet();
        return java.util.stream.IntStream.range(0, (trials + S - 1) / S).map(j -> j * S).toArray();
    }

    /**
     * Runs trials first .. first + count - 1 and returns their results in trial order; where {@link #statesCoincide},
     * only the first trial of each pattern set whose first trial lies in that range (one result per set).
     */
    public List<TrialResult> run(int first, int count) {
        return runScan(List.of(this), first, count).get(0);
    }

    /**
     * Runs trials first .. first + count - 1 of every runner of an m0 scan and returns, per runner, exactly what its
     * {@link #run} would return. The runners must differ in m0 only: the m0 values of a load share their pattern sets
     * (seeded without m0), so each set is generated once and the states of all m0 values on it go through one kernel
     * batch. The kernel is exact per state, so this changes no result.
     *
     * @throws IllegalArgumentException when the runners are empty or differ in anything but m0
     */
    public static List<List<TrialResult>> runScan(List<TrialRunner> runners, int first, int count) {
        if (runners.isEmpty()) {
            throw new IllegalArgumentException("runners: an m0 scan needs at least one runner");
        }
        if (first < 0) {
            throw new IllegalArgumentException("first: must be >= 0, got " + first);
        }
        if (count < 0 || (long) first + count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("count: must be >= 0 with first + count <= 2^31 - 1, got " + count);
        }
        TrialRunner load = runners.get(0);
        for (TrialRunner r : runners) {
            if (!load.sameLoad(r)) {
                throw new IllegalArgumentException("runners: an m0 scan must share model, n, N, alpha, update, steps, "
                        + "init, states per pattern set, temperature and seed; got " + load.describe() + " and "
                        + r.describe());
            }
        }
        List<List<TrialResult>> out = new ArrayList<>(runners.size());
        for (int i = 0; i < runners.size(); i++) {
            out.add(new ArrayList<>());
        }
        if (count == 0) {
            return out;
        }
        int S = load.settings.statesPerPatternSet();
        int end = first + count;
        for (int set = first / S; set <= (end - 1) / S; set++) {
            int from = (int) Math.max(first, (long) set * S);
            int to = (int) Math.min(end, (long) (set + 1) * S);
            // The lanes of this set: (runner, trial) for every trial each runner simulates here, runner by runner.
            List<int[]> lanes = new ArrayList<>();
            for (int i = 0; i < runners.size(); i++) {
                TrialRunner r = runners.get(i);
                if (statesCoincide(r.N, r.update, r.settings)) {
                    if (from == (long) set * S) {
                        lanes.add(new int[] {i, from}); // the set's one trajectory is its first trial
                    }
                } else {
                    for (int trial = from; trial < to; trial++) {
                        lanes.add(new int[] {i, trial});
                    }
                }
            }
            if (lanes.isEmpty()) {
                continue;
            }
            PatternMatrix xi = PatternMatrix.random(load.p, load.N, load.patternSetSeed(set));
            if (load.update == UpdateOrder.PARALLEL) {
                ParallelStep kernel = new ParallelStep(xi, load.coefficients);
                for (int b = 0; b < lanes.size(); b += load.maxBatch) {
                    List<int[]> batch = lanes.subList(b, (int) Math.min((long) b + load.maxBatch, lanes.size()));
                    List<TrialResult> results = runParallel(runners, xi, kernel, batch);
                    for (int s = 0; s < batch.size(); s++) {
                        out.get(batch.get(s)[0]).add(results.get(s));
                    }
                }
            } else {
                SequentialSweep sweep = new SequentialSweep(xi, load.coefficients);
                for (int[] lane : lanes) {
                    out.get(lane[0]).add(runners.get(lane[0]).runSequential(xi, sweep, lane[1]));
                }
            }
        }
        return out;
    }

    /** Whether r differs from this runner in m0 at most (the condition for sharing pattern sets and a kernel). */
    private boolean sameLoad(TrialRunner r) {
        return model == r.model && n == r.n && N == r.N && Double.compare(alpha, r.alpha) == 0 && update == r.update
                && baseSeed == r.baseSeed && maxBatch == r.maxBatch && settings.steps() == r.settings.steps()
                && settings.init() == r.settings.init()
                && settings.statesPerPatternSet() == r.settings.statesPerPatternSet()
                && Double.compare(settings.temperature(), r.settings.temperature()) == 0;
    }

    private String describe() {
        return "(" + model.key() + ", n=" + n + ", N=" + N + ", alpha=" + alpha + ", " + update + ", steps="
                + settings.steps() + ", " + settings.init() + ", S=" + settings.statesPerPatternSet() + ", temperature="
                + settings.temperature() + ", seed=" + baseSeed + ")";
    }

    private long patternSetSeed(int set) {
        return Seeds.patternSet(baseSeed, n, N, alpha, set);
    }

    private long initialStateSeed(int trial) {
        return Seeds.initialState(baseSeed, n, N, alpha, settings.m0(), trial);
    }

    /** The seed of the trial's thermal draws at temperature &gt; 0; 0 at temperature 0 (nothing is drawn). */
    private long thermalSeed(int trial) {
        return glauber == null ? 0L : Seeds.thermal(baseSeed, n, N, alpha, settings.m0(), settings.temperature(), trial);
    }

    /** A new trajectory of this runner's trial, carrying the seeds it is drawn from. */
    private Trajectory trajectory(int trial) {
        return new Trajectory(trial, settings.steps(), patternSetSeed(trial / settings.statesPerPatternSet()),
                initialStateSeed(trial), thermalSeed(trial));
    }

    /**
     * The trials of lanes (runner index, trial index), all on pattern set xi, as one batch that shrinks as trials
     * settle; each lane starts from its own runner's m0. Results in lane order.
     */
    private static List<TrialResult> runParallel(List<TrialRunner> runners, PatternMatrix xi, ParallelStep kernel,
                                                 List<int[]> lanes) {
        TrialRunner load = runners.get(0);
        int T = load.settings.steps();
        int N = load.N;
        int words = xi.words();
        int count = lanes.size();
        Trajectory[] traj = new Trajectory[count];
        long[] cur = new long[count * words];
        Glauber glauber = load.glauber; // the runners of a scan share the temperature
        UniformRandomProvider[] thermal = glauber == null ? null : new UniformRandomProvider[count];
        for (int s = 0; s < count; s++) {
            TrialRunner r = runners.get(lanes.get(s)[0]);
            int trial = lanes.get(s)[1];
            traj[s] = r.trajectory(trial);
            InitialState.draw(xi, r.settings.m0(), r.settings.init(), Rng.create(traj[s].stateSeed), cur, s * words);
            traj[s].m[0] = load.overlap(xi, cur, s * words);
            if (glauber != null) {
                thermal[s] = Rng.create(traj[s].thermalSeed);
            }
        }
        long[] prev = new long[count * words];
        long[] next = new long[count * words];
        int[] lane = new int[count]; // lane -> index into traj
        for (int s = 0; s < count; s++) {
            lane[s] = s;
        }
        int active = count;
        for (int t = 0; t < T && active > 0; t++) {
            if (glauber == null) {
                kernel.step(cur, active, next);
            } else {
                kernel.step(cur, active, next, glauber, thermal); // no lane ever settles: lane[s] = s throughout
            }
            int kept = 0;
            for (int s = 0; s < active; s++) {
                Trajectory tr = traj[lane[s]];
                int flips = States.distance(cur, s * words, next, s * words, words);
                tr.f[t] = (double) flips / N;
                tr.m[t + 1] = load.overlap(xi, next, s * words);
                if (glauber == null && flips == 0) {
                    tr.settleAtFixedPoint(t);
                } else if (glauber == null && t >= 1 && States.distance(prev, s * words, next, s * words, words) == 0) {
                    tr.settleInCycle(t);
                } else {
                    // Compact the surviving lanes in place; kept <= s, so nothing unread is overwritten.
                    System.arraycopy(cur, s * words, prev, kept * words, words);
                    System.arraycopy(next, s * words, cur, kept * words, words);
                    lane[kept++] = lane[s];
                }
            }
            active = kept;
        }
        List<TrialResult> out = new ArrayList<>(count);
        for (Trajectory tr : traj) {
            out.add(tr.result());
        }
        return out;
    }

    private TrialResult runSequential(PatternMatrix xi, SequentialSweep sweep, int trial) {
        int T = settings.steps();
        int words = xi.words();
        Trajectory tr = trajectory(trial);
        UniformRandomProvider rng = Rng.create(tr.stateSeed);
        UniformRandomProvider thermal = glauber == null ? null : Rng.create(tr.thermalSeed);
        long[] sigma = new long[words];
        InitialState.draw(xi, settings.m0(), settings.init(), rng, sigma, 0);
        long[] prev = new long[words];
        long[] before = new long[words];
        tr.m[0] = overlap(xi, sigma, 0);
        int[] order = new int[N];
        for (int t = 0; t < T; t++) {
            randomPermutation(order, rng);
            System.arraycopy(sigma, 0, before, 0, words);
            int flips = glauber == null ? sweep.sweep(sigma, order) : sweep.sweep(sigma, order, glauber, thermal);
            tr.f[t] = (double) flips / N;
            tr.m[t + 1] = overlap(xi, sigma, 0);
            if (glauber != null) {
                continue; // no absorbing state: every sweep is simulated, no fixed point or cycle recorded
            }
            if (flips == 0) {
                tr.settleAtFixedPoint(t);
                break;
            }
            if (t >= 1 && tr.cycleTime < 0 && States.distance(prev, 0, sigma, 0, words) == 0) {
                tr.cycleTime = t;
            }
            System.arraycopy(before, 0, prev, 0, words);
        }
        return tr.result();
    }

    /** Fills order with a uniformly random permutation of 0 .. N-1 (Fisher-Yates from the identity). */
    public static void randomPermutation(int[] order, UniformRandomProvider rng) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    private double overlap(PatternMatrix xi, long[] sigma, int offset) {
        return (double) xi.overlap(0, sigma, offset) / N;
    }

    /** The observables of one trial while it runs. */
    private static final class Trajectory {
        final int trial;
        final long patternSetSeed;
        final long stateSeed;
        final long thermalSeed;
        final double[] m;
        final double[] f;
        int fixedPointTime = -1;
        int cycleTime = -1;

        Trajectory(int trial, int T, long patternSetSeed, long stateSeed, long thermalSeed) {
            this.trial = trial;
            this.patternSetSeed = patternSetSeed;
            this.stateSeed = stateSeed;
            this.thermalSeed = thermalSeed;
            this.m = new double[T + 1];
            this.f = new double[T];
        }

        /** f(t) = 0: sigma(t+1) = sigma(t) forever. */
        void settleAtFixedPoint(int t) {
            fixedPointTime = t;
            Arrays.fill(m, t + 2, m.length, m[t + 1]);
            Arrays.fill(f, t + 1, f.length, 0.0);
        }

        /** sigma(t+1) = sigma(t-1) != sigma(t): the states alternate forever. */
        void settleInCycle(int t) {
            cycleTime = t;
            for (int u = t + 2; u < m.length; u++) {
                m[u] = m[u - 2];
            }
            Arrays.fill(f, t + 1, f.length, f[t]);
        }

        TrialResult result() {
            return new TrialResult(trial, patternSetSeed, stateSeed, m, f, fixedPointTime, cycleTime, thermalSeed);
        }
    }
}
