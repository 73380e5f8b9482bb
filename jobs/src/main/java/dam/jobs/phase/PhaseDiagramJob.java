package dam.jobs.phase;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import dam.core.analysis.HorizonExtrapolation;
import dam.core.model.MemoryModel;
import dam.core.theory.StationaryState;
import dam.jobs.config.LoadConvention;
import dam.jobs.config.SweepConfig;
import dam.jobs.report.Report;
import dam.jobs.sweep.CommittedTables;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;
import dam.jobs.sweep.StageFailure;
import dam.jobs.sweep.SweepDriver;
import dam.jobs.sweep.SweepOutput;
import dam.jobs.sweep.SweepSession;

/**
 * The phase-diagram job: the sweep of a config (simulation points, via {@link SweepDriver}), then for every
 * {@link Diagram} (model x n x temperature) the theory's alpha_c(T) on the ladder of horizons theory.horizons with its
 * T -&gt; infinity extrapolation and the stationary state's alpha_c, and the boundary m0_c(alpha, T) on a fine grid of
 * loads ({@link TheoryPhaseDiagram}); where the config has a temperature above 0, the critical temperature
 * T_c(alpha) of every model and n; the tables phase_diagram/, capacity/, critical_temperature/, the finite-size
 * extrapolation of the simulated boundaries to N = infinity ({@link FiniteSizeScaling}, table finite_size/), then the
 * report's figures.
 */
public final class PhaseDiagramJob {

    /**
     * How to run.
     *
     * @param simulate    run (or resume) the config's sweep first; if false, only the theory (and any
     *                    basins/ already in the output directory) is used
     * @param overwrite   passed to the sweep: delete an earlier sweep instead of resuming it
     * @param alphaPoints theory loads per n below alpha_c
     * @param capacityTol relative tolerance of alpha_c
     * @param err         where progress lines go
     * @param adopt       rebuild a lost ledger from the directory's readable part files first (--adopt)
     */
    public record Options(boolean simulate, boolean overwrite, int alphaPoints, double capacityTol, PrintStream err,
                          boolean adopt) {
        /** Without --adopt. */
        public Options(boolean simulate, boolean overwrite, int alphaPoints, double capacityTol, PrintStream err) {
            this(simulate, overwrite, alphaPoints, capacityTol, err, false);
        }
    }

    /**
     * What the job found: alpha_c per (diagram, T), its T -&gt; infinity extrapolation per diagram (where the ladder has
     * four or more horizons with an estimate), the stationary alpha_c per diagram (empty where the stationary state has
     * no retrieval state), the phase_diagram/ row counts (theoryPoints includes the extrapolated T -&gt; infinity rows),
     * the critical_temperature/ rows, and the figures of the report (their URIs).
     */
    public record Outcome(List<TheoryPhaseDiagram.HorizonCapacity> capacities, Map<Diagram, HorizonExtrapolation> limits,
                          Map<Diagram, Optional<StationaryState>> stationary, int theoryPoints, int simulationPoints,
                          int criticalTemperatures, List<String> figures) {

        /**
         * The closing lines of {@code dam phase-diagram}: the convention, alpha_c per (diagram, T) with its bracket, then
         * per diagram its T -&gt; infinity extrapolation and its stationary value, loads in the given convention (the
         * tables keep the raw alpha_c).
         */
        public String summary(LoadConvention load) {
            StringBuilder b = new StringBuilder("loads: " + load.meaning());
            for (TheoryPhaseDiagram.HorizonCapacity cap : capacities) {
                Diagram d = cap.diagram();
                double f = load.fromRaw(d.model(), d.n(), 1);
                b.append(String.format(Locale.ROOT, "%n%s  T = %d  %s = %.5f  [%.5f, %.5f]", d.label(), cap.steps(),
                        load.capacitySymbol(d.model()), f * cap.alphaC(), f * cap.lower(), f * cap.upper()));
            }
            limits.forEach((d, fit) -> {
                double f = load.fromRaw(d.model(), d.n(), 1);
                b.append(String.format(Locale.ROOT, "%n%s  T = inf  %s = %.5f  (%.5f, %.5f) extrapolated%s", d.label(),
                        load.capacitySymbol(d.model()), f * fit.limit(), f * fit.lower(), f * fit.upper(),
                        fit.atBound() ? ", on the bound 0" : ""));
            });
            stationary.forEach((d, state) -> {
                double f = load.fromRaw(d.model(), d.n(), 1);
                b.append(state.map(s -> String.format(Locale.ROOT, "%n%s  stationary  %s = %.5f  (m = %.4f)", d.label(),
                        load.capacitySymbol(d.model()), f * s.alpha(), s.m()))
                        .orElse(String.format(Locale.ROOT, "%n%s  stationary  no retrieval state", d.label())));
            });
            return b.toString();
        }
    }

