package dam.jobs.sweep;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code dam ARGS} in a child JVM on the test class path, as bin/dam runs it, so that a test can kill it with SIGKILL. */
final class DamProcess {

    private final Process process;
    private final long startNanos;
    private final Path log;

    private DamProcess(Process process, long startNanos, Path log) {
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
    }

    /** Starts {@code dam args...}, stdout and stderr into log. */
    static DamProcess start(Path log, String... args) throws IOException {
        return startCommand(log, command(args));
    }

    /** Starts a command (e.g. {@code bash -c "ulimit -f 100; exec ..."} around {@link #command}), stdout and stderr into log. */
    static DamProcess startCommand(Path log, List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new DamProcess(p, System.nanoTime(), log);
    }

    /** The command line of {@code dam args...} in a child JVM on the test class path. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty") || a.startsWith("-Xss")) {
                cmd.add(a);
            }
        }
        // A short run: the C1 compiler alone starts faster and is fast enough for these small grids.
        cmd.addAll(List.of("-Xmx768m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "dam.jobs.cli.Dam"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Sends a signal (INT, TERM) to the process. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** The lines of its output so far. */
    List<String> lines() throws IOException {
        return Files.readAllLines(log);
    }

    Process process() {
        return process;
    }

    long startNanos() {
        return startNanos;
    }

    /** Seconds since the start. */
    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Kills it with SIGKILL and returns its exit code (137 if it was still running). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return await();
    }

    /** Waits for the end (at most 10 minutes) and returns the exit code. */
    int await() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("dam did not finish within 10 minutes: " + tail());
        }
        return process.exitValue();
    }

    /** The last lines of its output, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
