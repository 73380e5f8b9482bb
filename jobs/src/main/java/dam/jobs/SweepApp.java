package dam.jobs;

import dam.jobs.cli.Dam;
import dam.jobs.cli.SweepCommand;
import dam.jobs.spark.SparkTarget;
import picocli.CommandLine;

/**
 * The spark-submit entry point: {@code spark-submit --class dam.jobs.SweepApp dam-jobs-spark-4_2.13-0.1.0.jar
 * <config> [--overwrite | --adopt] [--output DIR] [--master URL] [--conf KEY=VALUE]}, the same arguments, driver,
 * error lines and exit codes as {@code dam sweep}.
 */
public final class SweepApp {

    private SweepApp() {
    }

    /** Runs the sweep command and exits with its code; first checks that the Spark it runs on is this jar's. */
    public static void main(String[] args) {
        if (!SparkTarget.checkRuntime(System.err)) {
            System.exit(Dam.BAD_INPUT);
        }
        CommandLine cl = Dam.configure(new CommandLine(new SweepCommand()));
        Dam.stopOnSignals(cl.getCommandSpec().qualifiedName());
        System.exit(Dam.execute(cl, args));
    }
}