    private PhaseDiagramJob() {
    }

    /**
     * Runs the job on the config's output directory, which it opens (and locks) before Spark starts, on the
     * active Spark session or a new one.
     */
    public static Outcome run(SweepConfig c, Options o) {
        long t0 = System.nanoTime();
        SweepOutput.Mode mode = o.overwrite() ? SweepOutput.Mode.OVERWRITE
                : o.adopt() ? SweepOutput.Mode.ADOPT : SweepOutput.Mode.RESUME;
        return SweepSession.runOnOutput(c, mode, "dam phase-diagram", o.err(),
                (out, spark) -> run(c, out, spark, o, t0));
    }

    private static Outcome run(SweepConfig c, SweepOutput out, SparkSession spark, Options o, long t0) {
        if (o.simulate()) {
            SweepDriver.run(c, out, spark, new SweepDriver.Options(o.overwrite(), o.err(), o.err(), Integer.MAX_VALUE), t0);
        }
        String stage = "the theory's capacities";
        try {
            TheoryPhaseDiagram theory = new TheoryPhaseDiagram(c.theory().horizons(), c.theory().paths(), c.seed(),
                    c.theory().capacitySeeds(), c.mSuccess(), c.theory().basinTol(), o.capacityTol(), o.alphaPoints());
            int paths = c.theory().paths();
            int seeds = c.theory().capacitySeeds();
            List<Diagram> diagrams = diagrams(c);

            long t1 = System.nanoTime();
            List<TheoryPhaseDiagram.HorizonCapacity> capacities = theory.capacities(spark, diagrams);
            o.err().printf(Locale.ROOT, "[phase-diagram] capacities at T = %s in %.1f s (M = %d, %d seed%s from %d)%n",
                    c.theory().horizons(), (System.nanoTime() - t1) / 1e9, paths, seeds, seeds == 1 ? "" : "s", c.seed());
            Map<Diagram, HorizonExtrapolation> limits = new LinkedHashMap<>();
            Map<Diagram, Optional<StationaryState>> stationary = new LinkedHashMap<>();
            List<Row> capacityRows = new ArrayList<>();
            for (Diagram d : diagrams) {
                capacityRows.addAll(capacityRows(c, d, capacities, limits, stationary, o.err()));
            }
            stage = "the theory's basin boundaries";
            Map<Diagram, List<Double>> loads = new LinkedHashMap<>();
            for (Diagram d : diagrams) {
                loads.put(d, theory.loads(largestHorizon(c, d, capacities), c.axes(d.model(), d.n()).alpha()));
            }
            t1 = System.nanoTime();
            List<Row> rows = new ArrayList<>(theory.boundaries(spark, loads));
            int theoryPoints = rows.size();
            long extrapolated = rows.stream().filter(r -> r.isNullAt(r.fieldIndex("steps"))).count();
            o.err().printf(Locale.ROOT, "[phase-diagram] %d theory boundary points in %.1f s, of them %d extrapolated "
                    + "to T -> infinity (of %d loads)%n", theoryPoints, (System.nanoTime() - t1) / 1e9, extrapolated,
                    loads.values().stream().mapToInt(List::size).sum());
            OutputDirectory dir = out.dir();
            Ledger ledger = out.ledger();
            rows.addAll(simulationRows(spark, dir, ledger, c.steps()));

            stage = "the theory's critical temperatures";
            List<Row> critical = criticalTemperatureRows(spark, c, theory, capacities, o.err());

            stage = "fitting the finite-size scaling";
            List<Row> finiteSize = finiteSizeRows(spark, dir, ledger, c, rows, capacities);
            stage = "writing phase_diagram/";
            replace(spark, out, rows, PhaseDiagramTables.phaseDiagram(), "phase_diagram");
            stage = "writing capacity/";
            replace(spark, out, capacityRows, PhaseDiagramTables.capacity(), "capacity");
            stage = "writing critical_temperature/";
            replace(spark, out, critical, PhaseDiagramTables.criticalTemperature(), "critical_temperature");
            stage = "writing finite_size/";
            replace(spark, out, finiteSize, PhaseDiagramTables.finiteSize(), "finite_size");
            for (Row r : CommittedTables.read(spark, dir, ledger, "finite_size", PhaseDiagramTables.finiteSize())
                    .orderBy("model", "n", "temperature", "quantity", "alpha").collectAsList()) {
                o.err().println("[phase-diagram] finite size: " + describe(r));
            }
            stage = "drawing the figures";
            out.lock().verify();
            List<String> figures = Report.writeIfChanged(spark, dir, ledger);
            return new Outcome(capacities, limits, stationary, theoryPoints, rows.size() - theoryPoints, critical.size(),
                    figures);
        } catch (IOException e) {
            throw new StageFailure(stage, e);
        } catch (StageFailure e) {
            throw e;
        } catch (Exception | Error e) { // Exception: Scala code throws checked ones (SparkException) undeclared
            throw new StageFailure(stage, e);
        }
    }

