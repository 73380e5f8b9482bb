package dam.jobs.cli;

import dam.core.model.Initialisation;
import dam.core.model.MemoryModel;
import dam.core.model.Model;
import dam.core.model.UpdateOrder;
import dam.core.sim.FieldRange;
import dam.core.sim.SimulationSettings;
import dam.core.sim.TrialResult;
import dam.core.sim.TrialRunner;
import dam.jobs.config.ConfigError;
import dam.jobs.config.LoadConvention;
import dam.jobs.config.TaskMemory;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dam simulate}: direct simulation of one grid point, CSV of m(t) and f(t) per trial to stdout. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate one grid point (model, n, neurons, temperature, alpha, m0); print CSV trial,t,m,flips "
                + "(flips = f(t), empty at t = T).")
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--n", required = true, description = "interaction order, F(x) = x^n, n >= 2")
    int n;

    @Option(names = "--model", defaultValue = "dense", description = "dense (F(x) = x^n) or pbody (the p-body memory "
            + "without diagonal terms; default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--temperature", defaultValue = "0", description = "1 / beta of parallel Glauber dynamics (>= 0; 0 is "
            + "sign dynamics; default ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--neurons", required = true, description = "number of neurons N, >= 2")
    int neurons;

    @Option(names = "--alpha", required = true, description = "load (> 0), written as --load says")
    double alpha;

    @Option(names = "--load", defaultValue = "raw", description = "how --alpha is written: raw, p = round(alpha N^(n-1)) "
            + "with N = neurons, or normalised, alpha P(1) (alpha (2n-3)!! dense, alpha (n-1)! pbody; as sweep.load; "
            + "default ${DEFAULT-VALUE})")
    String load;

    @Option(names = "--m0", required = true, description = "initial overlap with pattern 1, in [-1, 1]")
    double m0;

    @Option(names = "--trials", defaultValue = "10", description = "number of trials (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--steps", defaultValue = "20", description = "number of time steps T (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "base seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--update", defaultValue = "parallel", description = "parallel or sequential (default ${DEFAULT-VALUE})")
    String update;

    @Option(names = "--init", defaultValue = "exact", description = "exact or bernoulli (default ${DEFAULT-VALUE})")
    String init;

    @Option(names = "--states-per-pattern-set", defaultValue = "1",
            description = "consecutive trials that share one pattern set (default ${DEFAULT-VALUE}: fresh patterns every trial)")
    int statesPerPatternSet;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        ConfigError.check(n >= 2, "--n", "must be >= 2, got " + n);
        ConfigError.check(neurons >= 2, "--neurons", "must be >= 2, got " + neurons);
        ConfigError.check(alpha > 0 && !Double.isInfinite(alpha), "--alpha", "must be > 0, got " + alpha);
        MemoryModel memory = parse("--model", () -> MemoryModel.parse(model));
        ConfigError.check(temperature >= 0 && Double.isFinite(temperature), "--temperature",
                "must be >= 0 and finite, got " + temperature);
        LoadConvention convention = LoadConvention.option("--load", load);
        double raw = convention.toRaw(memory, n, alpha); // p = round(raw N^(n-1))
        ConfigError.check(m0 >= -1 && m0 <= 1, "--m0", "must lie in [-1, 1], got " + m0);
        ConfigError.check(trials >= 1, "--trials", "must be >= 1, got " + trials);
        ConfigError.check(steps >= 1, "--steps", "must be >= 1, got " + steps);
        ConfigError.check(statesPerPatternSet >= 1, "--states-per-pattern-set", "must be >= 1, got " + statesPerPatternSet);
        UpdateOrder order = parse("--update", () -> UpdateOrder.parse(update));
        Initialisation initialisation = parse("--init", () -> Initialisation.parse(init));
        double exact = raw * Math.pow(neurons, n - 1);
        if (Math.rint(exact) >= 1) {
            try {
                FieldRange.check(memory, n, neurons, Math.rint(exact));
            } catch (IllegalArgumentException e) {
                throw new ConfigError("--n", e.getMessage());
            }
        }
        Model network;
        try {
            network = Model.atLoad(n, neurons, raw, order);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            int colon = msg.indexOf(':');
            throw new ConfigError("--" + msg.substring(0, Math.max(0, colon)), msg.substring(colon + 1).trim());
        }
        double need = TaskMemory.simulationBytes(network.patternBytes(), neurons, trials, steps);
        double budget = TaskMemory.jvmBudgetBytes();
        // Name what to lower: the pattern matrix (neurons) or the trial results (trials x steps, the larger of the two).
        double resultBytes = trials * TaskMemory.trialResultBytes(steps);
        String culprit = resultBytes < network.patternBytes() + TaskMemory.kernelBytes(neurons) ? "--neurons"
                : steps > trials ? "--steps" : "--trials";
        ConfigError.check(need <= budget, culprit, "the simulation needs about " + TaskMemory.mib(need) + " (pattern matrix "
                + TaskMemory.mib(network.patternBytes()) + ", " + trials + " trial results of " + steps + " steps: "
                + TaskMemory.mib(resultBytes) + "), more than half this JVM's "
                + TaskMemory.mib(Runtime.getRuntime().maxMemory()) + " heap; lower neurons, alpha, trials or steps, "
                + "or raise the heap (DAM_JAVA_OPTS=-Xmx8g)");

        TrialRunner runner = new TrialRunner(memory, n, neurons, raw, order,
                new SimulationSettings(m0, steps, initialisation, statesPerPatternSet, temperature), seed);
        // Every trial is simulated before the first line is printed: a failure leaves no partial CSV.
        List<TrialResult> results = runner.run(0, trials);
        spec.commandLine().getErr().println("simulate: " + convention.describeOption(memory, n, alpha));
        spec.commandLine().getErr().flush();
        PrintWriter out = Dam.out(spec);
        out.println("trial,t,m,flips");
        for (TrialResult r : results) {
            for (int t = 0; t <= steps; t++) {
                String flips = t < steps ? format(r.flips()[t]) : "";
                out.println(r.trial() + "," + t + "," + format(r.overlap()[t]) + "," + flips);
            }
        }
        out.flush();
        return 0;
    }

    private static <T> T parse(String option, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigError(option, e.getMessage());
        }
    }

    static String format(double x) {
        return String.format(Locale.ROOT, "%.6f", x);
    }
}
