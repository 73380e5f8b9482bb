package dam.jobs.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The record of committed batches under OUTPUT/_progress/: which grid points and theory keys are
 * complete, and which table files hold them. A batch counts only once its record is written
 * (atomically, last), so a killed run leaves no half grid point: files of an unrecorded batch are
 * orphans and are deleted before a resumed run starts.
 */
public final class Ledger {

    /** The tables whose files a batch commits. */
    public static final List<String> TABLES = List.of("trials", "theory", "grid");

    private final Path output;
    private final Set<GridPoint> points = new HashSet<>();
    private final Set<TheoryKey> theory = new HashSet<>();
    private final Set<String> files = new HashSet<>();
    private int batches;

    private Ledger(Path output) {
        this.output = output;
    }

    /** Reads every committed batch record under output/_progress (none if absent). */
    public static Ledger read(Path output) {
        Ledger l = new Ledger(output);
        Path dir = output.resolve("_progress");
        if (!Files.isDirectory(dir)) {
            return l;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Config c = ConfigFactory.parseFile(p.toFile());
                for (Config g : c.getConfigList("points")) {
                    l.points.add(new GridPoint(g.getInt("n"), g.getInt("neurons"), g.getDouble("alpha"), g.getDouble("m0"),
                            g.getInt("p")));
                }
                for (Config k : c.getConfigList("theory")) {
                    l.theory.add(new TheoryKey(k.getInt("n"), k.getDouble("alpha"), k.getDouble("m0")));
                }
                l.files.addAll(c.getStringList("files"));
                l.batches++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return l;
    }

    /** True if the grid point was committed by an earlier batch. */
    public boolean done(GridPoint g) {
        return points.contains(g);
    }

    /** True if the theory of (n, alpha, m0) was committed by an earlier batch. */
    public boolean done(TheoryKey k) {
        return theory.contains(k);
    }

    /** Number of committed grid points. */
    public int pointCount() {
        return points.size();
    }

    /**
     * Deletes what a killed run may have left: data files of batches without a record and Spark's
     * _temporary directories. Returns how many files were deleted.
     */
    public int deleteOrphans() {
        int deleted = 0;
        for (String table : TABLES) {
            Path root = output.resolve(table);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
                for (Path p : all) {
                    String rel = output.relativize(p).toString();
                    String name = p.getFileName().toString();
                    boolean temporary = rel.contains("_temporary");
                    boolean data = name.startsWith("part-") || name.startsWith(".part-");
                    if (Files.isRegularFile(p) && (temporary || (data && !files.contains(rel)))) {
                        Files.delete(p);
                        deleted++;
                    } else if (Files.isDirectory(p) && name.equals("_temporary")) {
                        deleteTree(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return deleted;
    }

    /** The relative paths of every file now under the batch tables (to diff before and after a write). */
    public Set<String> snapshot() {
        Set<String> out = new TreeSet<>();
        for (String table : TABLES) {
            Path root = output.resolve(table);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).forEach(p -> out.add(output.relativize(p).toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Records a finished batch: its points, theory keys and the files its writes added. Written atomically. */
    public void commit(List<GridPoint> batchPoints, List<TheoryKey> batchTheory, Set<String> before) {
        Set<String> added = new TreeSet<>(snapshot());
        added.removeAll(before);
        List<Map<String, Object>> ps = new ArrayList<>();
        for (GridPoint g : batchPoints) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", g.n());
            m.put("neurons", g.neurons());
            m.put("alpha", g.alpha());
            m.put("m0", g.m0());
            m.put("p", g.p());
            ps.add(m);
        }
        List<Map<String, Object>> ks = new ArrayList<>();
        for (TheoryKey k : batchTheory) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", k.n());
            m.put("alpha", k.alpha());
            m.put("m0", k.m0());
            ks.add(m);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("points", ps);
        record.put("theory", ks);
        record.put("files", new ArrayList<>(added));
        String json = ConfigValueFactory.fromMap(record).render(ConfigRenderOptions.concise().setFormatted(true));
        try {
            Path dir = Files.createDirectories(output.resolve("_progress"));
            String name = String.format("batch-%05d-%d.json", batches, System.currentTimeMillis());
            Path tmp = dir.resolve("." + name + ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        points.addAll(batchPoints);
        theory.addAll(batchTheory);
        files.addAll(added);
        batches++;
    }

    /** Deletes a directory tree. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
