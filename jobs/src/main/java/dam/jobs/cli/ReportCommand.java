package dam.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;

import dam.jobs.config.ConfigError;
import dam.jobs.report.Report;
import dam.jobs.sweep.SweepDescription;
import dam.jobs.sweep.SweepSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dam report <output dir>}: PNG figures from a sweep's Parquet tables into {@code <dir>/figures/}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Draw the figures (figure1_n{n}_N{neurons}.png, convergence_time_n{n}_N{neurons}.png, phase_diagram.png) "
                + "of an output directory into <dir>/figures/.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<output dir>", description = "a sweep's output directory (holding trials/, theory/, ...)")
    Path outputDir;

    @Override
    public Integer call() {
        Dam.require(Files.isDirectory(outputDir), "<output dir>", "not a directory: " + outputDir);
        try {
            SweepDescription.checkTableSchema(outputDir, "<output dir>",
                    "rerun its sweep with --overwrite, or into a new directory, to draw it");
        } catch (ConfigError e) {
            spec.commandLine().getErr().println("dam report: " + e.getMessage());
            return Dam.BAD_INPUT;
        }
        System.setProperty("java.awt.headless", "true");
        SweepSession.quietLogs();
        SparkSession spark = SparkSession.builder().appName("dam report").master(System.getProperty("spark.master", "local[*]"))
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Path> files = Report.write(spark, outputDir);
            PrintWriter out = Dam.out(spec);
            for (Path f : files) {
                out.println(f);
            }
            if (files.isEmpty()) {
                out.println("no tables to draw under " + outputDir);
            }
            out.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }
}
