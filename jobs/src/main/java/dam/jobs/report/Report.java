package dam.jobs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.spark.sql.SparkSession;

import dam.jobs.config.LoadConvention;
import dam.jobs.report.ReportTables.ConvergencePoint;
import dam.jobs.report.ReportTables.CriticalTemperature;
import dam.jobs.report.ReportTables.TransientPoint;
import dam.jobs.report.ReportTables.TrialCurve;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;
import dam.jobs.sweep.SweepDescription;

/**
 * The report of an output directory: PNG figures drawn from its committed Parquet rows into
 * {@code <dir>/figures/}, each written atomically (a kill leaves the old figure or the new, never a
 * truncated one).
 */
public final class Report {

    /** The sub-directory of the figures. */
    public static final String FIGURES = "figures";

    private Report() {
    }

    /**
     * Reads the committed rows under dir (its table schema and the ledger checked first) and writes every
     * figure they support (per model and temperature: figure 1 and convergence time per (n, neurons) from trials/ and
     * theory/, the phase diagram from phase_diagram/ or basins/ and capacity/ with the N -> infinity limits of
     * finite_size/, the capacity ladder and the finite-size scaling figure; per n: both models overlaid, the transient
     * retrieval from grid/ and the temperature axis from critical_temperature/); returns the figures written, as
     * display paths.
     */
    public static List<String> write(SparkSession spark, OutputDirectory dir) {
        Ledger ledger;
        try {
            ledger = committedLedger(dir, "sweep.output", "rerun its sweep with --overwrite, or into a new directory");
        } catch (IOException e) {
            throw new UncheckedIOException("report: cannot read the ledger of " + dir.display(), e);
        }
        return write(spark, dir, ledger);
    }

    /**
     * As {@link #write(SparkSession, OutputDirectory)} with the ledger of the run that wrote dir (read and checked
     * when it opened the directory, and updated by its commits): the records are not read a second time.
     */
    public static List<String> write(SparkSession spark, OutputDirectory dir, Ledger ledger) {
        return write(ReportTables.read(spark, dir, ledger), dir, loadConvention(dir));
    }

