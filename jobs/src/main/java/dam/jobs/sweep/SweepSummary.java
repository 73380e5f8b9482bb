package dam.jobs.sweep;

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
     * convention (column alpha, or alpha(2n-3)!! for normalised loads), trials and effective trials, success fraction
     * with its clustered 95% interval, mean convergence time, theory m(T).
     */
    static void printPoints(Dataset<Row> grid, LoadConvention load, PrintStream p) {
        List<Row> rows = grid
                .select("n", "neurons", "alpha", "m0", "trials", "success_fraction", "success_lo", "success_hi",
                        "conv_time_mean", "theory_final_m", "effective_trials")
                .orderBy("n", "neurons", "alpha", "m0").collectAsList();
        boolean raw = load == LoadConvention.RAW;
        String loadFormat = raw ? "%8" : "%13";
        p.printf(Locale.ROOT, "%3s %7s " + loadFormat + "s %6s %6s %7s %8s %15s %9s %10s%n", "n", "neurons",
                raw ? "alpha" : "alpha(2n-3)!!", "m0", "trials", "n_eff", "success", "95% CI", "conv_mean", "theory_m_T");
        for (Row r : rows) {
            p.printf(Locale.ROOT, "%3d %7d " + loadFormat + ".4f %6.2f %6d %7.1f %8.3f   [%5.3f,%5.3f] %9s %10s%n", r.getInt(0),
                    r.getInt(1), load.fromRaw(r.getInt(0), r.getDouble(2)), r.getDouble(3), r.getInt(4), r.getDouble(10), r.getDouble(5),
                    r.getDouble(6), r.getDouble(7),
                    r.isNullAt(8) ? "-" : String.format(Locale.ROOT, "%.2f", r.getDouble(8)),
                    r.isNullAt(9) ? "-" : String.format(Locale.ROOT, "%.3f", r.getDouble(9)));
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