    /** Every diagram of the config: model x n x temperature, in that order. */
    static List<Diagram> diagrams(SweepConfig c) {
        List<Diagram> out = new ArrayList<>();
        for (MemoryModel model : c.model()) {
            for (int n : c.n()) {
                for (double temperature : c.temperature()) {
                    out.add(new Diagram(model, n, temperature));
                }
            }
        }
        return out;
    }

    /**
     * The capacity/ rows of one diagram: its ladder (one row per horizon), the T -&gt; infinity extrapolation where it
     * fits (also put in limits) and the stationary state's alpha_c (also put in stationary), with a progress line each.
     */
    private static List<Row> capacityRows(SweepConfig c, Diagram d, List<TheoryPhaseDiagram.HorizonCapacity> capacities,
                                          Map<Diagram, HorizonExtrapolation> limits,
                                          Map<Diagram, Optional<StationaryState>> stationary, PrintStream err) {
        List<Row> rows = new ArrayList<>();
        int paths = c.theory().paths();
        int seeds = c.theory().capacitySeeds();
        double f = c.load().fromRaw(d.model(), d.n(), 1);
        String symbol = c.load().capacitySymbol(d.model());
        List<TheoryPhaseDiagram.HorizonCapacity> ladder = capacities.stream().filter(h -> h.diagram().equals(d)).toList();
        for (TheoryPhaseDiagram.HorizonCapacity h : ladder) {
            err.printf(Locale.ROOT, "[phase-diagram] %s, T = %d: %s = %.5f in [%.5f, %.5f], se %.5f%s%n", d.label(),
                    h.steps(), symbol, f * h.alphaC(), f * h.lower(), f * h.upper(), f * h.se(),
                    h.violations() > 0 ? ", " + h.violations() + " evaluation(s) contradict the bracket" : "");
            rows.add(PhaseDiagramTables.capacityRow(h, paths, seeds));
        }
        for (int k = 1; k < ladder.size(); k++) {
            if (ladder.get(k).lower() > ladder.get(k - 1).upper()) {
                err.printf(Locale.ROOT, "[phase-diagram] %s: alpha_c rises from T = %d to T = %d (brackets disjoint): "
                        + "not monotone in T%n", d.label(), ladder.get(k - 1).steps(), ladder.get(k).steps());
            }
        }
        HorizonExtrapolation fit = TheoryPhaseDiagram.extrapolate(ladder);
        if (fit != null) {
            limits.put(d, fit);
            rows.add(PhaseDiagramTables.extrapolatedRow(d, fit, paths, seeds));
            err.printf(Locale.ROOT, "[phase-diagram] %s, T -> infinity: %s = %.5f (%.5f, %.5f)%s, %s(T) = limit + %.4g "
                            + "T^-%.3f, chi2/dof = %.2f/%d%n", d.label(), symbol, f * fit.limit(), f * fit.lower(),
                    f * fit.upper(), fit.atBound() ? " on the bound 0" : "", symbol, f * fit.slope(), fit.exponent(),
                    fit.chi2(), fit.dof());
        }
        Optional<StationaryState> fold = StationaryState.criticalLoad(d.model(), d.n(), d.temperature());
        stationary.put(d, fold);
        rows.add(PhaseDiagramTables.stationaryRow(d, fold));
        err.println(fold.map(s -> String.format(Locale.ROOT, "[phase-diagram] %s, stationary state: %s = %.5f, m = %.4f",
                d.label(), symbol, f * s.alpha(), s.m()))
                .orElse("[phase-diagram] " + d.label() + ", stationary state: no retrieval state at this temperature"));
        return rows;
    }

