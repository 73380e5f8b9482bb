package dam.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dam.jobs.config.ConfigError;
import dam.jobs.config.SweepConfig;
import dam.jobs.phase.PhaseDiagramJob;
import dam.jobs.phase.TheoryPhaseDiagram;
import dam.jobs.sweep.DryRun;
import dam.jobs.sweep.SweepOutput;
import dam.jobs.sweep.SweepSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code phase-diagram <config>}: the config's sweep (simulation points), the theory's alpha_c(n, T) and
 * basin boundary m0_c(alpha; T) on a fine grid of loads for every horizon T of theory.horizons, the T -&gt; infinity
 * extrapolation of alpha_c, the tables phase_diagram/ and capacity/, the
 * finite-size extrapolation of the simulated boundaries (finite_size/), and the figures. Exit code 0 on success, 2 for bad input, 3 for a failure while running.
 */
@Command(name = "phase-diagram", mixinStandardHelpOptions = true,
        description = "Sweep a config, then compute the theory's capacity alpha_c(n, T) and basin boundary m0_c(alpha; T) "
                + "for every horizon T of theory.horizons, and the T -> infinity extrapolation of alpha_c; "
                + "write phase_diagram/, capacity/, finite_size/ (simulated boundaries by network size, extrapolated "
                + "to N -> infinity) and the figures into the sweep's output directory.")
public final class PhaseDiagramCommand implements Callable<Integer> {

    /** Most theory loads per n: each is a Spark task of a basin-boundary bisection, and its rows reach the driver. */
    static final int MAX_ALPHA_POINTS = 100_000;

    @Parameters(index = "0", paramLabel = "<config>", description = "HOCON sweep config (e.g. conf/phase-diagram.conf)")
    Path config;

    @Option(names = "--no-simulation", description = "Skip the sweep: theory only (plus any basins/ already in the output directory)")
    boolean noSimulation;

    @Option(names = "--alpha-points", defaultValue = "24",
            description = "Theory loads per n, alpha_c k / K for k = 1..K (default ${DEFAULT-VALUE})")
    int alphaPoints;

    @Option(names = "--capacity-tol", defaultValue = "0.01",
            description = "Relative tolerance of alpha_c (default ${DEFAULT-VALUE})")
    double capacityTol;

    @Option(names = "--overwrite", description = "Delete an earlier sweep in the output directory instead of resuming it "
            + "(only what dam wrote: a directory that holds anything else is refused)")
    boolean overwrite;

    @Option(names = "--adopt", description = "Resume a damaged output directory (its _progress/ ledger lost): rebuild the "
            + "ledger from its readable part files first")
    boolean adopt;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Output directory: a local path or a URI such as hdfs://nn:8020/sweeps/x (default: sweep.output of the config)")
    String output;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else sweep.spark.master)")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, as spark-submit takes it (repeatable; merged over sweep.spark.conf, later wins)")
    List<String> conf = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the plan (grid, batches, Spark tasks, theory solves, what the "
            + "output directory holds, memory per task, estimated CPU time) without running anything or writing anything")
    boolean dryRun;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        ConfigError.check(alphaPoints >= 1 && alphaPoints <= MAX_ALPHA_POINTS, "--alpha-points",
                "must lie in [1, " + MAX_ALPHA_POINTS + "] (theory loads per n, one bisection task each), got " + alphaPoints);
        ConfigError.check(capacityTol > 0 && capacityTol < 1, "--capacity-tol", "must lie in (0, 1), got " + capacityTol);
        ConfigError.check(!(overwrite && adopt), "--adopt", "cannot go with --overwrite (which deletes what --adopt keeps)");
        SweepConfig c = SweepCommand.resolve(config, output, master, conf);
        if (dryRun) {
            DryRun.print(c, overwrite ? SweepOutput.Mode.OVERWRITE : adopt ? SweepOutput.Mode.ADOPT : SweepOutput.Mode.RESUME,
                    new DryRun.PhaseDiagram(!noSimulation, alphaPoints, capacityTol), "dam phase-diagram " + config,
                    SweepSession.hadoopConfiguration(c.spark()), System.out);
            return Dam.OK;
        }
        System.setProperty("java.awt.headless", "true");
        PhaseDiagramJob.Outcome outcome = PhaseDiagramJob.run(c,
                new PhaseDiagramJob.Options(!noSimulation, overwrite, alphaPoints, capacityTol, System.err, adopt));
        System.out.println(outcome.summary(c.load()));
        outcome.figures().forEach(System.out::println);
        return Dam.OK;
    }
}
