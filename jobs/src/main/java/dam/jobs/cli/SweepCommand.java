package dam.jobs.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import dam.jobs.config.ConfigError;
import dam.jobs.config.ConfigLoader;
import dam.jobs.config.SweepConfig;
import dam.jobs.report.Report;
import dam.jobs.sweep.DryRun;
import dam.jobs.sweep.SweepDriver;
import dam.jobs.sweep.SweepOutput;
import dam.jobs.sweep.StageFailure;
import dam.jobs.sweep.SweepSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sweep <config> [--overwrite] [--output DIR] [--master URL] [--conf KEY=VALUE ...] [--dry-run]}: runs or resumes a
 * parameter sweep. Exit code 0 on success, 2 for bad input (config, options, an output directory that is
 * refused or in use: nothing written), 3 for a failure while running.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run (or resume) a parameter sweep on Spark and write trials/, theory/, grid/, basins/ and the figures.")
public final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<config>", description = "HOCON sweep config (see conf/README.md)")
    Path config;

    @Option(names = "--overwrite", description = "Delete an earlier sweep in the output directory instead of resuming it "
            + "(only what dam wrote: a directory that holds anything else is refused)")
    boolean overwrite;

    @Option(names = "--adopt", description = "Resume a damaged output directory (its _progress/ ledger lost): rebuild the "
            + "ledger from its readable part files first, keeping every complete grid point")
    boolean adopt;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Output directory: a local path or a URI such as hdfs://nn:8020/sweeps/x "
                    + "(default: sweep.output of the config)")
    String output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's --master, else sweep.spark.master)")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, as spark-submit takes it (repeatable; merged over sweep.spark.conf, later wins)")
    List<String> conf = new ArrayList<>();

    @Option(names = "--no-report", description = "Skip the PNG figures at the end of a complete run")
    boolean noReport;

    @Option(names = "--dry-run", description = "Print the plan (grid, batches, Spark tasks, what the output directory "
            + "holds, memory per task, estimated CPU time) without running anything or writing anything")
    boolean dryRun;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        ConfigError.check(!(overwrite && adopt), "--adopt", "cannot go with --overwrite (which deletes what --adopt keeps)");
        SweepConfig c = resolve(config, output, master, conf);
        SweepOutput.Mode mode = overwrite ? SweepOutput.Mode.OVERWRITE : adopt ? SweepOutput.Mode.ADOPT : SweepOutput.Mode.RESUME;
        if (dryRun) {
            DryRun.print(c, mode, null, "dam sweep " + config, SweepSession.hadoopConfiguration(c.spark()), System.out);
            return Dam.OK;
        }
        run(c, mode, !noReport, "dam sweep " + config);
        return Dam.OK;
    }

    /**
     * Runs a validated sweep on the output directory and session of {@link SweepSession#runOnOutput} (opened and
     * locked before Spark starts; a resume with nothing to do and its figures drawn starts no Spark at all), and
     * (if report) draws the figures of a complete run into OUTPUT/figures/ on the same session.
     */
    static void run(SweepConfig c, SweepOutput.Mode mode, boolean report, String command) {
        long t0 = System.nanoTime();
        SweepDriver.Options options = new SweepDriver.Options(mode == SweepOutput.Mode.OVERWRITE, System.err,
                System.out, Integer.MAX_VALUE, mode == SweepOutput.Mode.ADOPT);
        SweepSession.runOnOutput(c, mode, command, System.err, out -> {
            List<String> drawn = report ? Report.upToDate(out.dir(), out.ledger()) : List.of();
            if (drawn == null || !SweepDriver.nothingToRun(c, out)) {
                return Optional.empty();
            }
            SweepDriver.Outcome outcome = SweepDriver.closeWithoutSpark(c, out, options, t0);
            drawn.forEach(f -> System.out.println("figure: " + f));
            return Optional.of(outcome);
        }, (out, spark) -> {
            SweepDriver.Outcome outcome = SweepDriver.run(c, out, spark, options, t0);
            if (report && outcome.complete()) {
                List<String> figures;
                try {
                    out.lock().verify();
                    figures = Report.writeIfChanged(spark, out.dir(), out.ledger());
                } catch (ConfigError e) {
                    throw e;
                } catch (Exception | Error e) { // Exception: Scala code throws checked ones (SparkException) undeclared
                    throw new StageFailure("drawing the figures", e);
                }
                for (String figure : figures) {
                    System.out.println("figure: " + figure);
                }
            }
            return outcome;
        });
    }

    /**
     * The validated config with the command-line overrides laid over it before validation: --output, the
     * master (--master, else spark-submit's), and each --conf KEY=VALUE into sweep.spark.conf.
     */
    public static SweepConfig resolve(Path config, String output, String master, List<String> conf) {
        return ConfigLoader.load(config, overrides(output, master, conf));
    }

    /** The command-line overrides as sweep.* keys. */
    static Config overrides(String output, String master, List<String> conf) {
        Config o = ConfigFactory.empty();
        if (output != null) {
            o = o.withValue("sweep.output", ConfigValueFactory.fromAnyRef(output, "--output"));
        }
        String submitted = System.getProperty("spark.master"); // set by spark-submit
        String chosen = master != null ? master : submitted;
        if (chosen != null && !chosen.isBlank()) {
            o = o.withValue("sweep.spark.master", ConfigValueFactory.fromAnyRef(chosen, "--master"));
        }
        for (String pair : conf == null ? List.<String>of() : conf) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? "" : pair.substring(0, eq).trim();
            if (eq < 0 || !key.startsWith("spark.") || key.length() == "spark.".length()) {
                throw new ConfigError("--conf", "expected a Spark setting KEY=VALUE with KEY = spark.*, got '" + pair + "'");
            }
            o = o.withValue("sweep.spark.conf." + ConfigUtil.quoteString(key),
                    ConfigValueFactory.fromAnyRef(pair.substring(eq + 1), "--conf"));
        }
        return o;
    }
}