    /** The capacity of a diagram at the ladder's largest horizon. */
    private static TheoryPhaseDiagram.HorizonCapacity largestHorizon(SweepConfig c, Diagram d,
                                                                      List<TheoryPhaseDiagram.HorizonCapacity> capacities) {
        return capacities.stream().filter(h -> h.diagram().equals(d) && h.steps() == c.theory().maxHorizon())
                .findFirst().orElseThrow();
    }

    /**
     * critical_temperature/, computed where the config asks for the temperature axis (a temperature &gt; 0 in it): for
     * each model and n, T_c(alpha) at the loads of its lowest-temperature diagram's boundary grid (below its alpha_c
     * at the largest horizon, plus the sweep's loads), temperature bisected to within theory.basin-tol.
     */
    private static List<Row> criticalTemperatureRows(SparkSession spark, SweepConfig c, TheoryPhaseDiagram theory,
                                                     List<TheoryPhaseDiagram.HorizonCapacity> capacities,
                                                     PrintStream err) {
        if (c.temperature().stream().noneMatch(t -> t > 0)) {
            return List.of();
        }
        double coldest = c.temperature().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        Map<Diagram, List<Double>> loads = new LinkedHashMap<>();
        for (MemoryModel model : c.model()) {
            for (int n : c.n()) {
                Diagram d = new Diagram(model, n, coldest);
                loads.put(d, theory.loads(largestHorizon(c, d, capacities), c.axes(model, n).alpha()));
            }
        }
        long t1 = System.nanoTime();
        List<Row> rows = theory.criticalTemperatures(spark, loads, c.theory().basinTol());
        err.printf(Locale.ROOT, "[phase-diagram] critical temperatures at %d loads in %.1f s%n",
                loads.values().stream().mapToInt(List::size).sum(), (System.nanoTime() - t1) / 1e9);
        return rows;
    }

    /**
     * finite_size/: the simulated boundaries and capacities by N extrapolated to N = infinity, beside the theory at
     * the same loads (the theory rows just computed, which include every sweep load) and the sweep's step limit
     * (theory null where the horizon ladder does not contain it).
     */
    static List<Row> finiteSizeRows(SparkSession spark, OutputDirectory dir, Ledger ledger, SweepConfig c,
                                    List<Row> theoryRows, List<TheoryPhaseDiagram.HorizonCapacity> capacities) {
        Map<FiniteSizeScaling.Load, Double> theoryM0c = new LinkedHashMap<>();
        for (Row r : theoryRows) {
            int steps = r.fieldIndex("steps");
            int m0c = r.fieldIndex("m0c");
            if (r.getString(r.fieldIndex("source")).equals(PhaseDiagramTables.THEORY) && !r.isNullAt(m0c)
                    && !r.isNullAt(steps) && r.getInt(steps) == c.steps()) {
                theoryM0c.put(new FiniteSizeScaling.Load(diagramOf(r), r.getDouble(r.fieldIndex("alpha"))),
                        r.getDouble(m0c));
            }
        }
        Map<Diagram, Double> theoryAlphaC = new LinkedHashMap<>();
        capacities.stream().filter(h -> h.steps() == c.steps()).forEach(h -> theoryAlphaC.put(h.diagram(), h.alphaC()));
        return FiniteSizeScaling.rows(spark, dir, ledger, c.seed(), c.steps(), theoryM0c, theoryAlphaC);
    }

