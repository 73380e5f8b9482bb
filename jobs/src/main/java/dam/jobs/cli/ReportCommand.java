package dam.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;

import dam.jobs.config.ConfigError;
import dam.jobs.config.LoadConvention;
import dam.jobs.config.OutputLocation;
import dam.jobs.config.SparkConfig;
import dam.jobs.report.Report;
import dam.jobs.report.ReportTables;
import dam.jobs.sweep.CommittedTables;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;
import dam.jobs.sweep.SweepSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dam report <output dir>}: PNG figures from a sweep's committed Parquet rows into {@code <dir>/figures/}.
 * Exit code 2 when the directory is missing, holds no tables, holds tables of another schema or is damaged
 * (checked before Spark starts).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Draw the figures (figure1_n{n}_N{neurons}.png, convergence_time_n{n}_N{neurons}.png, phase_diagram.png, "
                + "finite_size.png) of an output directory into <dir>/figures/.")
public final class ReportCommand implements Callable<Integer> {

    private static final String ARGUMENT = "<output dir>";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = ARGUMENT,
            description = "a sweep's output directory (holding trials/, theory/, ...): a local path or a URI")
    String outputDir;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() throws IOException {
        SparkConfig sparkConfig = new SparkConfig(System.getProperty("spark.master", "local[*]"), "dam report", Map.of());
        OutputDirectory dir;
        Ledger ledger;
        try {
            String location = OutputLocation.of(outputDir);
            OutputLocation.checkScheme(location, SweepSession.hadoopConfiguration(sparkConfig));
            dir = OutputDirectory.open(location, SweepSession.hadoopConfiguration(sparkConfig));
            ConfigError.check(dir.isDirectory(""), ARGUMENT, "not a directory: " + outputDir);
            ledger = Report.committedLedger(dir, ARGUMENT,
                    "rerun its sweep with --overwrite, or into a new directory, to draw it");
        } catch (IllegalArgumentException e) {
            throw new ConfigError(ARGUMENT, e.getMessage());
        } catch (ConfigError e) {
            throw e.field().equals(ARGUMENT) ? e : new ConfigError(ARGUMENT, e.reason());
        }
        boolean any = Ledger.TABLES.stream().anyMatch(t -> CommittedTables.present(dir, ledger, t));
        ConfigError.check(any, ARGUMENT, "no tables under " + dir.display() + ": none of " + String.join("/, ", Ledger.TABLES)
                + "/ has committed rows");
        SweepSession.checkScratch(sparkConfig);
        System.setProperty("java.awt.headless", "true");
        SweepSession.quietLogs();
        // An active session (a notebook's, a test's) is joined and left running, as a sweep leaves it.
        boolean ownSession = !SweepSession.active();
        SparkSession spark = SparkSession.builder().appName("dam report").master(sparkConfig.master())
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            LoadConvention load = Report.loadConvention(dir);
            List<String> files = Report.write(ReportTables.read(spark, dir, ledger), dir, load);
            PrintWriter out = Dam.out(spec);
            for (String f : files) {
                out.println(f);
            }
            if (files.isEmpty()) {
                out.println("no figure to draw from the tables under " + dir.display());
            } else {
                out.println("loads drawn as the sweep's sweep.load says: " + load.meaning());
            }
            out.flush();
            return Dam.OK;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }
}
