package dam.jobs.sweep;

import dam.jobs.spark.SparkExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.jobs.config.ConfigError;
import dam.jobs.config.OutputLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-writer lease: exclusive, taken over only when stale, renewed while held, checked before commits. */
@Tag("spark")
@ExtendWith(SparkExtension.class)
class OutputLockTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private OutputDirectory dir(String name) throws IOException {
        OutputDirectory d = OutputDirectory.open(OutputLocation.of(tmp.resolve(name).toString()), new Configuration());
        d.mkdirs();
        return d;
    }

    /** Every entry under dir with its size and modification time (the directory's own included). */
    private static String listing(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + ":" + (Files.isDirectory(p) ? "" : p.toFile().length() + ":")
                    + p.toFile().lastModified()).sorted().toList().toString();
        }
    }

    private static String lockFile(String host, long pid, Instant expires) {
        return new OutputLock.Holder("other-token", host, pid, -1, "dam sweep other.conf",
                Instant.now().minusSeconds(600).toEpochMilli(), expires.toEpochMilli()).json();
    }

    @Test
    void ofManyRunsStartingAtTheSameInstantExactlyOneGetsTheLock() throws Exception {
        OutputDirectory d = dir("race");
        int runs = 12;
        CyclicBarrier start = new CyclicBarrier(runs);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<OutputLock>> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return OutputLock.acquire(d, "run", err);
                    } catch (ConfigError e) {
                        assertTrue(e.getMessage().contains(" is in use by run (pid "), e.getMessage());
                        return null;
                    }
                }));
            }
            List<OutputLock> won = new ArrayList<>();
            for (Future<OutputLock> f : results) {
                if (f.get() != null) {
                    won.add(f.get());
                }
            }
            assertEquals(1, won.size());
            won.get(0).close();
            assertFalse(d.exists(OutputLock.FILE), "released");
            assertEquals("", errBytes.toString(StandardCharsets.UTF_8), "nobody took over a live lock");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockOfAProcessThatIsGoneIsTakenOverAtOnceWithALine() throws Exception {
        OutputDirectory d = dir("dead");
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        d.writeAtomically(OutputLock.FILE, lockFile(host, p.pid(), Instant.now().plusSeconds(3600)));
        try (OutputLock lock = OutputLock.acquire(d, "me", err)) {
            lock.verify();
        }
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).startsWith("[sweep] took over the lock of " + d.display()
                + " from dam sweep other.conf (pid " + p.pid() + " on " + host + ", since "), errBytes.toString());
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains(": process " + p.pid() + " is no longer running"));
    }

    @Test
    void anExpiredLeaseFromAnotherHostIsTakenOverButALiveOneIsNot() throws Exception {
        OutputDirectory d = dir("remote");
        d.writeAtomically(OutputLock.FILE, lockFile("elsewhere.example", 4242, Instant.now().plusSeconds(90)));
        ConfigError e = assertThrows(ConfigError.class, () -> OutputLock.acquire(d, "me", err));
        assertTrue(e.getMessage().startsWith("sweep.output: " + d.display() + " is in use by dam sweep other.conf "
                + "(pid 4242 on elsewhere.example, since "), e.getMessage());
        assertTrue(e.getMessage().matches(".*; its lease expires in (89|90) s unless renewed; wait for it, or stop it"),
                e.getMessage());

        d.writeAtomically(OutputLock.FILE, lockFile("elsewhere.example", 4242, Instant.now().minusSeconds(5)));
        try (OutputLock lock = OutputLock.acquire(d, "me", err)) {
            lock.verify();
        }
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains(": its lease expired 5 s ago")
                || errBytes.toString(StandardCharsets.UTF_8).contains(": its lease expired 4 s ago"), errBytes.toString());
    }

    @Test
    void theLeaseIsRenewedWhileHeld() throws Exception {
        OutputDirectory d = dir("renew");
        try (OutputLock lock = OutputLock.acquire(d, "me", Duration.ofMillis(400), err)) {
            long first = OutputLock.Holder.parse(d.readText(OutputLock.FILE).orElseThrow()).orElseThrow().expires();
            Thread.sleep(1000); // several renewals, and past the first expiry
            long later = OutputLock.Holder.parse(d.readText(OutputLock.FILE).orElseThrow()).orElseThrow().expires();
            assertTrue(later > first + 400, first + " -> " + later);
            lock.verify();
        }
    }

    @Test
    void aRunThatLostItsLockIsStoppedBeforeCommitting() throws Exception {
        OutputDirectory d = dir("lost");
        try (OutputLock lock = OutputLock.acquire(d, "me", err)) {
            d.writeAtomically(OutputLock.FILE, lockFile("elsewhere.example", 4242, Instant.now().plusSeconds(90)));
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::verify);
            assertTrue(e.getMessage().startsWith("lost the lock of " + d.display() + ": the lock file no longer names "
                    + "this run (it names dam sweep other.conf (pid 4242 on elsewhere.example"), e.getMessage());
        }
        assertTrue(d.exists(OutputLock.FILE), "closing does not delete another run's lock");
    }

    @Test
    void aSecondWriterIsRefusedWithOneLineBeforeTouchingAnything() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(out.resolve("_sweep.json"), "{}");
        Path conf = Files.writeString(tmp.resolve("c.conf"), "sweep { n = [3], neurons = [64], alpha = [0.1], m0 = [0.5] }");
        try (OutputLock held = OutputLock.acquire(dir("busy"), "dam sweep first.conf", err)) {
            String before = listing(out);
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream saved = System.err;
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = dam.jobs.cli.Dam.execute("sweep", conf.toString(), "--output", out.toString(), "--overwrite");
            } finally {
                System.setErr(saved);
            }
            String line = captured.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, line);
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.startsWith("dam sweep: sweep.output: " + out + " is in use by dam sweep first.conf (pid "), line);
            assertEquals(before, listing(out), "nothing touched, not even --overwrite");
        }
    }
}
