package dam.jobs.phase;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import dam.core.analysis.Capacity;
import dam.jobs.config.SweepConfig;
import dam.jobs.report.Report;
import dam.jobs.sweep.SweepDriver;
import dam.jobs.sweep.SweepSession;

/**
 * The phase-diagram job: the sweep of a config (simulation points, via {@link SweepDriver}), the
 * theory's alpha_c(n) and boundary m0_c(alpha) on a fine grid of loads ({@link TheoryPhaseDiagram}),
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
     */
    public record Options(boolean simulate, boolean overwrite, int alphaPoints, double capacityTol, PrintStream err) {
    }

    /** What the job found: alpha_c per n and the files of the report. */
    public record Outcome(List<Capacity> capacities, int theoryPoints, int simulationPoints, List<Path> figures) {
    }

    private PhaseDiagramJob() {
    }

    /** Runs the job on the config's output directory. */
    public static Outcome run(SweepConfig c, Options o) {
        boolean ownSession = !SweepSession.active();
        SparkSession spark = SweepSession.start(c.spark());
        try {
            // Both n and N are column names; they must not be resolved case-insensitively.
            spark.conf().set("spark.sql.caseSensitive", "true");
            if (o.simulate()) {
                SweepDriver.run(c, new SweepDriver.Options(o.overwrite(), o.err(), o.err(), Integer.MAX_VALUE));
            }
            Path out = c.output();
            TheoryPhaseDiagram theory = new TheoryPhaseDiagram(c.steps(), c.theory().paths(), c.seed(), c.mSuccess(),
                    c.theory().basinTol(), o.capacityTol(), o.alphaPoints());

            long t0 = System.nanoTime();
            List<Capacity> capacities = theory.capacities(spark, c.n());
            for (Capacity cap : capacities) {
                o.err().printf(Locale.ROOT, "[phase-diagram] n = %d: alpha_c = %.5f in [%.5f, %.5f] (T = %d, M = %d)%n",
                        cap.n(), cap.alphaC(), cap.lower(), cap.upper(), c.steps(), c.theory().paths());
            }
            Map<Integer, List<Double>> loads = new LinkedHashMap<>();
            for (Capacity cap : capacities) {
                loads.put(cap.n(), theory.loads(cap, c.axes(cap.n()).alpha()));
            }
            List<Row> rows = new ArrayList<>(theory.boundaries(spark, loads));
            int theoryPoints = rows.size();
            o.err().printf(Locale.ROOT, "[phase-diagram] %d theory boundary points in %.1f s%n", theoryPoints,
                    (System.nanoTime() - t0) / 1e9);
            rows.addAll(simulationRows(spark, out));

            List<Row> capacityRows = new ArrayList<>();
            capacities.forEach(cap -> capacityRows.add(PhaseDiagramTables.capacityRow(cap, c.steps(), c.theory().paths())));
            List<Row> finiteSize = finiteSizeRows(spark, out, c, rows, capacities);
            write(spark, rows, PhaseDiagramTables.phaseDiagram(), out.resolve("phase_diagram"));
            write(spark, capacityRows, PhaseDiagramTables.capacity(), out.resolve("capacity"));
            write(spark, finiteSize, PhaseDiagramTables.finiteSize(), out.resolve("finite_size"));
            for (Row r : spark.read().schema(PhaseDiagramTables.finiteSize()).parquet(out.resolve("finite_size").toString())
                    .orderBy("n", "quantity", "alpha")
                    .collectAsList()) {
                o.err().println("[phase-diagram] finite size: " + describe(r));
            }
            List<Path> figures = Report.write(spark, out);
            return new Outcome(capacities, theoryPoints, rows.size() - theoryPoints, figures);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /**
     * finite_size/: the simulated boundaries and capacities by N extrapolated to N = infinity, beside the theory at
     * the same loads (the theory rows just computed, which include every sweep load) and step limit.
     */
    static List<Row> finiteSizeRows(SparkSession spark, Path out, SweepConfig c, List<Row> theoryRows,
                                    List<Capacity> capacities) {
        Map<String, Double> theoryM0c = new LinkedHashMap<>();
        for (Row r : theoryRows) {
            if (r.getString(1).equals(PhaseDiagramTables.THEORY) && !r.isNullAt(4)) {
                theoryM0c.put(FiniteSizeScaling.key(r.getInt(0), r.getDouble(3)), r.getDouble(4));
            }
        }
        Map<Integer, Double> theoryAlphaC = new LinkedHashMap<>();
        capacities.forEach(cap -> theoryAlphaC.put(cap.n(), cap.alphaC()));
        return FiniteSizeScaling.rows(spark, out, c.seed(), c.steps(), theoryM0c, theoryAlphaC);
    }

    /** One line per finite_size/ row (as read back): the estimates by N, the limit with its interval, chi2/dof, the theory. */
    static String describe(Row r) {
        StringBuilder b = new StringBuilder();
        b.append("n = ").append(((Number) r.getAs("n")).intValue()).append(' ').append((String) r.getAs("quantity"));
        if (!isNull(r, "alpha")) {
            b.append(" at alpha = ").append((double) r.getAs("alpha"));
        }
        List<Integer> sizes = r.getList(r.fieldIndex("sizes"));
        List<Double> values = r.getList(r.fieldIndex("estimates"));
        for (int i = 0; i < sizes.size(); i++) {
            b.append(String.format(Locale.ROOT, "; N = %d: %s", sizes.get(i),
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

    /** The simulation's boundary points, from the sweep's basins/ table (none if it has not been written). */
    static List<Row> simulationRows(SparkSession spark, Path out) {
        Path basins = out.resolve("basins");
        List<Row> rows = new ArrayList<>();
        if (!Files.isDirectory(basins)) {
            return rows;
        }
        for (Row r : spark.read().parquet(basins.toString()).select("n", "N", "alpha", "m0c", "m0c_lo", "m0c_hi")
                .collectAsList()) {
            rows.add(PhaseDiagramTables.simulationRow(r.getInt(0), r.getInt(1), r.getDouble(2),
                    r.isNullAt(3) ? null : r.getDouble(3), r.isNullAt(4) ? null : r.getDouble(4),
                    r.isNullAt(5) ? null : r.getDouble(5)));
        }
        return rows;
    }

    /** Replaces the table with the rows, partitioned by n like every table of the output directory. */
    private static void write(SparkSession spark, List<Row> rows, StructType schema, Path table) {
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).partitionBy("n").parquet(table.toString());
    }
}
