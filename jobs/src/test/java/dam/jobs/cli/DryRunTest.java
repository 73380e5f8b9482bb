package dam.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --dry-run}: the plan of every shipped config, without Spark, exit 0, and nothing written anywhere. */
@Tag("slow")
class DryRunTest {

    private static final Path CONF = Path.of("..", "conf");

    @TempDir
    Path tmp;

    /** Every config in conf/ as a phase diagram, and the README's sweeps and an adaptive one as sweeps. */
    static Stream<Arguments> shippedConfigs() throws IOException {
        List<String> configs;
        try (Stream<Path> files = Files.list(CONF)) {
            configs = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".conf")).sorted().toList();
        }
        return Stream.concat(configs.stream().map(f -> Arguments.of("phase-diagram", f)),
                Stream.of("demo.conf", "figure1.conf", "finite-size-adaptive.conf").map(f -> Arguments.of("sweep", f)));
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void everyShippedConfigPrintsItsPlanAndWritesNothing(String command, String config) throws IOException {
        Path out = tmp.resolve("out");
        Map<String, Long> before = listing(tmp);
        String printed = run(command, CONF.resolve(config).toString(), "--output", out.toString(), "--dry-run");
        assertTrue(printed.startsWith("dam " + command + " "), printed);
        for (String line : List.of("grid ", "output ", "to run ", "memory ", "cpu ", "planned in ")) {
            assertTrue(printed.lines().anyMatch(l -> l.startsWith(line)), line + " missing in\n" + printed);
        }
        assertTrue(printed.contains("absent, a new sweep"), printed);
        boolean adaptive = Files.readString(CONF.resolve(config)).contains("boundary {");
        assertEquals(adaptive, printed.lines().anyMatch(l -> l.startsWith("searches  ")), printed);
        assertEquals(command.equals("phase-diagram"), printed.lines().anyMatch(l -> l.startsWith("phase ")), printed);
        assertFalse(Files.exists(out), "nothing is created");
        assertEquals(before, listing(tmp));
    }

    @ParameterizedTest
    @CsvSource({"sweep,--overwrite", "sweep,''", "phase-diagram,--overwrite"})
    void aDirectoryThatIsNotASweepsIsReportedAsRefusedAndLeftAlone(String command, String flag) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("theirs"));
        Files.writeString(out.resolve("notes.txt"), "not dam's\n");
        Map<String, Long> before = listing(tmp);
        String printed = run(Stream.of(command, CONF.resolve("demo.conf").toString(), "--output", out.toString(),
                "--dry-run", flag).filter(a -> !a.isEmpty()).toArray(String[]::new));
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("output    refused (exit 2): sweep.output: ")
                && l.contains("holds no _sweep.json")), printed);
        assertTrue(printed.contains("the run would be refused"), printed);
        assertEquals(before, listing(tmp));
    }

    /** Runs dam with args, expecting exit 0, and returns what it printed on stdout. */
    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Dam.execute(args);
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEquals(Dam.OK, code, printed);
        return printed;
    }

    /** Every path under dir with its size and modification time (a change to either shows). */
    private static Map<String, Long> listing(Path dir) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                out.put(dir.relativize(p) + (Files.isDirectory(p) ? "/" : ""),
                        Files.isDirectory(p) ? Files.getLastModifiedTime(p).toMillis()
                                : Files.size(p) * 31 + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return out;
    }
}