    /**
     * As {@link #write(SparkSession, OutputDirectory, Ledger)} where the tables changed since the figures were last
     * drawn (the ledger's digest, this dam's version and the load convention, recorded in {@code _progress/report.json})
     * or a figure of them is gone; else nothing is read or drawn, and the figures already there are returned. A
     * resume with nothing to do thus costs no pass over the tables.
     */
    public static List<String> writeIfChanged(SparkSession spark, OutputDirectory dir, Ledger ledger) {
        List<String> existing = upToDate(dir, ledger);
        if (existing != null) {
            return existing;
        }
        LoadConvention load = loadConvention(dir);
        String basis = basis(ledger, load);
        try {
            List<String> drawn = write(ReportTables.read(spark, dir, ledger), dir, load);
            List<String> names = drawn.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
            ledger.recordReport(basis, names);
            return drawn;
        } catch (IOException e) {
            throw new UncheckedIOException("report: cannot record the figures of " + dir.display() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The figures of dir (display paths) if they were drawn from the tables as the ledger has them now and all are
     * there, else null: then {@link #writeIfChanged} would draw them.
     */
    public static List<String> upToDate(OutputDirectory dir, Ledger ledger) {
        if (!basis(ledger, loadConvention(dir)).equals(ledger.reportBasis()) || ledger.reportFigures().isEmpty()) {
            return null;
        }
        List<String> existing = new ArrayList<>();
        try {
            for (String name : ledger.reportFigures()) {
                if (!dir.exists(FIGURES + "/" + name)) {
                    return null;
                }
                existing.add(dir.display(FIGURES + "/" + name));
            }
        } catch (IOException e) {
            return null;
        }
        return existing;
    }

    /** What the figures are drawn from: the committed tables (the ledger's digest), this dam's version, the convention. */
    private static String basis(Ledger ledger, LoadConvention load) {
        return ledger.digest() + ";" + SweepDescription.version() + ";" + load.key();
    }

    /**
     * The load convention the sweep's config chose (its _sweep.json, key sweep.load), which the load axes of the
     * figures follow; raw if the description does not say.
     */
    public static LoadConvention loadConvention(OutputDirectory dir) {
        try {
            return SweepDescription.read(dir).filter(c -> c.hasPath("sweep.load"))
                    .map(c -> LoadConvention.parse(c.getString("sweep.load"))).orElse(LoadConvention.RAW);
        } catch (IOException | IllegalArgumentException e) {
            return LoadConvention.RAW;
        }
    }

    /**
     * The ledger of dir, read and checked against its files, once the directory is known to hold tables of
     * this dam's schema: what every reader of the committed rows starts from, before Spark.
     *
     * @throws dam.jobs.config.ConfigError naming field (ending with remedy for another schema) when the
     *                                     directory holds another table schema, an unreadable description or
     *                                     a damaged ledger
     */
    public static Ledger committedLedger(OutputDirectory dir, String field, String remedy) throws IOException {
        SweepDescription.checkTableSchema(dir, field, remedy);
        Ledger ledger = Ledger.read(dir);
        ledger.verify();
        return ledger;
    }

    /** Writes every figure the tables support into dir/figures/; returns the figures written, as display paths. */
    public static List<String> write(ReportTables tables, OutputDirectory dir) {
        return write(tables, dir, LoadConvention.RAW);
    }

    /** As {@link #write(ReportTables, OutputDirectory)}, with every load (axes, titles, legends) in the given convention. */
    public static List<String> write(ReportTables tables, OutputDirectory dir, LoadConvention load) {
        List<String> written = new ArrayList<>();
        try {
            for (Map.Entry<String, Panels.Figure> f : figures(tables, load).entrySet()) {
                written.add(save(dir, f.getKey(), f.getValue().png()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("report: cannot write figures into " + dir.display(FIGURES)
                    + ": " + e.getMessage(), e);
        }
        return written;
    }

    /**
     * The texts each figure of the tables shows, by file name: its title, then per panel the title, the axis titles and
     * the legend labels, loads in the given convention (what a reader sees, checked without decoding the PNG).
     */
    public static Map<String, List<String>> texts(ReportTables tables, LoadConvention load) {
        Map<String, List<String>> texts = new LinkedHashMap<>();
        figures(tables, load).forEach((name, figure) -> texts.put(name, figure.texts()));
        return texts;
    }

    /**
     * Every figure the tables support, by file name, in the order they are written: per model and temperature (their
     * {@link Condition}) figure 1 and the convergence time per (n, neurons), the phase diagram, the capacity ladder and
     * the finite-size scaling; then per n the two models overlaid (where both are present), the transient retrieval and
     * the temperature axis (where critical_temperature/ has rows).
     */
    private static Map<String, Panels.Figure> figures(ReportTables tables, LoadConvention load) {
        Map<String, Panels.Figure> figures = new LinkedHashMap<>();
        for (TrialCurve c : tables.trials()) {
            figures.computeIfAbsent(OverlapFigure.fileName(c.condition(), c.n(), c.neurons()),
                    name -> OverlapFigure.figure(c.condition(), c.n(), c.neurons(), tables.trials(), tables.theory(), load));
        }
        for (ConvergencePoint c : tables.convergence()) {
            figures.computeIfAbsent(ConvergenceTimeFigure.fileName(c.condition(), c.n(), c.neurons()),
                    name -> ConvergenceTimeFigure.figure(c.condition(), c.n(), c.neurons(), tables.convergence(),
                            tables.theory(), load));
        }
        TreeSet<Condition> conditions = new TreeSet<>();
        tables.boundary().forEach(p -> conditions.add(p.condition()));
        tables.capacity().forEach(c -> conditions.add(c.condition()));
        tables.finiteSize().forEach(p -> conditions.add(p.condition()));
        for (Condition condition : conditions) {
            if (tables.boundary().stream().anyMatch(p -> p.condition().equals(condition))
                    || tables.capacity().stream().anyMatch(c -> c.condition().equals(condition))) {
                figures.put(PhaseDiagramFigure.fileName(condition), PhaseDiagramFigure.figure(condition, tables.boundary(),
                        tables.capacity(), tables.finiteSize(), load));
            }
            if (CapacityLadderFigure.hasLadder(condition, tables.capacity())) {
                figures.put(CapacityLadderFigure.fileName(condition),
                        CapacityLadderFigure.figure(condition, tables.capacity(), load));
            }
            if (FiniteSizeFigure.hasFits(condition, tables.finiteSize())) {
                figures.put(FiniteSizeFigure.fileName(condition), FiniteSizeFigure.figure(condition, tables.finiteSize(), load));
            }
        }
        for (int n : ModelComparisonFigure.orders(tables.boundary(), tables.capacity())) {
            figures.put(ModelComparisonFigure.fileName(n), ModelComparisonFigure.figure(n, tables.boundary(),
                    tables.capacity(), load));
        }
        for (int n : new TreeSet<>(tables.transientPoints().stream().map(TransientPoint::n).toList())) {
            figures.put(TransientFigure.fileName(n), TransientFigure.figure(n, tables.transientPoints(), load));
        }
        for (int n : new TreeSet<>(tables.criticalTemperature().stream().map(CriticalTemperature::n).toList())) {
            figures.put(TemperatureFigure.fileName(n), TemperatureFigure.figure(n, tables.criticalTemperature(),
                    tables.boundary(), load));
        }
        return figures;
    }

    private static String save(OutputDirectory dir, String name, byte[] png) throws IOException {
        String rel = FIGURES + "/" + name;
        dir.writeAtomically(rel, png);
        return dir.display(rel);
    }
}
