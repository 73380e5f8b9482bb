package dam.jobs.cli;

import dam.jobs.config.ConfigError;
import dam.jobs.config.ConfigLoader;
import dam.jobs.config.SweepConfig;
import dam.jobs.report.Report;
import dam.jobs.sweep.SweepDriver;
import dam.jobs.sweep.SweepSession;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sweep <config> [--overwrite] [--output DIR] [--master URL]}: runs or resumes a parameter sweep.
 * Exit code 0 on success, 2 for a rejected config or output directory (nothing written), 1 otherwise.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run (or resume) a parameter sweep on Spark and write trials/, theory/, grid/, basins/ and the figures.")
public final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<config>", description = "HOCON sweep config (see conf/README.md)")
    Path config;

    @Option(names = "--overwrite", description = "Delete an earlier sweep in the output directory instead of resuming it")
    boolean overwrite;

    @Option(names = "--output", paramLabel = "DIR", description = "Output directory (default: sweep.output of the config)")
    Path output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's --master, else sweep.spark.master)")
    String master;

    @Option(names = "--no-report", description = "Skip the PNG figures at the end of a complete run")
    boolean noReport;

    @Override
    public Integer call() {
        return run(config, output, master, overwrite, !noReport);
    }

    /**
     * Loads, validates and runs a sweep, then (if report) draws the figures of a complete run into
     * OUTPUT/figures/ on the same Spark session; returns the exit code (0 ok, 2 bad config, 1 failure).
     */
    public static int run(Path config, Path output, String master, boolean overwrite, boolean report) {
        SweepConfig c;
        try {
            c = resolve(config, output, master);
        } catch (ConfigError e) {
            System.err.println("dam sweep: " + e.getMessage());
            return 2;
        }
        try {
            if (!report) {
                SweepDriver.run(c, new SweepDriver.Options(overwrite, System.err, System.out, Integer.MAX_VALUE));
                return 0;
            }
            // One session for the sweep and the report: the driver leaves a session it did not start running.
            var spark = SweepSession.start(c.spark());
            try {
                SweepDriver.Outcome outcome = SweepDriver.run(c,
                        new SweepDriver.Options(overwrite, System.err, System.out, Integer.MAX_VALUE));
                if (outcome.complete()) {
                    for (Path figure : Report.write(spark, c.output())) {
                        System.out.println("figure: " + figure);
                    }
                }
            } finally {
                spark.stop();
            }
            return 0;
        } catch (ConfigError e) {
            System.err.println("dam sweep: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("dam sweep: failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    /** The validated config with the command-line overrides applied (--output, then --master or spark-submit's master). */
    public static SweepConfig resolve(Path config, Path output, String master) {
        SweepConfig c = ConfigLoader.load(config);
        if (output != null) {
            Path abs = output.toAbsolutePath().normalize();
            ConfigLoader.checkWritable(abs, "output");
            c = c.withOutput(abs);
        }
        String submitted = System.getProperty("spark.master"); // set by spark-submit
        String chosen = master != null ? master : submitted;
        if (chosen != null && !chosen.isBlank()) {
            c = c.withSpark(c.spark().withMaster(chosen));
            ConfigLoader.checkPatternMatrices(c);
        }
        return c;
    }
}
