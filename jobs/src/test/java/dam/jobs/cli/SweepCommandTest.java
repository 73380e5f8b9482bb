package dam.jobs.cli;

import dam.jobs.spark.SparkExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.jobs.config.ConfigError;
import dam.jobs.config.SweepConfig;
import dam.jobs.sweep.SweepDescription;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The command line's contract: one line and exit code 2 for bad input, 3 for a failure, nothing written. */
@Tag("spark")
@ExtendWith(SparkExtension.class)
class SweepCommandTest {

    @TempDir
    Path tmp;

    /** Runs {@code dam args...} and returns the exit code; stderr is captured into err. */
    private static int dam(StringBuilder err, String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = Dam.commandLine();
            cl.setOut(new PrintWriter(new StringWriter()));
            return Dam.execute(cl, args);
        } finally {
            System.setErr(saved);
            err.append(buf.toString(StandardCharsets.UTF_8));
        }
    }

    private Path config(String body) throws Exception {
        return Files.writeString(tmp.resolve("c" + System.nanoTime() + ".conf"), "sweep { " + body + " }");
    }

    /** Every entry under dir with its size and modification time (the directory's own included). */
    static String listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + ":" + (Files.isDirectory(p) ? "" : p.toFile().length() + ":")
                    + p.toFile().lastModified()).sorted().toList().toString();
        }
    }

    @Test
    void aBadConfigExitsWithCodeTwoOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        Path conf = config("n = [3], neurons = [64], alpha = [-0.1], m0 = [0.5], output = \"" + out + "\"");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString()));
        assertEquals("dam sweep: sweep.alpha: must be > 0, got -0.1\n", err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void aConfigWithTheOldKeyNExitsWithCodeTwoNamingTheNewName() throws Exception {
        Path out = tmp.resolve("out-n");
        Path conf = Files.writeString(tmp.resolve("old.conf"), "sweep { n = [3], N = [64], alpha = [0.1],"
                + " m0 = [0.5], output = \"" + out + "\" }");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString()));
        assertEquals("dam sweep: sweep.N: renamed to neurons\n", err.toString());
        assertFalse(Files.exists(out));
    }

    /**
     * An older dam's directory is refused by its table schema before its ledger is read: the old record (key N,
     * a file under n=3/ that is no complete Parquet file) would otherwise read as a damaged ledger.
     */
    @Test
    void anOutputOfTheOldTableSchemaIsNotResumedIntoAMixedLayout() throws Exception {
        // What an older dam left: _sweep.json without table_schema, n=... partition directories, column N.
        Path old = Files.createDirectories(tmp.resolve("old-out"));
        Files.writeString(old.resolve("_sweep.json"), "{\"version\": \"0.1.0\", \"runs\": [\"2026-01-01T00:00:00Z\"]}");
        Path part = Files.createDirectories(old.resolve("grid/n=3")).resolve("part-00000.parquet");
        Files.writeString(part, "old bytes");
        Path record = Files.createDirectories(old.resolve("_progress")).resolve("batch-00000-1.json");
        Files.writeString(record, "{\"points\": [{\"n\": 3, \"N\": 64, \"alpha\": 0.1, \"m0\": 0.5, \"p\": 410}],"
                + " \"theory\": [], \"files\": [\"grid/n=3/part-00000.parquet\"]}");
        Path conf = Files.writeString(tmp.resolve("ok2.conf"), "sweep { n = [3], neurons = [64], alpha = [0.1], m0 = [0.5] }");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", old.toString()));
        assertEquals("dam sweep: sweep.output: " + old + " holds tables of schema version 1, and this dam reads and "
                + "writes version " + SweepDescription.TABLE_SCHEMA + " (column neurons, not N; no n=... directories; "
                + "per-pattern-set counts in grid/; one theory seed per basin boundary in basins/; "
                + "docs/tables.md); use --overwrite or "
                + "another --output\n", err.toString());
        assertEquals("old bytes", Files.readString(part));
        assertEquals(3, Files.list(old).count()); // nothing added
        assertEquals(1, Files.list(old.resolve("_progress")).count());
    }

    /** The previous flat layout (table_schema 2) has no per-pattern-set counts in grid/, from which basins/ is computed. */
    @Test
    void anOutputOfSchemaVersionTwoIsNotResumedIntoTablesWithoutPerPatternSetCounts() throws Exception {
        Path v2 = Files.createDirectories(tmp.resolve("v2-out"));
        Files.writeString(v2.resolve("_sweep.json"), "{\"settings\": {}, \"runs\": [], \"table_schema\": 2}");
        Path conf = Files.writeString(tmp.resolve("v2.conf"), "sweep { n = [3], neurons = [64], alpha = [0.1], m0 = [0.5] }");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", v2.toString()));
        assertTrue(err.toString().startsWith("dam sweep: sweep.output: " + v2 + " holds tables of schema version 2, and "
                + "this dam reads and writes version " + SweepDescription.TABLE_SCHEMA + " ("), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertEquals(List.of(v2.resolve("_sweep.json")), Files.list(v2).toList());
    }

    @Test
    void aMissingConfigFileExitsWithCodeTwo() {
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", tmp.resolve("nope.conf").toString()));
        assertTrue(err.toString().startsWith("dam sweep: config: no such file: "), err.toString());
    }

    /** Issue 17.9: a config that exists but is no file says what it is, not "no such file". */
    @ParameterizedTest
    @ValueSource(strings = {"directory", "/dev/null"})
    void aConfigThatIsADirectoryOrADeviceSaysWhatItIs(String which) {
        String path = which.equals("directory") ? tmp.toString() : which;
        String expected = which.equals("directory") ? path + " is a directory, not a config file"
                : path + " is not a regular file (a device, pipe or socket); give a config file";
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", path));
        assertEquals("dam sweep: config: " + expected + "\n", err.toString());
    }

    /** Issue 17.9: an output URI of a file system that only reads is an unsupported scheme, not "a file". */
    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/x", "https://example.com/sweeps/x"})
    void anOutputOnAReadOnlyFileSystemIsAnUnsupportedScheme(String output) throws Exception {
        Path conf = config("n = [3], neurons = [64], alpha = [0.1], m0 = [0.5]");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", output));
        String scheme = output.substring(0, output.indexOf(':'));
        assertTrue(err.toString().startsWith("dam sweep: sweep.output: scheme '" + scheme + "' is not supported: Hadoop's "),
                err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    /** Issue 17.9: an empty _sweep.json is said to be truncated, not to hold tables of schema version 1. */
    @ParameterizedTest
    @ValueSource(strings = {"", "\n  \n"})
    void anEmptySweepDescriptionIsSaidToBeTruncated(String content) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("empty-description-" + content.length()));
        Files.writeString(out.resolve("_sweep.json"), content);
        Path conf = config("n = [3], neurons = [64], alpha = [0.1], m0 = [0.5]");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", out.toString()));
        assertEquals("dam sweep: sweep.output: " + out.resolve("_sweep.json") + " is empty (" + content.length()
                + " bytes): it was truncated outside dam (a copy or a full disk); rerun with --overwrite to start afresh, "
                + "or restore it\n", err.toString());
        assertEquals(List.of(out.resolve("_sweep.json")), Files.list(out).toList());
    }

    @Test
    void aForeignOutputDirectoryIsNeverWrittenInto() throws Exception {
        Path foreign = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(foreign.resolve("holiday.jpg"), "not a sweep");
        Path conf = config("n = [3], neurons = [64], alpha = [0.1], m0 = [0.5]");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", foreign.toString(), "--overwrite"));
        assertEquals("dam sweep: sweep.output: " + foreign + " is not empty and holds no _sweep.json; refusing to write into it\n",
                err.toString());
        assertEquals(1, Files.list(foreign).count());
    }

    /** Issue 9.5: --output replaces the config's output before validation, so a bad config output does not matter. */
    @Test
    void outputOptionReplacesTheConfigsOutputInValidation() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Path conf = config("n = [3], neurons = [64], alpha = [0.1], m0 = [0.5], output = \"" + file.resolve("sub") + "\"");
        assertThrows(ConfigError.class, () -> SweepCommand.resolve(conf, null, null, List.of()));
        SweepConfig c = SweepCommand.resolve(conf, tmp.resolve("good").toString(), null, List.of());
        assertEquals("file:" + tmp.resolve("good"), c.output());
    }

    /** Issue 9.6: an output that cannot be created fails with one line before Spark starts. */
    @Test
    void anOutputUnderProcIsRefusedWithOneLine() throws Exception {
        Path conf = config("n = [3], neurons = [64], alpha = [0.1], m0 = [0.5]");
        StringBuilder err = new StringBuilder();
        long t0 = System.nanoTime();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", "/proc/dam-sweep-test"));
        assertTrue(err.toString().startsWith("dam sweep: sweep.output: cannot use /proc/dam-sweep-test: "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "refused before Spark starts");
    }

    /** Issue 9.6: a bogus master is bad input, one line, before Spark starts. */
    @Test
    void aBogusMasterIsOneLineAndExitTwo() throws Exception {
        Path conf = config("n = [3], neurons = [64], alpha = [0.1], m0 = [0.5], output = \"" + tmp.resolve("o") + "\"");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--master", "sparkk://nowhere:7077"));
        assertEquals("dam sweep: sweep.spark.master: not a Spark master URL: 'sparkk://nowhere:7077' (local[*], local[K], "
                + "local-cluster[W,C,M], spark://HOST:PORT, yarn or k8s://URL)\n", err.toString());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    /** Issue 10.4: --conf KEY=VALUE, repeatable, merged over sweep.spark.conf, later wins; a malformed pair is one line. */
    @Test
    void confPairsMergeOverTheConfigsSparkConfLaterWinning() throws Exception {
        Path conf = config("n = [3], neurons = [64], alpha = [0.1], m0 = [0.5], output = \"" + tmp.resolve("o") + "\"\n"
                + "spark.conf { \"spark.executor.cores\" = 1, \"spark.task.maxFailures\" = 2 }");
        SweepConfig c = SweepCommand.resolve(conf, null, null,
                List.of("spark.executor.cores=3", "spark.ui.enabled=true", "spark.executor.cores=4"));
        assertEquals("4", c.spark().conf().get("spark.executor.cores"));
        assertEquals("2", c.spark().conf().get("spark.task.maxFailures"));
        assertEquals("true", c.spark().conf().get("spark.ui.enabled"));
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--conf", "executor.cores"));
        assertEquals("dam sweep: --conf: expected a Spark setting KEY=VALUE with KEY = spark.*, got 'executor.cores'\n",
                err.toString());
        err.setLength(0);
        assertEquals(2, dam(err, "sweep", conf.toString(), "--conf", "spark.executor.cores=many", "--master", "spark://h:7077"));
        assertEquals("dam sweep: sweep.spark.conf.\"spark.executor.cores\": must be an integer >= 1, got 'many'\n", err.toString());
    }

    @Test
    void anOutputUriWithAnUnknownSchemeIsRefused() throws Exception {
        Path conf = config("n = [3], neurons = [64], alpha = [0.1], m0 = [0.5]");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", "hdfsx://localhost:9000/sweeps/h"));
        assertEquals("dam sweep: sweep.output: no file system for scheme 'hdfsx' on the class path\n", err.toString());
        assertFalse(Files.exists(Path.of("hdfsx:")));
    }

    /** Issue 9.6: a corrupt _sweep.json or ledger record is one line and exit 2, and the directory is left as it was. */
    @Test
    void aCorruptDescriptionOrLedgerRecordIsOneLineAndExitTwo() throws Exception {
        Path conf = config("n = [3], neurons = [64], alpha = [0.1], m0 = [0.5]");
        Path out = Files.createDirectories(tmp.resolve("corrupt"));
        Files.writeString(out.resolve("_sweep.json"), "{\"settings\": {\"trials\": ");
        String before = listing(out.resolve("_sweep.json"));
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", out.toString()));
        assertTrue(err.toString().startsWith("dam sweep: sweep.output: " + out.resolve("_sweep.json") + " is unreadable ("),
                err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertEquals(before, listing(out.resolve("_sweep.json")));
        assertEquals(List.of(out.resolve("_sweep.json")), Files.list(out).toList());

        Files.writeString(out.resolve("_sweep.json"), "{\"settings\": {}, \"runs\": [], \"table_schema\": " + SweepDescription.TABLE_SCHEMA + "}");
        Files.createDirectories(out.resolve("_progress"));
        Files.writeString(out.resolve("_progress/batch-00000-1.json"), "{\"points\": [ {\"n\": 3,");
        err.setLength(0);
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", out.toString()));
        assertTrue(err.toString().startsWith("dam sweep: sweep.output: " + out + " is damaged: _progress/batch-00000-1.json "
                + "is unreadable ("), err.toString());
        assertTrue(err.toString().endsWith("; it was changed outside dam: rerun with --overwrite (or restore the file)\n"),
                err.toString());
    }

    /** Issue 9.6: simulate at n = 12, neurons = 64 is refused before the CSV header, not after it with a trace. */
    @Test
    void simulateOfAnOverflowingFieldIsRefusedBeforeAnyOutput() {
        CommandLine cl = Dam.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(2, Dam.execute(cl, "simulate", "--n", "12", "--neurons", "64", "--alpha", "0.1", "--m0", "1"));
        assertEquals("", out.toString());
        assertEquals("dam simulate: --n: n = 12 with neurons = 64 overflows 64-bit arithmetic: the field of a state equal "
                + "to a stored pattern reaches about 2^74.8, beyond 2^63; lower n or neurons\n", err.toString());
    }

    /**
     * Issue 17.1 as reported: a directory holding a copied _sweep.json beside a thesis and a plot is refused by
     * --overwrite with one line naming them, and nothing is deleted.
     */
    @Test
    void overwriteNeverDeletesFilesDamDidNotWrite() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("d"));
        Path conf = config("n = [2], neurons = [64], alpha = [0.1], m0 = [0.5], trials = 2, steps = 2");
        SweepConfig c = SweepCommand.resolve(conf, d.toString(), null, List.of());
        Files.writeString(d.resolve("_sweep.json"), SweepDescription.json(c, java.time.Instant.now(), List.of(), true));
        Files.writeString(d.resolve("thesis.tex"), "x");
        Files.createDirectories(d.resolve("figures"));
        Files.writeString(d.resolve("figures/my_plot.png"), "y");
        String before = listing(d.resolve("thesis.tex")) + listing(d.resolve("figures"));
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", d.toString(), "--overwrite"));
        assertEquals("dam sweep: sweep.output: --overwrite deletes only what dam wrote, and " + d + " also holds files "
                + "dam did not write (figures/my_plot.png, thesis.tex); move them out of it, or use another --output\n",
                err.toString());
        assertEquals(before, listing(d.resolve("thesis.tex")) + listing(d.resolve("figures")));
        assertTrue(Files.exists(d.resolve("_sweep.json")));
    }

    /** Issue 17.2: --adopt keeps what --overwrite deletes: the two together are bad input. */
    @Test
    void adoptAndOverwriteTogetherAreRefused() throws Exception {
        Path conf = config("n = [2], neurons = [64], alpha = [0.1], m0 = [0.5], output = \"" + tmp.resolve("ao") + "\"");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--adopt", "--overwrite"));
        assertEquals("dam sweep: --adopt: cannot go with --overwrite (which deletes what --adopt keeps)\n", err.toString());
        assertFalse(Files.exists(tmp.resolve("ao")));
    }

    /** Issue 17.7: an hdfs:// output whose host does not resolve is bad input, one line, before Spark starts. */
    @Test
    void anOutputOnAnUnknownHostIsOneLineAndExitTwo() throws Exception {
        Path conf = config("n = [2], neurons = [64], alpha = [0.1], m0 = [0.5]");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--output", "hdfs://nohost.invalid:1/x"));
        assertEquals("dam sweep: sweep.output: cannot use hdfs://nohost.invalid:1/x: UnknownHostException: nohost.invalid\n",
                err.toString());
    }

    /** Issue 17.7: a Spark setting of the wrong form is bad input, checked as Spark reads it, before anything is written. */
    @ParameterizedTest
    @ValueSource(strings = {"spark.sql.shuffle.partitions=abc", "spark.sql.shuffle.partitions=0",
            "spark.executor.memory=lots", "spark.task.maxFailures=x", "spark.network.timeout=soon"})
    void aSparkSettingSparkCannotReadIsRefusedBeforeAnythingIsWritten(String setting) throws Exception {
        Path out = tmp.resolve("conf-" + Math.abs(setting.hashCode()));
        Path conf = config("n = [2], neurons = [64], alpha = [0.1], m0 = [0.5], output = \"" + out + "\"");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--conf", setting));
        String key = setting.substring(0, setting.indexOf('='));
        assertTrue(err.toString().startsWith("dam sweep: sweep.spark.conf.\"" + key + "\": Spark cannot use '"
                + setting.substring(setting.indexOf('=') + 1) + "': "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertFalse(Files.exists(out));
    }

    /** Issue 17.7: a scratch directory Spark cannot write into is one line naming it, before anything is written. */
    @Test
    void aScratchDirectorySparkCannotWriteIsOneLineNamingIt() throws Exception {
        Path out = tmp.resolve("scratch");
        Path conf = config("n = [2], neurons = [64], alpha = [0.1], m0 = [0.5], output = \"" + out + "\"");
        StringBuilder err = new StringBuilder();
        assertEquals(2, dam(err, "sweep", conf.toString(), "--conf", "spark.local.dir=/proc/dam-scratch"));
        assertTrue(err.toString().startsWith("dam sweep: sweep.spark.conf.\"spark.local.dir\": cannot write 4 MiB into "
                + "/proc/dam-scratch ("), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertFalse(Files.exists(out));
    }

    /** The first committed part file of a table. */
    private static Path part(Path out, String table) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve(table))) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().findFirst().orElseThrow();
        }
    }

    /** Where the pages of a column of a Parquet file start (its first row group's chunk, from the footer). */
    private static long pagesOf(Path file, String column) throws Exception {
        try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()),
                        new org.apache.hadoop.conf.Configuration()))) {
            for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData chunk
                    : reader.getFooter().getBlocks().get(0).getColumns()) {
                if (chunk.getPath().toDotString().equals(column)) {
                    return chunk.getStartingPos();
                }
            }
        }
        throw new AssertionError(file + ": no column " + column);
    }

    /** Flips bytes [from, from + count) of a file, leaving its length and its magic numbers as they were. */
    private static void damage(Path file, long from, int count) throws Exception {
        byte[] b = Files.readAllBytes(file);
        for (int i = 0; i < count; i++) {
            b[(int) from + i] ^= 0x5a;
        }
        Files.write(file, b);
    }

    /**
     * Issue 17.7: a committed Parquet file damaged in the middle, magic numbers intact: in its footer it is found on
     * opening (exit 2, the file named, nothing run); in its data, where only reading finds it, the failure names the
     * stage and the file (exit 3), not a bare Spark error after the summary.
     */
    @Test
    void aParquetFileDamagedInTheMiddleIsNamed() throws Exception {
        Path out = tmp.resolve("damaged");
        Path conf = config("n = [2], neurons = [64], alpha = [0.05, 0.1], m0 = [0.5, 0.9], trials = 4, steps = 4, "
                + "output = \"" + out + "\"");
        StringBuilder err = new StringBuilder();
        assertEquals(0, dam(err, "sweep", conf.toString()), err.toString());

        Path grid = part(out, "grid");
        byte[] bytes = Files.readAllBytes(grid);
        long footer = (bytes[bytes.length - 8] & 0xff) | (bytes[bytes.length - 7] & 0xff) << 8;
        damage(grid, bytes.length - 8 - footer / 2, 16);
        err.setLength(0);
        assertEquals(2, dam(err, "sweep", conf.toString()));
        assertTrue(err.toString().startsWith("dam sweep: sweep.output: " + out + " is damaged: grid/" + grid.getFileName()
                + " (listed in _progress/batch-00000-"), err.toString());
        assertTrue(err.toString().contains(") is not a readable Parquet file (its footer: "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        Files.write(grid, bytes);

        // The pages of column n, a number every figure reads (the first column chunk is the model's, a string).
        Path trials = part(out, "trials");
        damage(trials, pagesOf(trials, "n"), 16);
        // The figures are drawn again (and trials/ read) only where the tables changed or a figure is gone.
        try (Stream<Path> figures = Files.list(out.resolve("figures"))) {
            for (Path f : figures.toList()) {
                Files.delete(f);
            }
        }
        err.setLength(0);
        assertEquals(3, dam(err, "sweep", conf.toString()));
        List<String> ours = err.toString().lines().filter(l -> l.startsWith("dam sweep")).toList();
        assertEquals(1, ours.size(), err.toString());
        assertTrue(ours.get(0).startsWith("dam sweep: failed while drawing the figures: "), ours.get(0));
        assertTrue(ours.get(0).contains(trials.getFileName().toString()), ours.get(0));
    }

    /** A command that fails the way a run can: an Error (picocli passes those on) or a wrapped Spark failure. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Mixin
        Verbosity verbosity;

        @CommandLine.Option(names = "--error")
        boolean error;

        @Override
        public Integer call() {
            if (error) {
                throw new OutOfMemoryError("Java heap space");
            }
            throw new dam.jobs.sweep.StageFailure("batch 2/8 (12 grid points): writing trials/",
                    new RuntimeException("Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times",
                            new java.io.IOException("Permission denied")));
        }
    }

    /** Issue 9.6: failures that are not RuntimeExceptions get the same one line; --verbose adds the trace; exit 3. */
    @Test
    void everyFailureIsOneLineWithExitThreeAndVerboseAddsTheTrace() {
        for (boolean verbose : new boolean[]{false, true}) {
            for (boolean error : new boolean[]{false, true}) {
                CommandLine cl = Dam.configure(new CommandLine(new Boom()));
                StringWriter err = new StringWriter();
                cl.setErr(new PrintWriter(err));
                List<String> args = new java.util.ArrayList<>();
                if (error) {
                    args.add("--error");
                }
                if (verbose) {
                    args.add("--verbose");
                }
                assertEquals(Dam.FAILURE, Dam.execute(cl, args.toArray(String[]::new)));
                String first = err.toString().lines().findFirst().orElse("");
                String expected = error ? "boom: failed: OutOfMemoryError: Java heap space"
                        : "boom: failed while batch 2/8 (12 grid points): writing trials/: Job aborted due to stage "
                        + "failure: Task 0 in stage 3.0 failed 1 times (caused by IOException: Permission denied)";
                assertEquals(expected + (verbose ? "" : " (--verbose for the stack trace)"), first);
                assertEquals(verbose, err.toString().lines().count() > 1, err.toString());
            }
        }
    }
}
