package dam.jobs.cli;

import picocli.CommandLine.Option;

/** The --verbose option every subcommand shares: the stack trace of a failure after its one line. */
public final class Verbosity {

    @Option(names = "--verbose", description = "On failure, print the stack trace after the one-line message")
    boolean verbose;
}