    /** The diagram of a row with columns model, n and temperature. */
    static Diagram diagramOf(Row r) {
        return new Diagram(MemoryModel.parse(r.getString(r.fieldIndex("model"))), r.getInt(r.fieldIndex("n")),
                r.getDouble(r.fieldIndex("temperature")));
    }

    /**
     * One line per finite_size/ row (as read back): the estimates by network size, the limit with its interval,
     * chi2/dof, the theory.
     */
    static String describe(Row r) {
        StringBuilder b = new StringBuilder();
        b.append(diagramOf(r).label()).append(' ').append((String) r.getAs("quantity"));
        if (!isNull(r, "alpha")) {
            b.append(" at alpha = ").append((double) r.getAs("alpha"));
        }
        List<Integer> sizes = r.getList(r.fieldIndex("neurons"));
        List<Double> values = r.getList(r.fieldIndex("estimates"));
        for (int i = 0; i < sizes.size(); i++) {
            b.append(String.format(Locale.ROOT, "; neurons = %d: %s", sizes.get(i),
                    values.get(i) == null ? "none" : String.format(Locale.ROOT, "%.4f", values.get(i))));
        }
        if (!isNull(r, "limit")) {
            b.append(String.format(Locale.ROOT, "; N -> inf: %.4f (%.4f, %.4f), chi2/dof = %.2f/%d",
                    (double) r.getAs("limit"), (double) r.getAs("limit_lo"), (double) r.getAs("limit_hi"),
                    (double) r.getAs("chi2"), (int) r.getAs("dof")));
        }
        if (!isNull(r, "exponent_free")) {
            b.append(String.format(Locale.ROOT, ", free exponent %.2f (%.2f, %.2f)", (double) r.getAs("exponent_free"),
                    (double) r.getAs("exponent_free_lo"), (double) r.getAs("exponent_free_hi")));
        }
        b.append("; theory ").append(isNull(r, "theory") ? "none" : String.format(Locale.ROOT, "%.4f", (double) r.getAs("theory")));
        return b.toString();
    }

    private static boolean isNull(Row r, String column) {
        return r.isNullAt(r.fieldIndex(column));
    }

    /** The simulation's boundary points at T = steps, from the sweep's committed basins/ (none if it has not been written). */
    static List<Row> simulationRows(SparkSession spark, OutputDirectory dir, Ledger ledger, int steps) {
        List<Row> rows = new ArrayList<>();
        if (!CommittedTables.present(dir, ledger, "basins")) {
            return rows;
        }
        Dataset<Row> basins = CommittedTables.read(spark, dir, ledger, "basins", null);
        if (java.util.Arrays.asList(basins.columns()).contains("search")) { // a search in alpha has no m0_c
            basins = basins.where(org.apache.spark.sql.functions.col("search").isNull()
                    .or(org.apache.spark.sql.functions.col("search").notEqual("alpha")));
        }
        for (Row r : basins
                .select("model", "n", "temperature", "neurons", "alpha", "m0c", "m0c_lo", "m0c_hi").collectAsList()) {
            rows.add(PhaseDiagramTables.simulationRow(diagramOf(r), r.getInt(3), r.getDouble(4),
                    r.isNullAt(5) ? null : r.getDouble(5), r.isNullAt(6) ? null : r.getDouble(6),
                    r.isNullAt(7) ? null : r.getDouble(7), steps));
        }
        return rows;
    }

    /**
     * Replaces a derived table with the rows (plain Parquet files; n is a column like any other): the new
     * files are written beside the old ones, committed by the table's record, then the old deleted.
     */
    private static void replace(SparkSession spark, SweepOutput out, List<Row> rows, StructType schema, String table)
            throws IOException {
        Set<String> before = out.ledger().snapshot(List.of(table));
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Append).parquet(out.dir().uri(table));
        out.lock().verify();
        out.ledger().replace(table, before);
    }
}
