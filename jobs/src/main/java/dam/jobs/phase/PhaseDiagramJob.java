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

import dam.core.analysis.Capacity;
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
 * theory's alpha_c(n) and boundary m0_c(alpha) on a fine grid of loads ({@link TheoryPhaseDiagram}),
 * the tables phase_diagram/ and capacity/, then the report's figures.
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

    /** What the job found: alpha_c per n and the figures of the report (their URIs). */
    public record Outcome(List<Capacity> capacities, int theoryPoints, int simulationPoints, List<String> figures) {
    }

    private PhaseDiagramJob() {
    }

    /**
     * Runs the job on the config's output directory, which it opens (and locks) before Spark starts, on the
     * active Spark session or a new one.
     */
    public static Outcome run(SweepConfig c, Options o) {
        long t0 = System.nanoTime();
        try (SweepOutput out = SweepOutput.open(c, o.overwrite(), SweepSession.hadoopConfiguration(c.spark()),
                "dam phase-diagram", o.err())) {
            boolean ownSession = !SweepSession.active();
            SparkSession spark = SweepSession.start(c.spark());
            try {
                return run(c, out, spark, o, t0);
            } finally {
                if (ownSession) {
                    spark.stop();
                }
            }
        }
    }

    private static Outcome run(SweepConfig c, SweepOutput out, SparkSession spark, Options o, long t0) {
        if (o.simulate()) {
            SweepDriver.run(c, out, spark, new SweepDriver.Options(o.overwrite(), o.err(), o.err(), Integer.MAX_VALUE), t0);
        }
        String stage = "the theory's capacities";
        try {
            TheoryPhaseDiagram theory = new TheoryPhaseDiagram(c.steps(), c.theory().paths(), c.seed(), c.mSuccess(),
                    c.theory().basinTol(), o.capacityTol(), o.alphaPoints());

            long t1 = System.nanoTime();
            List<Capacity> capacities = theory.capacities(spark, c.n());
            for (Capacity cap : capacities) {
                o.err().printf(Locale.ROOT, "[phase-diagram] n = %d: alpha_c = %.5f in [%.5f, %.5f] (T = %d, M = %d)%n",
                        cap.n(), cap.alphaC(), cap.lower(), cap.upper(), c.steps(), c.theory().paths());
            }
            stage = "the theory's basin boundaries";
            Map<Integer, List<Double>> loads = new LinkedHashMap<>();
            for (Capacity cap : capacities) {
                loads.put(cap.n(), theory.loads(cap, c.axes(cap.n()).alpha()));
            }
            List<Row> rows = new ArrayList<>(theory.boundaries(spark, loads));
            int theoryPoints = rows.size();
            o.err().printf(Locale.ROOT, "[phase-diagram] %d theory boundary points in %.1f s%n", theoryPoints,
                    (System.nanoTime() - t1) / 1e9);
            OutputDirectory dir = out.dir();
            Ledger ledger = out.ledger();
            rows.addAll(simulationRows(spark, dir, ledger));

            List<Row> capacityRows = new ArrayList<>();
            capacities.forEach(cap -> capacityRows.add(PhaseDiagramTables.capacityRow(cap, c.steps(), c.theory().paths())));
            stage = "writing phase_diagram/";
            replace(spark, out, rows, PhaseDiagramTables.phaseDiagram(), "phase_diagram");
            stage = "writing capacity/";
            replace(spark, out, capacityRows, PhaseDiagramTables.capacity(), "capacity");
            stage = "drawing the figures";
            List<String> figures = Report.write(spark, dir);
            return new Outcome(capacities, theoryPoints, rows.size() - theoryPoints, figures);
        } catch (IOException e) {
            throw new StageFailure(stage, e);
        } catch (StageFailure e) {
            throw e;
        } catch (Exception | Error e) { // Exception: Scala code throws checked ones (SparkException) undeclared
            throw new StageFailure(stage, e);
        }
    }

    /** The simulation's boundary points, from the sweep's committed basins/ (none if it has not been written). */
    static List<Row> simulationRows(SparkSession spark, OutputDirectory dir, Ledger ledger) {
        List<Row> rows = new ArrayList<>();
        if (!CommittedTables.present(dir, ledger, "basins")) {
            return rows;
        }
        for (Row r : CommittedTables.read(spark, dir, ledger, "basins", null)
                .select("n", "neurons", "alpha", "m0c", "m0c_lo", "m0c_hi").collectAsList()) {
            rows.add(PhaseDiagramTables.simulationRow(r.getInt(0), r.getInt(1), r.getDouble(2),
                    r.isNullAt(3) ? null : r.getDouble(3), r.isNullAt(4) ? null : r.getDouble(4),
                    r.isNullAt(5) ? null : r.getDouble(5)));
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
