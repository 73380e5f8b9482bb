package dam.jobs.sweep;

import dam.core.model.MemoryModel;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dam.jobs.config.LoadConvention;

/** The lines a sweep prints on stdout: one per grid point of grid/, and the closing timing line. */
final class SweepSummary {

    /** The per-point table is printed up to this many grid points; beyond, one line says where it is. */
    static final int MAX_POINTS_PRINTED = 200;

    private SweepSummary() {
    }

    /** The line that stands for a per-point table too long to print: how many points, and where their rows are. */
    static void printWhere(int points, String grid, PrintStream p) {
        p.printf(Locale.ROOT, "%d grid points: too many to print (more than %d); one row each in %s (its committed files, "
                + "docs/output.md)%n", points, MAX_POINTS_PRINTED, grid);
    }

    /**
     * One line per grid point of grid/, in (n, neurons, alpha, m0) order, under a header: the load in the sweep's
     * convention (column alpha, or alpha P(1) for normalised loads), trials and effective trials, success fraction
     * with its clustered 95% interval, mean convergence time, theory m(T).
     */
    static void printPoints(Dataset<Row> grid, LoadConvention load, PrintStream p) {
        List<Row> rows = grid
                .select("model", "n", "neurons", "temperature", "alpha", "m0", "trials", "success_fraction",
                        "success_lo", "success_hi", "conv_time_mean", "theory_final_m", "effective_trials")
                .orderBy("model", "n", "neurons", "temperature", "alpha", "m0").collectAsList();
        boolean raw = load == LoadConvention.RAW;
        String loadFormat = raw ? "%8" : "%11";
        p.printf(Locale.ROOT, "%-6s %3s %7s %6s " + loadFormat + "s %6s %6s %7s %8s %15s %9s %10s%n", "model", "n",
                "neurons", "temp", raw ? "alpha" : "alpha P(1)", "m0", "trials", "n_eff", "success", "95% CI",
                "conv_mean", "theory_m_T");
        for (Row r : rows) {
            MemoryModel model = MemoryModel.parse(r.getString(0));
            p.printf(Locale.ROOT, "%-6s %3d %7d %6.3f " + loadFormat + ".4f %6.2f %6d %7.1f %8.3f   [%5.3f,%5.3f] %9s %10s%n",
                    model.key(), r.getInt(1), r.getInt(2), r.getDouble(3), load.fromRaw(model, r.getInt(1), r.getDouble(4)),
                    r.getDouble(5), r.getInt(6), r.getDouble(12), r.getDouble(7), r.getDouble(8), r.getDouble(9),
                    r.isNullAt(10) ? "-" : String.format(Locale.ROOT, "%.2f", r.getDouble(10)),
                    r.isNullAt(11) ? "-" : String.format(Locale.ROOT, "%.3f", r.getDouble(11)));
        }
    }

    /** The closing line: points and trials run, wall time, kernel and theory time and their share of core time. */
    static void printTiming(SweepDriver.Outcome o, String tables, PrintStream p) {
        p.printf(Locale.ROOT, "sweep: %d grid points (%d run now, %d trials) in %.1f s wall; "
                        + "simulation kernel %.1f s, theory %.1f s, summed over tasks on %d cores "
                        + "(%.0f%% of core time in the kernels); tables in %s%n",
                o.gridPoints(), o.pointsRun(), o.trialsRun(), o.wallSeconds(), o.kernelSeconds(),
                o.theorySeconds(), o.cores(),
                100 * (o.kernelSeconds() + o.theorySeconds()) / Math.max(1e-9, o.wallSeconds() * o.cores()),
                tables);
    }
}
