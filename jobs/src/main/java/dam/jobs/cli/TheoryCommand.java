package dam.jobs.cli;

import dam.core.model.MemoryModel;
import dam.core.theory.EffectiveProcessSolver;
import dam.core.theory.TheoryResult;
import dam.jobs.config.ConfigError;
import dam.jobs.config.LoadConvention;
import dam.jobs.config.TaskMemory;
import dam.jobs.config.TheoryRange;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dam theory}: solves the GFA effective process at one (model, n, temperature, alpha, m0) and prints m(t) as CSV. */
@Command(name = "theory", mixinStandardHelpOptions = true,
        description = "Solve the generating-functional theory at one (model, n, temperature, alpha, m0) and print "
                + "t,m,c_prev,flips as CSV (c_prev = C(t,t-1), flips = (1 - C(t+1,t))/2).")
public final class TheoryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--n", required = true, description = "interaction order, F(x) = x^n (>= 2)")
    private int n;

    @Option(names = "--model", defaultValue = "dense", description = "dense (F(x) = x^n) or pbody (the p-body memory "
            + "without diagonal terms; default ${DEFAULT-VALUE})")
    private String model;

    @Option(names = "--temperature", defaultValue = "0", description = "1 / beta of parallel Glauber dynamics (>= 0; 0 is "
            + "sign dynamics; default ${DEFAULT-VALUE})")
    private double temperature;

    @Option(names = "--alpha", required = true, description = "load (> 0), written as --load says")
    private double alpha;

    @Option(names = "--load", defaultValue = "raw", description = "how --alpha is written: raw, p = alpha N^(n-1), or "
            + "normalised, alpha P(1) (alpha (2n-3)!! dense, alpha (n-1)! pbody; as sweep.load; default ${DEFAULT-VALUE})")
    private String load;

    @Option(names = "--m0", required = true, description = "initial overlap, in [-1, 1]")
    private double m0;

    @Option(names = "--steps", defaultValue = "20", description = "number of time steps T (>= 1; default ${DEFAULT-VALUE})")
    private int steps;

    @Option(names = "--paths", defaultValue = "400000",
            description = "sampled paths M (>= 1; statistical error ~ 1/sqrt(M); default ${DEFAULT-VALUE})")
    private int paths;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--threads", description = "threads (>= 1; default: one per processor); the result does not depend on it")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    private Verbosity verbosity;

    @Override
    public Integer call() {
        ConfigError.check(n >= 2, "--n", "must be >= 2, got " + n);
        inRange("--n", () -> TheoryRange.checkOrder(n));
        ConfigError.check(alpha > 0 && !Double.isInfinite(alpha), "--alpha", "must be > 0 and finite, got " + alpha);
        MemoryModel memory;
        try {
            memory = MemoryModel.parse(model);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("--model", e.getMessage());
        }
        ConfigError.check(temperature >= 0 && Double.isFinite(temperature), "--temperature",
                "must be >= 0 and finite, got " + temperature);
        LoadConvention convention = LoadConvention.option("--load", load);
        double raw = convention.toRaw(memory, n, alpha);
        ConfigError.check(raw > 0, "--alpha", "too small: the raw load alpha = p / N^(n-1) underflows to 0, got " + alpha);
        inRange("--alpha", () -> TheoryRange.checkLoad(memory, n, raw, alpha, convention));
        ConfigError.check(m0 >= -1 && m0 <= 1, "--m0", "must lie in [-1, 1], got " + m0);
        ConfigError.check(paths >= 1, "--paths", "must be >= 1, got " + paths);
        ConfigError.check(steps >= 1, "--steps", "must be >= 1, got " + steps);
        ConfigError.check(threads >= 1, "--threads", "must be >= 1, got " + threads);
        double need = TaskMemory.theoryBytes(paths, steps);
        ConfigError.check(need <= TaskMemory.jvmBudgetBytes(), 16.0 * (steps + 1) > 4.4 * paths ? "--steps" : "--paths",
                "the solve keeps every path's history, about 4.4 bytes per path and step = " + TaskMemory.mib(need)
                        + ", more than half this JVM's " + TaskMemory.mib(Runtime.getRuntime().maxMemory())
                        + " heap; lower --paths or --steps, or raise -Xmx (DAM_JAVA_OPTS)");
        TheoryResult result = new EffectiveProcessSolver(memory, n, raw, temperature, paths, threads).solve(m0, steps, seed);
        spec.commandLine().getErr().println("theory: " + convention.describeOption(memory, n, alpha));
        spec.commandLine().getErr().flush();
        PrintWriter out = spec.commandLine().getOut();
        out.print(csv(result));
        out.flush();
        return 0;
    }

    /** Runs a range check, its IllegalArgumentException becoming a ConfigError naming the option. */
    private static void inRange(String option, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigError(option, e.getMessage());
        }
    }

    /** One row per t = 0..T: t, m(t), C(t, t-1) (empty at t = 0), f(t) = (1 - C(t+1, t)) / 2 (empty at t = T). */
    static String csv(TheoryResult result) {
        StringBuilder sb = new StringBuilder("t,m,c_prev,flips\n");
        double[] previous = result.previousCorrelation();
        double[] flips = result.flips();
        int steps = result.steps();
        for (int t = 0; t <= steps; t++) {
            sb.append(t).append(',').append(result.overlap()[t]).append(',');
            if (t > 0) {
                sb.append(previous[t - 1]);
            }
            sb.append(',');
            if (t < steps) {
                sb.append(flips[t]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
