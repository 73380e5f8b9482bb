package dam.jobs.cli;

import dam.jobs.sweep.Progress;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and kill (SIGTERM) of a dam process: one line "dam sweep: interrupted" (or "terminated") and exit
 * code 130 (143), nothing else. Without this the JVM's shutdown stops Spark under the running jobs, whose failures
 * would print Spark's ERROR lines and a "failed while batch ..." line that blames the batch. A stopped sweep resumes
 * like a killed one (its lock is taken over as stale).
 */
final class Interrupt {

    /** Exit code of a run stopped by SIGINT (128 + 2, as a shell reports it). */
    static final int INTERRUPTED = 130;
    /** Exit code of a run stopped by SIGTERM (128 + 15). */
    static final int TERMINATED = 143;

    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private Interrupt() {
    }

    /** Handles SIGINT and SIGTERM in this JVM on behalf of command ("dam sweep"); for the process's main only. */
    static void install(String command) {
        PrintStream err = System.err;
        Signal.handle(new Signal("INT"), s -> stop(command + ": interrupted", INTERRUPTED, err));
        Signal.handle(new Signal("TERM"), s -> stop(command + ": terminated", TERMINATED, err));
    }

    /** True once a signal stops the process: every other failure line is then left unsaid. */
    static boolean stopping() {
        return STOPPING.get();
    }

    private static void stop(String line, int code, PrintStream err) {
        if (!STOPPING.compareAndSet(false, true)) {
            return;
        }
        // Silence everything that the shutdown would print: Spark's logging, and whatever writes to System.err directly.
        Configurator.setAllLevels(LogManager.getRootLogger().getName(), Level.OFF);
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        err.println(Progress.lineOpen() ? System.lineSeparator() + line : line); // not at the end of a progress line
        err.flush();
        // Exit from a thread of its own: the shutdown hooks (Spark's own cleanup) run, and a later System.exit of the
        // main thread waits for this one and leaves its code.
        Thread exit = new Thread(() -> System.exit(code), "dam-exit");
        exit.setDaemon(false);
        exit.start();
    }
}
