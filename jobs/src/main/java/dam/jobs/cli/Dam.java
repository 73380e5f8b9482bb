package dam.jobs.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single command-line entry point: {@code dam <subcommand> ...}; each subcommand is a thin adapter over core or jobs. */
@Command(name = "dam", mixinStandardHelpOptions = true, version = "dam 0.1.0",
        description = "Dense associative memory: simulation, GFA theory and Spark parameter sweeps.",
        subcommands = {SimulateCommand.class, TheoryCommand.class, SweepCommand.class, ReportCommand.class,
                PhaseDiagramCommand.class,
                CommandLine.HelpCommand.class})
public final class Dam implements Runnable {

    /** Exit code for bad input: an unknown option, an invalid value, an unusable config. */
    public static final int BAD_INPUT = 2;

    /** Options of earlier versions and their new names: refused with a line naming the new one. */
    static final Map<String, String> RENAMED_OPTIONS = Map.of("--N", "--neurons");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 2 bad input, 1 failure). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line: one-line errors for bad input, exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Dam());
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine c = ex.getCommandLine();
            String renamed = renamedOption(argv);
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": "
                    + (renamed != null ? renamed : firstLine(ex.getMessage()) + " (see --help)"));
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + firstLine(ex.getMessage()));
                return BAD_INPUT;
            }
            throw ex;
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

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Throws a one-line bad-input error naming the option if the condition fails. */
    public static void require(boolean condition, String option, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(option + ": " + reason);
        }
    }

    /** Writer for stdout that the subcommands share (picocli's, so tests can capture it). */
    static PrintWriter out(CommandLine.Model.CommandSpec spec) {
        return spec.commandLine().getOut();
    }
}
