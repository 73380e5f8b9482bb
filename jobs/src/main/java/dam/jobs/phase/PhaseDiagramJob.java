package dam.jobs.phase;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import dam.core.analysis.HorizonExtrapolation;
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
 * The phase-diagram job: the sweep of a config (simulation points, via {@link SweepDriver}), the
 * theory's alpha_c(n, T) on the ladder of horizons theory.horizons with its T -&gt; infinity extrapolation, and the
 * boundary m0_c(alpha, T) on a fine grid of loads ({@link TheoryPhaseDiagram}),
 * the tables phase_diagram/ and capacity/, the finite-size extrapolation of the simulated boundaries to N = infinity
 * ({@link FiniteSizeScaling}, table finite_size/), then the report's figures.
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
     * What the job found: alpha_c per (n, T), its T -&gt; infinity extrapolation per n (where the ladder has four or
     * more horizons with an estimate), the phase_diagram/ row counts (theoryPoints includes the extrapolated
     * T -&gt; infinity rows) and the figures of the report (their URIs).
     */
    public record Outcome(List<TheoryPhaseDiagram.HorizonCapacity> capacities, Map<Integer, HorizonExtrapolation> limits,
                          int theoryPoints, int simulationPoints, List<String> figures) {

        /**
         * The closing lines of {@code dam phase-diagram}: the convention, alpha_c per (n, T) with its bracket, then per n
         * its T -&gt; infinity extrapolation, loads in the given convention (the tables keep the raw alpha_c).
         */
        public String summary(LoadConvention load) {
            StringBuilder b = new StringBuilder("loads: " + load.meaning());
            for (TheoryPhaseDiagram.HorizonCapacity cap : capacities) {
                double f = load.fromRaw(cap.n(), 1);
                b.append(String.format(Locale.ROOT, "%nn = %d  T = %d  %s = %.5f  [%.5f, %.5f]", cap.n(), cap.steps(),
                        load.capacitySymbol(), f * cap.alphaC(), f * cap.lower(), f * cap.upper()));
            }
            limits.forEach((n, fit) -> {
                double f = load.fromRaw(n, 1);
                b.append(String.format(Locale.ROOT, "%nn = %d  T = inf  %s = %.5f  (%.5f, %.5f) extrapolated%s", n,
                        load.capacitySymbol(), f * fit.limit(), f * fit.lower(), f * fit.upper(),
                        fit.atBound() ? ", on the bound 0" : ""));
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

            long t1 = System.nanoTime();
            List<TheoryPhaseDiagram.HorizonCapacity> capacities = theory.capacities(spark, c.n());
            o.err().printf(Locale.ROOT, "[phase-diagram] capacities at T = %s in %.1f s (M = %d, %d seed%s from %d)%n",
                    c.theory().horizons(), (System.nanoTime() - t1) / 1e9, paths, seeds, seeds == 1 ? "" : "s", c.seed());
            Map<Integer, HorizonExtrapolation> limits = new LinkedHashMap<>();
            List<Row> capacityRows = new ArrayList<>();
            for (int n : c.n()) {
                List<TheoryPhaseDiagram.HorizonCapacity> ofN = capacities.stream().filter(h -> h.n() == n).toList();
                for (TheoryPhaseDiagram.HorizonCapacity h : ofN) {
                    double f = c.load().fromRaw(n, 1);
                    o.err().printf(Locale.ROOT, "[phase-diagram] n = %d, T = %d: %s = %.5f in [%.5f, %.5f], se %.5f%s%n",
                            n, h.steps(), c.load().capacitySymbol(), f * h.alphaC(), f * h.lower(), f * h.upper(), f * h.se(),
                            h.violations() > 0 ? ", " + h.violations() + " evaluation(s) contradict the bracket" : "");
                    capacityRows.add(PhaseDiagramTables.capacityRow(h, paths, seeds));
                }
                for (int k = 1; k < ofN.size(); k++) {
                    if (ofN.get(k).lower() > ofN.get(k - 1).upper()) {
                        o.err().printf(Locale.ROOT, "[phase-diagram] n = %d: alpha_c rises from T = %d to T = %d "
                                + "(brackets disjoint): not monotone in T%n", n, ofN.get(k - 1).steps(), ofN.get(k).steps());
                    }
                }
                HorizonExtrapolation fit = TheoryPhaseDiagram.extrapolate(ofN);
                if (fit != null) {
                    limits.put(n, fit);
                    capacityRows.add(PhaseDiagramTables.extrapolatedRow(n, fit, paths, seeds));
                    double f = c.load().fromRaw(n, 1);
                    o.err().printf(Locale.ROOT, "[phase-diagram] n = %d, T -> infinity: %s = %.5f (%.5f, %.5f)%s, "
                                    + "%s(T) = limit + %.4g T^-%.3f, chi2/dof = %.2f/%d%n", n, c.load().capacitySymbol(),
                            f * fit.limit(), f * fit.lower(), f * fit.upper(), fit.atBound() ? " on the bound 0" : "",
                            c.load().capacitySymbol(), f * fit.slope(), fit.exponent(), fit.chi2(), fit.dof());
                }
            }
            stage = "the theory's basin boundaries";
            Map<Integer, List<Double>> loads = new LinkedHashMap<>();
            for (int n : c.n()) {
                TheoryPhaseDiagram.HorizonCapacity last = capacities.stream()
                        .filter(h -> h.n() == n && h.steps() == c.theory().maxHorizon()).findFirst().orElseThrow();
                loads.put(n, theory.loads(last, c.axes(n).alpha()));
            }
            t1 = System.nanoTime();
            List<Row> rows = new ArrayList<>(theory.boundaries(spark, loads));
            int theoryPoints = rows.size();
            long extrapolated = rows.stream().filter(r -> r.isNullAt(7)).count();
            o.err().printf(Locale.ROOT, "[phase-diagram] %d theory boundary points in %.1f s, of them %d extrapolated "
                    + "to T -> infinity (of %d loads)%n", theoryPoints, (System.nanoTime() - t1) / 1e9, extrapolated,
                    loads.values().stream().mapToInt(List::size).sum());
            OutputDirectory dir = out.dir();
            Ledger ledger = out.ledger();
            rows.addAll(simulationRows(spark, dir, ledger, c.steps()));

            stage = "fitting the finite-size scaling";
            List<Row> finiteSize = finiteSizeRows(spark, dir, ledger, c, rows, capacities);
            stage = "writing phase_diagram/";
            replace(spark, out, rows, PhaseDiagramTables.phaseDiagram(), "phase_diagram");
            stage = "writing capacity/";
            replace(spark, out, capacityRows, PhaseDiagramTables.capacity(), "capacity");
            stage = "writing finite_size/";
            replace(spark, out, finiteSize, PhaseDiagramTables.finiteSize(), "finite_size");
            for (Row r : CommittedTables.read(spark, dir, ledger, "finite_size", PhaseDiagramTables.finiteSize())
                    .orderBy("n", "quantity", "alpha").collectAsList()) {
                o.err().println("[phase-diagram] finite size: " + describe(r));
            }
            stage = "drawing the figures";
            out.lock().verify();
            List<String> figures = Report.writeIfChanged(spark, dir, ledger);
            return new Outcome(capacities, limits, theoryPoints, rows.size() - theoryPoints, figures);
        } catch (IOException e) {
            throw new StageFailure(stage, e);
        } catch (StageFailure e) {
            throw e;
        } catch (Exception | Error e) { // Exception: Scala code throws checked ones (SparkException) undeclared
            throw new StageFailure(stage, e);
        }
    }

    /**
     * finite_size/: the simulated boundaries and capacities by N extrapolated to N = infinity, beside the theory at
     * the same loads (the theory rows just computed, which include every sweep load) and the sweep's step limit
     * (theory null where the horizon ladder does not contain it).
     */
    static List<Row> finiteSizeRows(SparkSession spark, OutputDirectory dir, Ledger ledger, SweepConfig c,
                                    List<Row> theoryRows, List<TheoryPhaseDiagram.HorizonCapacity> capacities) {
        Map<String, Double> theoryM0c = new LinkedHashMap<>();
        for (Row r : theoryRows) {
            if (r.getString(1).equals(PhaseDiagramTables.THEORY) && !r.isNullAt(4) && !r.isNullAt(7) && r.getInt(7) == c.steps()) {
                theoryM0c.put(FiniteSizeScaling.key(r.getInt(0), r.getDouble(3)), r.getDouble(4));
            }
        }
        Map<Integer, Double> theoryAlphaC = new LinkedHashMap<>();
        capacities.stream().filter(h -> h.steps() == c.steps()).forEach(h -> theoryAlphaC.put(h.n(), h.alphaC()));
        return FiniteSizeScaling.rows(spark, dir, ledger, c.seed(), c.steps(), theoryM0c, theoryAlphaC);
    }

    /**
     * One line per finite_size/ row (as read back): the estimates by network size, the limit with its interval,
     * chi2/dof, the theory.
     */
    static String describe(Row r) {
        StringBuilder b = new StringBuilder();
        b.append("n = ").append(((Number) r.getAs("n")).intValue()).append(' ').append((String) r.getAs("quantity"));
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
        for (Row r : CommittedTables.read(spark, dir, ledger, "basins", null)
                .select("n", "neurons", "alpha", "m0c", "m0c_lo", "m0c_hi").collectAsList()) {
            rows.add(PhaseDiagramTables.simulationRow(r.getInt(0), r.getInt(1), r.getDouble(2),
                    r.isNullAt(3) ? null : r.getDouble(3), r.isNullAt(4) ? null : r.getDouble(4),
                    r.isNullAt(5) ? null : r.getDouble(5), steps));
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
