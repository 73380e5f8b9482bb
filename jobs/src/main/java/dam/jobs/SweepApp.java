package dam.jobs;

import dam.jobs.cli.Dam;
import dam.jobs.cli.SweepCommand;
import picocli.CommandLine;

/**
 * The spark-submit entry point: {@code spark-submit --class dam.jobs.SweepApp dam-jobs-0.1.0-spark.jar
 * <config> [--overwrite | --adopt] [--output DIR] [--master URL] [--conf KEY=VALUE]}, the same arguments, driver, error
 * lines and exit codes as {@code dam sweep}.
 */
public final class SweepApp {

    private SweepApp() {
    }

    /** Runs the sweep command and exits with its code. */
    public static void main(String[] args) {
        CommandLine cl = Dam.configure(new CommandLine(new SweepCommand()));
        Dam.stopOnSignals(cl.getCommandSpec().qualifiedName());
        System.exit(Dam.execute(cl, args));
    }
}
