package dam.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 17.7: {@code dam sweep} as a process stops on a signal, or refuses a file-size limit, with one line and its
 * exit code, nothing else on stdout or stderr; a stopped sweep resumes.
 */
@Tag("spark")
class SweepProcessTest {

    @TempDir
    Path tmp;

    /** 12 points in 12 batches, theory on: several seconds of work after the first progress line. */
    private static final String CONFIG = "sweep { n = [2, 3], neurons = [48], alpha = [0.05, 0.12], m0 = [0.3, 0.6, 0.9],"
            + " trials = 12, states-per-pattern-set = 4, steps = 8, seed = 11, unit-trials = 4, batch-points = 1,"
            + " theory { enabled = true, paths = 1000, basin-tol = 0.05 }, spark.master = \"local[2]\" }";

    /**
     * Ctrl-C (SIGINT) or kill (SIGTERM) in the middle of a batch: "dam sweep: interrupted" (or terminated) as the last
     * line and exit 130 (143), with no Spark ERROR line and no "failed while batch ..." after the signal; the rerun
     * completes the sweep.
     */
    @ParameterizedTest
    @CsvSource({"INT, interrupted, 130", "TERM, terminated, 143"})
    void aSignalStopsTheSweepWithOneLineAndTheSignalsExitCode(String signal, String word, int code) throws Exception {
        Path conf = Files.writeString(tmp.resolve("sweep.conf"), CONFIG);
        Path out = tmp.resolve("out-" + signal);
        // The child gets the signal's default disposition: a test run in the background (nohup, CI) inherits SIGINT
        // ignored, which a JVM keeps ignoring, as it should for a dam started in the background.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=" + signal));
        command.addAll(DamProcess.command("sweep", conf.toString(), "--output", out.toString(), "--no-report"));
        DamProcess run = DamProcess.startCommand(tmp.resolve(signal + ".log"), command);
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (run.lines().stream().noneMatch(l -> l.startsWith("[sweep] points"))) {
            assertTrue(run.process().isAlive(), run.tail());
            assertTrue(System.nanoTime() < deadline, "no progress within 4 minutes: " + run.tail());
            Thread.sleep(50);
        }
        int seen = run.lines().size();
        run.signal(signal);
        assertEquals(code, run.await(), run.tail());
        List<String> after = new ArrayList<>(run.lines().subList(seen, run.lines().size()));
        after.removeIf(l -> l.startsWith("[sweep] points")); // progress printed before the signal arrived
        assertEquals(List.of("dam sweep: " + word), after, run.tail());

        DamProcess rerun = DamProcess.start(tmp.resolve(signal + "-rerun.log"), "sweep", conf.toString(), "--output",
                out.toString(), "--no-report");
        assertEquals(0, rerun.await(), rerun.tail());
        assertTrue(rerun.lines().get(rerun.lines().size() - 1).startsWith("sweep: 12 grid points"), rerun.tail());
    }

    /**
     * A file-size limit (ulimit -f) where Spark unpacks its native codecs: one line naming the temporary directory
     * and exit 2 before anything is written, not a snappy stack trace ending in an UnsatisfiedLinkError.
     */
    @Test
    void aFileSizeLimitIsOneLineNamingTheTemporaryDirectory() throws Exception {
        Path conf = Files.writeString(tmp.resolve("sweep.conf"), CONFIG);
        Path out = tmp.resolve("out-ulimit");
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        List<String> java = DamProcess.command("sweep", conf.toString(), "--output", out.toString());
        java.add(1, "-Djava.io.tmpdir=" + scratch);
        StringBuilder line = new StringBuilder("ulimit -f 100; exec");
        for (String a : java) {
            line.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        DamProcess run = DamProcess.startCommand(tmp.resolve("ulimit.log"), List.of("bash", "-c", line.toString()));
        assertEquals(2, run.await(), run.tail());
        List<String> lines = run.lines();
        assertEquals(1, lines.size(), run.tail());
        assertTrue(lines.get(0).startsWith("dam sweep: java.io.tmpdir: cannot write 4 MiB into " + scratch
                + " (File too large): "), lines.get(0));
        assertFalse(Files.exists(out));
    }
}
