package dam.jobs.cli;

import dam.core.model.MemoryModel;
import dam.core.theory.StationaryState;
import dam.jobs.config.ConfigError;
import dam.jobs.config.LoadConvention;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dam stationary}: the stationary retrieval state m_inf(alpha) and its end point alpha_c, solved directly
 * (core {@link StationaryState}; docs/physics.md, "Stationary states").
 */
@Command(name = "stationary", mixinStandardHelpOptions = true,
        description = "Solve the stationary retrieval state of the effective process at one (model, n, temperature): "
                + "'#' lines with alpha_c and m at alpha_c, then alpha,alpha_norm,m,q,c1,chi,gamma as CSV (alpha_norm = "
                + "alpha P(1); c1 = C(t, t-1); m = 0 and empty cells above alpha_c; gamma, the band of two "
                + "self-consistent signs, at temperature 0 only). With --temperatures, the critical line instead: "
                + "temperature,alpha_c,alpha_c_norm,m (m at alpha_c; 0 and empty where no load retrieves).")
public final class StationaryCommand implements Callable<Integer> {

    /** Loads printed when --alphas is not given: these fractions of alpha_c. */
    private static final double[] DEFAULT_FRACTIONS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1};

    /**
     * Below this temperature the stationary alpha_c is (near) the equilibrium selection's and the dynamics from m0 = 1
     * retrieves above it (measured at n = 2, 3; docs/notes/stationary.md, section 8): the output says so.
     */
    static final double SELECTION_TEMPERATURE = 0.2;

    /** The caution printed below {@link #SELECTION_TEMPERATURE}. */
    static final String SELECTION_CAUTION = "# caution: below temperature 0.2 the dynamics from m0 = 1 retrieves above "
            + "this alpha_c (temperature 0: n = 2 0.140 to 0.142, dense n = 3 about 0.098, p-body n = 3 at 0.15) and its "
            + "capacity falls with temperature; a rise of alpha_c with temperature here is the closure's, not the "
            + "dynamics' (docs/notes/stationary.md, section 8)";

    /** The caution printed for the p-body model at temperature &gt; 0, where the tangent closure is measurably low. */
    static final String PBODY_CAUTION = "# caution: for the p-body model at temperature > 0 this closure is below the "
            + "converged solver (n = 3, temperature 0.3: m 0.011 low at alpha = 0.13; the solver retrieves at 0.14, above "
            + "the closure's alpha_c(0.3) = 0.1349; docs/notes/stationary.md, section 8)";

    @Spec
    private CommandSpec spec;

    @Option(names = "--n", required = true, description = "interaction order (>= 2)")
    private int n;

    @Option(names = "--model", defaultValue = "dense", description = "dense (F(x) = x^n) or pbody (default ${DEFAULT-VALUE})")
    private String model;

    @Option(names = "--temperature", defaultValue = "0",
            description = "temperature (>= 0; 0 is sign dynamics; default ${DEFAULT-VALUE})")
    private double temperature;

    @Option(names = "--temperatures", split = ",",
            description = "print the critical line alpha_c(temperature) at these temperatures (>= 0, comma-separated) "
                    + "instead of a table over loads; not with --temperature or --alphas")
    private List<Double> temperatures;

    @Option(names = "--alphas", split = ",",
            description = "loads (> 0, comma-separated, written as --load says; default: fractions 0.1 .. 1 of alpha_c)")
    private List<Double> alphas;

    @Option(names = "--load", defaultValue = "raw", description = "how --alphas are written: raw, p = alpha N^(n-1), or "
            + "normalised, alpha P(1) ((2n-3)!! for dense, (n-1)! for pbody; default ${DEFAULT-VALUE})")
    private String load;

    @Mixin
    private Verbosity verbosity;

    @Override
    public Integer call() {
        ConfigError.check(n >= 2, "--n", "must be >= 2, got " + n);
        MemoryModel memory;
        try {
            memory = MemoryModel.parse(model);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("--model", e.getMessage());
        }
        ConfigError.check(temperature >= 0 && !Double.isInfinite(temperature), "--temperature",
                "must be >= 0 and finite, got " + temperature);
        LoadConvention convention = LoadConvention.option("--load", load);
        double crosstalk = memory.crosstalkVariance(n).doubleValue();
        PrintWriter out = spec.commandLine().getOut();
        if (temperatures != null) {
            ConfigError.check(alphas == null, "--temperatures", "prints the critical line over temperatures, not with --alphas");
            ConfigError.check(!spec.commandLine().getParseResult().hasMatchedOption("--temperature"), "--temperatures",
                    "prints the critical line over temperatures, not with --temperature");
            for (double t : temperatures) {
                ConfigError.check(t >= 0 && !Double.isInfinite(t), "--temperatures",
                        "every temperature must be >= 0 and finite, got " + t);
            }
            printLine(out, memory, crosstalk);
            return 0;
        }
        List<Double> raw = new ArrayList<>();
        if (alphas != null) {
            for (double a : alphas) {
                ConfigError.check(a > 0 && !Double.isInfinite(a), "--alphas", "every load must be > 0 and finite, got " + a);
                raw.add(convention == LoadConvention.RAW ? a : BigDecimal.valueOf(a)
                        .divide(BigDecimal.valueOf(crosstalk), MathContext.DECIMAL64).doubleValue());
            }
        }
        Optional<StationaryState> fold = StationaryState.criticalLoad(memory, n, temperature);
        if (alphas == null && fold.isPresent()) {
            for (double f : DEFAULT_FRACTIONS) {
                raw.add(f * fold.get().alpha());
            }
        }
        out.printf(Locale.ROOT, "# stationary retrieval state: model %s, n = %d, temperature %s; %s (docs/physics.md, "
                + "Stationary states)%n", memory.key(), n, format(temperature), closure(temperature));
        if (fold.isPresent()) {
            StationaryState c = fold.get();
            out.printf(Locale.ROOT, "# alpha_c = %s (alpha_c P(1) = %s), m at alpha_c = %s%n", format(c.alpha()),
                    format(c.normalisedLoad()), format(c.m()));
            if (temperature < SELECTION_TEMPERATURE) {
                out.println(SELECTION_CAUTION);
            }
            if (memory == MemoryModel.PBODY && temperature > 0 && n >= 3) {
                out.println(PBODY_CAUTION);
            }
        } else {
            out.printf(Locale.ROOT, "# alpha_c: none, no retrieval state at any load at or above temperature %s%n",
                    format(StationaryState.retrievalTemperature(n)));
        }
        out.println("alpha,alpha_norm,m,q,c1,chi,gamma");
        for (double alpha : raw) {
            Optional<StationaryState> state = StationaryState.solve(memory, n, alpha, temperature);
            out.print(format(alpha) + "," + format(alpha * crosstalk) + ",");
            if (state.isPresent()) {
                StationaryState s = state.get();
                out.println(format(s.m()) + "," + format(s.q()) + "," + format(s.oneStepCorrelation()) + ","
                        + format(s.chi()) + "," + (temperature == 0 ? format(s.reinforcement()) : ""));
            } else {
                out.println("0,,,,");
            }
        }
        out.flush();
        return 0;
    }

    /** The critical line: alpha_c and m at alpha_c at each of --temperatures. */
    private void printLine(PrintWriter out, MemoryModel memory, double crosstalk) {
        out.printf(Locale.ROOT, "# critical line of the stationary retrieval state: model %s, n = %d; no retrieval state at "
                + "or above temperature %s as alpha -> 0 (docs/physics.md, Stationary states)%n", memory.key(), n,
                format(StationaryState.retrievalTemperature(n)));
        if (temperatures.stream().anyMatch(t -> t < SELECTION_TEMPERATURE)) {
            out.println(SELECTION_CAUTION);
        }
        if (memory == MemoryModel.PBODY && n >= 3 && temperatures.stream().anyMatch(t -> t > 0)) {
            out.println(PBODY_CAUTION);
        }
        out.println("temperature,alpha_c,alpha_c_norm,m");
        for (double t : temperatures) {
            Optional<StationaryState> fold = StationaryState.criticalLoad(memory, n, t);
            out.println(format(t) + "," + fold.map(c -> format(c.alpha()) + "," + format(c.alpha() * crosstalk) + ","
                    + format(c.m())).orElse("0,0,"));
        }
        out.flush();
    }

    /** Which closure the stationary state is at this temperature (docs/physics.md, Stationary states). */
    private String closure(double t) {
        if (t == 0) {
            return "at temperature 0 each neuron takes the sign of its static field";
        }
        return n == 2 ? "parallel Glauber dynamics: consecutive spins as a pair (Little's model, detailed balance)"
                : "parallel Glauber dynamics: the tangent closure, static noise alpha (P(1) - (1 - q) P'(q))";
    }

    /** Seven significant digits, enough for a table and for any check against the literature's three; 1E-10 below 1e-4. */
    private static String format(double x) {
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(7)).stripTrailingZeros();
        return x == 0 || Math.abs(x) >= 1e-4 ? rounded.toPlainString() : rounded.toString();
    }
}
