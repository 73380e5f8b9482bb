package dam.jobs.cli;

import dam.jobs.config.ConfigError;
import dam.jobs.spark.SparkTarget;
import dam.jobs.sweep.LogLevels;
import dam.jobs.sweep.StageFailure;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The single command-line entry point: {@code dam <subcommand> ...}; each subcommand is a thin adapter over
 * core or jobs. Every failure, from any layer, ends in one line on stderr naming what failed and an exit
 * code: {@value #OK} success, {@value #BAD_INPUT} bad input (options, config, an output directory that is
 * refused, in use or damaged; nothing written), {@value #FAILURE} a failure while running (Spark, storage,
 * memory). {@code --verbose} adds the stack trace.
 *
 * <p>Bad input is reported one way: a subcommand checks each option with {@link ConfigError#check} (or, where core rejects
 * a value, rethrows core's IllegalArgumentException as a {@link ConfigError} naming the option), the config loader
 * throws ConfigError naming the key, and {@link #report} prints "dam &lt;subcommand&gt;: field: reason".
 */
@Command(name = "dam", mixinStandardHelpOptions = true, version = "dam 0.1.0",
        description = "Dense associative memory: simulation, GFA theory and Spark parameter sweeps.",
        subcommands = {SimulateCommand.class, TheoryCommand.class, SweepCommand.class, ReportCommand.class,
                PhaseDiagramCommand.class, StationaryCommand.class,
                CommandLine.HelpCommand.class})
public final class Dam implements Runnable {

    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code for bad input: an unknown option, an invalid value, an unusable config or output directory. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a failure while running: Spark, the file system, memory. */
    public static final int FAILURE = 3;

    /** Options of earlier versions and their new names: refused with a line naming the new one. */
    static final Map<String, String> RENAMED_OPTIONS = Map.of("--N", "--neurons");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its code; first checks that the Spark on the class path is this jar's. */
    public static void main(String[] args) {
        if (!SparkTarget.checkRuntime(System.err)) {
            System.exit(BAD_INPUT);
        }
        CommandLine cl = commandLine();
        stopOnSignals(cl.getCommandSpec().qualifiedName() + subcommand(cl, args));
        System.exit(execute(cl, args));
    }

    /**
     * Makes Ctrl-C (SIGINT) and SIGTERM end this process with the one line "COMMAND: interrupted" (terminated) and exit
     * code 130 (143), nothing else; for a process's main method only.
     */
    public static void stopOnSignals(String command) {
        Interrupt.install(command);
    }

    /** Runs the command line and returns its exit code ({@value #OK}, {@value #BAD_INPUT} or {@value #FAILURE}). */
    public static int execute(String... args) {
        return execute(commandLine(), args);
    }

    /** Runs a configured command line; an Error that escapes picocli (it passes them on) gets the same one line. */
    public static int execute(CommandLine cl, String... args) {
        LogLevels.verbose(Arrays.asList(args).contains("--verbose"));
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            PrintWriter err = cl.getErr();
            int code = report(t, cl.getCommandSpec().qualifiedName() + subcommand(cl, args), err,
                    Arrays.asList(args).contains("--verbose"));
            err.flush();
            return code;
        }
    }

    private static String subcommand(CommandLine cl, String[] args) {
        for (String a : args) {
            if (cl.getSubcommands().containsKey(a)) {
                return " " + a;
            }
        }
        return "";
    }

    /** The configured command line: one-line errors, exit code 2 for bad input and 3 for failures. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Dam()));
    }

    /** Gives a command line (dam's, or a single subcommand's as in SweepApp) dam's error handling. */
    public static CommandLine configure(CommandLine cl) {
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine c = ex.getCommandLine();
            String renamed = renamedOption(argv);
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": "
                    + (renamed != null ? renamed : firstLine(ex.getMessage()) + " (see --help)"));
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            CommandLine.ParseResult innermost = parseResult;
            while (innermost.hasSubcommand()) {
                innermost = innermost.subcommand();
            }
            int code = report(ex, c.getCommandSpec().qualifiedName(), c.getErr(), innermost.hasMatchedOption("--verbose"));
            c.getErr().flush();
            return code;
        });
        return cl;
    }

    /** "--N: renamed to --neurons" if the arguments use a renamed option (an unknown option to picocli), else null. */
    static String renamedOption(String[] argv) {
        for (String arg : argv) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (RENAMED_OPTIONS.containsKey(name)) {
                return name + ": renamed to " + RENAMED_OPTIONS.get(name);
            }
        }
        return null;
    }

    /**
     * Prints the one line for a failure of command (and the trace if verbose) and returns its exit code:
     * {@value #BAD_INPUT} for a rejected input ({@link ConfigError}), {@value #FAILURE} for anything else.
     */
    static int report(Throwable ex, String command, PrintWriter err, boolean verbose) {
        if (Interrupt.stopping()) {
            return Interrupt.INTERRUPTED; // its one line is said, and the process exits with the signal's code
        }
        if (ex instanceof ConfigError) {
            err.println(command + ": " + firstLine(ex.getMessage()));
            if (verbose) {
                ex.printStackTrace(err);
            }
            return BAD_INPUT;
        }
        String what = ex instanceof StageFailure f ? "failed while " + f.stage() + ": " + describe(f.getCause())
                : "failed: " + describe(ex);
        err.println(command + ": " + what + (verbose ? "" : " (--verbose for the stack trace)"));
        if (verbose) {
            ex.printStackTrace(err);
        }
        return FAILURE;
    }

    /**
     * The root cause in one line ("OutOfMemoryError: Java heap space"), with the outermost message when that
     * one says more (Spark's "Job aborted due to stage failure ..." names the task).
     */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootLine = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
        if (root == t || t.getMessage() == null) {
            return cap(rootLine);
        }
        String outer = firstLine(t.getMessage());
        boolean said = outer.contains(rootLine) || (root.getMessage() != null && outer.contains(firstLine(root.getMessage())));
        return cap(said ? outer : outer + " (caused by " + rootLine + ")");
    }

    private static String cap(String s) {
        return s.length() <= 600 ? s : s.substring(0, 597) + "...";
    }

    static String firstLine(String s) {
        if (s == null) {
            return "invalid input";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** Writer for stdout that the subcommands share (picocli's, so tests can capture it). */
    static PrintWriter out(CommandLine.Model.CommandSpec spec) {
        return spec.commandLine().getOut();
    }
}
