package dam.jobs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.apache.spark.sql.SparkSession;

import dam.jobs.report.ReportTables.ConvergencePoint;
import dam.jobs.report.ReportTables.TrialCurve;

/** The report of an output directory: PNG figures drawn from its Parquet tables into {@code <dir>/figures/}. */
public final class Report {

    private Report() {
    }

    /**
     * Reads the tables under outputDir and writes every figure they support (figure 1 and convergence
     * time per (n, N) from trials/ and theory/, the phase diagram from phase_diagram/ or basins/ and
     * capacity/ with the N -> infinity limits of finite_size/, and the finite-size scaling figure from
     * finite_size/); returns the files written.
     */
    public static List<Path> write(SparkSession spark, Path outputDir) {
        // The schema has both n and N; Spark's default case-insensitive resolution would confuse them.
        spark.conf().set("spark.sql.caseSensitive", "true");
        return write(ReportTables.read(spark, outputDir), outputDir.resolve("figures"));
    }

    /** Writes every figure the tables support into figuresDir; returns the files written. */
    public static List<Path> write(ReportTables tables, Path figuresDir) {
        List<Path> written = new ArrayList<>();
        try {
            TreeSet<String> panels = new TreeSet<>();
            for (TrialCurve c : tables.trials()) {
                if (panels.add(c.n() + "/" + c.N())) {
                    Path file = figuresDir.resolve(OverlapFigure.fileName(c.n(), c.N()));
                    OverlapFigure.write(c.n(), c.N(), tables.trials(), tables.theory(), file);
                    written.add(file);
                }
            }
            TreeSet<String> curves = new TreeSet<>();
            for (ConvergencePoint c : tables.convergence()) {
                if (curves.add(c.n() + "/" + c.N())) {
                    Path file = figuresDir.resolve(ConvergenceTimeFigure.fileName(c.n(), c.N()));
                    ConvergenceTimeFigure.write(c.n(), c.N(), tables.convergence(), tables.theory(), file);
                    written.add(file);
                }
            }
            if (!tables.boundary().isEmpty() || !tables.capacity().isEmpty()) {
                Path file = figuresDir.resolve(PhaseDiagramFigure.FILE_NAME);
                PhaseDiagramFigure.write(tables.boundary(), tables.capacity(), tables.finiteSize(), file);
                written.add(file);
            }
            if (FiniteSizeFigure.hasFits(tables.finiteSize())) {
                Path file = figuresDir.resolve(FiniteSizeFigure.FILE_NAME);
                FiniteSizeFigure.write(tables.finiteSize(), file);
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("report: cannot write figures into " + figuresDir, e);
        }
        return written;
    }
}
