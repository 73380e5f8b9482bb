package dam.jobs.sweep;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dam.jobs.config.ConfigError;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TheoryKey;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The record of what is committed in an output directory, under OUTPUT/_progress/, and the readers' contract
 * (docs/tables.md): a table file counts only if a record lists it.
 *
 * <p>A batch record ({@code batch-NNNNN-MILLIS.json}, numbered from 0 in commit order) lists the batch's grid points,
 * theory keys and the files its writes added to trials/, theory/ and grid/. A derived table (basins/, phase_diagram/,
 * capacity/, finite_size/) is rewritten whole: its record {@code table-<name>.json} lists its current files (and the
 * basis it was computed from) and is replaced when the table is. Records are written atomically and only after the
 * files they list, so a killed run leaves no half grid point: part files no record lists are leftovers of an
 * unfinished batch, deleted before the next run writes, unless the records show that one of them is missing
 * ({@link #missingRecord}): then the directory is damaged.
 *
 * <p>Records are JSON, read with a streaming parser (10^6 points in about a second, without a tree of them), grid
 * points and theory keys by their record components ({@link RecordFields}).
 */
public final class Ledger {

    /** The directory of the records. */
    public static final String DIR = "_progress";
    /** The tables whose files a batch commits. */
    public static final List<String> BATCH_TABLES = List.of("trials", "theory", "grid");
    /** The tables rewritten whole, each with its own record. */
    public static final List<String> DERIVED_TABLES = List.of("basins", "phase_diagram", "capacity", "critical_temperature",
            "finite_size");
    /** Every table of an output directory. */
    public static final List<String> TABLES = Stream.concat(BATCH_TABLES.stream(), DERIVED_TABLES.stream()).toList();

    /**
     * The record of the figures drawn from the tables (no table files of its own): which figures, and the digest of
     * the records they were drawn from, so that a run that changed nothing does not draw them again.
     */
    static final String REPORT = "report.json";

    static final RecordFields<GridPoint> POINT = new RecordFields<>(GridPoint.class);
    static final RecordFields<TheoryKey> KEY = new RecordFields<>(TheoryKey.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final OutputDirectory output;
    private final Set<GridPoint> points = new HashSet<>();
    private final Set<TheoryKey> theory = new HashSet<>();
    /** Committed files by record name. */
    private final Map<String, List<String>> records = new TreeMap<>();
    /** The basis of each derived table's record that has one. */
    private final Map<String, String> bases = new HashMap<>();
    /** The figures the report drew from the committed tables, by name, as its record lists them. */
    private List<String> figures = List.of();
    /** The numbers of the batch records. */
    private final TreeSet<Integer> batchNumbers = new TreeSet<>();
    /** Modification time of the newest batch record (epoch ms of the file system), Long.MIN_VALUE without one. */
    private long newestBatchRecord = Long.MIN_VALUE;
    private boolean managed;

    private Ledger(OutputDirectory output) {
        this.output = output;
    }

    /**
     * Reads every record under output/_progress (none if absent).
     *
     * @throws ConfigError naming sweep.output when a record is unreadable
     */
    public static Ledger read(OutputDirectory output) throws IOException {
        if (output.exists(SweepOutput.OVERWRITING)) {
            throw new ConfigError("sweep.output", output.display() + " holds an interrupted --overwrite, so nothing in it "
                    + "is committed; rerun the sweep to finish it");
        }
        Ledger l = new Ledger(output);
        l.managed = output.isDirectory(DIR);
        for (String name : output.names(DIR)) {
            if (!name.endsWith(".json") || name.startsWith(".")) {
                continue;
            }
            String rel = DIR + "/" + name;
            String text = output.readText(rel).orElse("");
            boolean batch = name.startsWith("batch-");
            Integer number = batch ? batchNumber(name) : null;
            if (batch && number == null) {
                throw damaged(output, rel + " is not named batch-NNNNN-MILLIS.json");
            }
            try {
                Record r = parse(text, batch);
                if (batch) {
                    l.points.addAll(r.points());
                    l.theory.addAll(r.theory());
                    l.batchNumbers.add(number);
                    l.newestBatchRecord = Math.max(l.newestBatchRecord, output.modificationTime(rel));
                } else if (r.basis() != null) {
                    l.bases.put(name, r.basis());
                }
                if (name.equals(REPORT)) {
                    l.figures = List.copyOf(r.figures());
                }
                l.records.put(name, List.copyOf(r.files()));
            } catch (IOException | IllegalArgumentException e) {
                throw damaged(output, rel + " is unreadable (" + firstLine(e.getMessage()) + ")");
            }
        }
        return l;
    }

    /** The contents of one record. */
    private record Record(List<GridPoint> points, List<TheoryKey> theory, List<String> files, String basis,
                          List<String> figures) {
    }

    private static Record parse(String text, boolean batch) throws IOException {
        List<GridPoint> points = new ArrayList<>();
        List<TheoryKey> keys = new ArrayList<>();
        List<String> files = null;
        String basis = null;
        List<String> figures = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "an object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "points" -> readRecords(p, value, POINT, points);
                    case "theory" -> readRecords(p, value, KEY, keys);
                    case "files" -> {
                        expect(value, JsonToken.START_ARRAY, "files: a list");
                        files = new ArrayList<>();
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            files.add(p.getText());
                        }
                        expect(p.currentToken(), JsonToken.END_ARRAY, "files: strings");
                    }
                    case "basis" -> basis = p.getValueAsString();
                    case "figures" -> {
                        expect(value, JsonToken.START_ARRAY, "figures: a list");
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            figures.add(p.getText());
                        }
                        expect(p.currentToken(), JsonToken.END_ARRAY, "figures: strings");
                    }
                    default -> p.skipChildren();
                }
            }
            expect(p.currentToken(), JsonToken.END_OBJECT, "the end of the record");
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the record");
            }
        }
        if (files == null) {
            throw new IllegalArgumentException("no files list");
        }
        return new Record(batch ? points : List.of(), batch ? keys : List.of(), files, basis, figures);
    }

    /** A list of objects, each a record of the given fields (unknown keys skipped), as they stream by. */
    private static <R extends java.lang.Record> void readRecords(JsonParser p, JsonToken start, RecordFields<R> fields,
                                                                 List<R> out) throws IOException {
        expect(start, JsonToken.START_ARRAY, "a list");
        Map<String, Integer> index = new HashMap<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Object[] args = new Object[fields.size()];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken t = p.nextToken();
                int i = index.computeIfAbsent(name, fields::index);
                if (i < 0) {
                    p.skipChildren();
                    continue;
                }
                args[i] = fields.convert(i, switch (t) {
                    case VALUE_NUMBER_INT -> p.getNumberValue();
                    case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                    case VALUE_STRING -> p.getText();
                    case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
                    default -> throw new IllegalArgumentException(name + ": not a number, string or boolean");
                });
            }
            out.add(fields.fromArgs(args));
        }
        expect(p.currentToken(), JsonToken.END_ARRAY, "a list of objects");
    }

    private static void expect(JsonToken got, JsonToken wanted, String what) {
        if (got != wanted) {
            throw new IllegalArgumentException("expected " + what + ", got " + got);
        }
    }

    /** The number of a batch record's name (batch-00003-1764640000000.json is 3), null if it is not one. */
    static Integer batchNumber(String name) {
        String[] parts = name.split("[-.]");
        if (parts.length != 4 || !parts[0].equals("batch") || !parts[3].equals("json") || !parts[1].matches("\\d{5,}")) {
            return null;
        }
        return Integer.valueOf(parts[1]);
    }

    /**
     * Checks the ledger against the files it lists: each must exist, and each Parquet file must be one whose
     * footer reads and whose row groups lie inside it (a truncated file, or one damaged in its footer, is not).
     *
     * @throws ConfigError naming sweep.output and the first bad file
     */
    public void verify() throws IOException {
        Map<String, Long> present = new TreeMap<>();
        for (String table : TABLES) {
            output.walk(table).forEach(present::put);
        }
        for (Map.Entry<String, List<String>> r : records.entrySet()) {
            for (String f : r.getValue()) {
                Long length = present.get(f);
                if (length == null) {
                    throw damaged(output, DIR + "/" + r.getKey() + " lists " + f + ", which is missing");
                }
                if (f.endsWith(".parquet")) {
                    String problem = output.parquetProblem(f, length);
                    if (problem != null) {
                        throw damaged(output, f + " (listed in " + DIR + "/" + r.getKey() + ") is " + problem);
                    }
                }
            }
        }
    }

    private static ConfigError damaged(OutputDirectory output, String what) {
        return new ConfigError("sweep.output", output.display() + " is damaged: " + what
                + "; it was changed outside dam: rerun with --overwrite (or restore the file)");
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

    /** Number of committed batches. */
    public int batchCount() {
        return batchNumbers.size();
    }

    /**
     * True if dam manages the directory (it has a _progress/ directory, which a sweep creates before it writes
     * any table): then only recorded files count. A directory of tables written by other means is read whole.
     */
    public boolean managed() {
        return managed;
    }

    /** The committed Parquet files of a table, as paths relative to the output directory, sorted. */
    public List<String> committed(String table) {
        TreeSet<String> out = new TreeSet<>();
        for (List<String> files : records.values()) {
            for (String f : files) {
                if (f.startsWith(table + "/") && f.endsWith(".parquet")) {
                    out.add(f);
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * A digest of what is committed: every record's name and files but the report's (SHA-256, hex). Equal digests
     * mean equal committed tables.
     */
    public String digest() {
        StringBuilder text = new StringBuilder();
        records.forEach((name, files) -> {
            if (!name.equals(REPORT)) {
                text.append(name).append('=').append(String.join(",", files)).append(';');
            }
        });
        for (String name : new TreeSet<>(bases.keySet())) {
            if (!name.equals(REPORT)) {
                text.append(name).append(".basis=").append(bases.get(name)).append(';');
            }
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The basis the figures were drawn from (null if none was recorded). */
    public String reportBasis() {
        return bases.get(REPORT);
    }

    /** The figures (names under figures/) the report record lists. */
    public List<String> reportFigures() {
        return figures;
    }

    /** Records that the figures (names) were drawn from the given basis. Written atomically. */
    public void recordReport(String basis, List<String> drawn) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = generator(text)) {
            g.writeStartObject();
            g.writeStringField("basis", basis);
            g.writeFieldName("figures");
            g.writeStartArray();
            for (String f : drawn) {
                g.writeString(f);
            }
            g.writeEndArray();
            writeFiles(g, List.of());
            g.writeEndObject();
        }
        output.writeAtomically(DIR + "/" + REPORT, text + "\n");
        records.put(REPORT, List.of());
        bases.put(REPORT, basis);
        figures = List.copyOf(drawn);
    }

    /** The names of the batch records, sorted (what grid/ holds, for a derived table's basis). */
    List<String> batchRecords() {
        return records.keySet().stream().filter(n -> n.startsWith("batch-")).sorted().toList();
    }

    /** Every file a record lists. */
    Set<String> listed() {
        Set<String> out = new HashSet<>();
        records.values().forEach(out::addAll);
        return out;
    }

    /** The basis a derived table's record says it was computed from (null if it has no record or says none). */
    String basis(String table) {
        return bases.get("table-" + table + ".json");
    }

    /** The part files of Spark's writer under the tables that no record lists, sorted, with their lengths. */
    TreeMap<String, Long> unlisted(Collection<String> tables) throws IOException {
        Set<String> keep = listed();
        TreeMap<String, Long> out = new TreeMap<>();
        for (String table : tables) {
            output.walk(table).forEach((rel, length) -> {
                if (length >= 0 && !rel.contains("/_temporary/") && OwnFiles.isPartFile(OwnFiles.leaf(rel)) && !keep.contains(rel)) {
                    out.put(rel, length);
                }
            });
        }
        return out;
    }

    /**
     * Why part files that no record lists cannot be the leftovers of an unfinished batch, or null if they can be. A
     * killed batch leaves its part files in a directory that has its _progress/, newer than the sweep description its
     * run wrote when it started and than every record; and before a first record, no derived table is written. So a
     * record is missing when there is no _progress/, when the batch records' numbers have a gap, when an unlisted
     * part file of trials/, theory/ or grid/ is older than the description or the newest batch record, or when there
     * is no batch record while derived tables have unlisted part files too.
     *
     * @param batch   the unlisted part files of the batch tables (trials/, theory/, grid/)
     * @param derived the unlisted part files of the derived tables
     */
    String missingRecord(TreeMap<String, Long> batch, TreeMap<String, Long> derived) throws IOException {
        if (!managed && (!batch.isEmpty() || !derived.isEmpty())) {
            TreeMap<String, Long> all = new TreeMap<>(batch);
            all.putAll(derived);
            return some(all) + " listed by no record, and " + DIR + "/ is missing";
        }
        if (batch.isEmpty()) {
            return null;
        }
        int expected = 0;
        for (int n : batchNumbers) {
            if (n != expected) {
                return some(batch) + " listed by no record, and " + DIR + "/ lacks the record of batch " + expected
                        + " (it has batch " + n + ")";
            }
            expected++;
        }
        long started = output.exists(SweepDescription.FILE) ? output.modificationTime(SweepDescription.FILE) : Long.MIN_VALUE;
        long threshold = Math.max(started, newestBatchRecord);
        for (String f : batch.keySet()) {
            if (output.modificationTime(f) < threshold) {
                return f + " is listed by no record and older than " + (threshold == started ? SweepDescription.FILE
                        : "the newest batch record") + ", so it is no unfinished batch's: a record of " + DIR + "/ is missing";
            }
        }
        if (batchNumbers.isEmpty() && !derived.isEmpty()) {
            return some(batch) + " listed by no record, and " + DIR + "/ holds no batch record though " + some(derived)
                    + " derived from them";
        }
        return null;
    }

    /** "trials/part-... is" or "trials/part-... and 57 more part files are", for messages. */
    private static String some(TreeMap<String, Long> files) {
        return files.firstKey() + (files.size() > 1 ? " and " + (files.size() - 1) + " more part files are" : " is");
    }

    /**
     * Deletes what a killed run may have left: part files of Spark's writer that no record lists (with their
     * checksum files), Spark's _temporary directories and hidden temporary files; nothing that is not ours
     * ({@link OwnFiles}). Returns how many part files were deleted.
     */
    public int deleteOrphans() throws IOException {
        Set<String> keep = listed();
        int deleted = 0;
        for (String table : TABLES) {
            for (Map.Entry<String, Long> e : output.walk(table).descendingMap().entrySet()) {
                String rel = e.getKey();
                String name = OwnFiles.leaf(rel);
                boolean directory = e.getValue() < 0;
                if (directory) {
                    if (name.equals("_temporary")) {
                        output.delete(rel);
                    }
                    continue;
                }
                if (rel.contains("/_temporary/") || keep.contains(rel)) {
                    continue;
                }
                boolean part = OwnFiles.isPartFile(name);
                String of = name.startsWith(".") && name.endsWith(".crc") ? rel.replace("/" + name,
                        "/" + name.substring(1, name.length() - 4)) : null;
                boolean sideOfOrphan = of != null && OwnFiles.isSideFile(name) && !keep.contains(of) && !of.endsWith("_SUCCESS");
                if (part || sideOfOrphan || OutputDirectory.isTemporary(name)) {
                    if (output.delete(rel) && part) {
                        deleted++;
                    }
                }
            }
        }
        for (String dir : List.of("", DIR, OwnFiles.FIGURES)) {
            for (String name : output.names(dir)) {
                if (OutputDirectory.isTemporary(name) || name.startsWith(OutputLock.FILE + ".stale-")) {
                    output.delete(dir.isEmpty() ? name : dir + "/" + name);
                }
            }
        }
        return deleted;
    }

    /** The relative paths of every file now under the given tables (to diff before and after a write). */
    public Set<String> snapshot(List<String> tables) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String table : tables) {
            output.walk(table).forEach((rel, length) -> {
                if (length >= 0) {
                    out.add(rel);
                }
            });
        }
        return out;
    }

    /** Records a finished batch: its points, theory keys and the files its writes added. Written atomically. */
    public void commit(List<GridPoint> batchPoints, List<TheoryKey> batchTheory, Set<String> before) throws IOException {
        Set<String> added = new TreeSet<>(snapshot(BATCH_TABLES));
        added.removeAll(before);
        record(batchPoints, batchTheory, added);
    }

    /**
     * Records files that a run did not write itself as a committed batch (--adopt: part files found complete after
     * the ledger was lost), with the points and theory keys they hold. Written atomically.
     */
    void adopt(Collection<GridPoint> adoptedPoints, Collection<TheoryKey> adoptedTheory, Collection<String> files)
            throws IOException {
        record(adoptedPoints, adoptedTheory, new TreeSet<>(files));
    }

    private void record(Collection<GridPoint> batchPoints, Collection<TheoryKey> batchTheory, Set<String> files)
            throws IOException {
        int number = batchNumbers.isEmpty() ? 0 : batchNumbers.last() + 1;
        String name = String.format(Locale.ROOT, "batch-%05d-%d.json", number, System.currentTimeMillis());
        StringWriter text = new StringWriter();
        try (JsonGenerator g = generator(text)) {
            g.writeStartObject();
            g.writeFieldName("points");
            g.writeStartArray();
            for (GridPoint p : batchPoints) {
                writeObject(g, POINT.of(p));
            }
            g.writeEndArray();
            g.writeFieldName("theory");
            g.writeStartArray();
            for (TheoryKey k : batchTheory) {
                writeObject(g, KEY.of(k));
            }
            g.writeEndArray();
            writeFiles(g, files);
            g.writeEndObject();
        }
        output.writeAtomically(DIR + "/" + name, text + "\n");
        points.addAll(batchPoints);
        theory.addAll(batchTheory);
        records.put(name, List.copyOf(files));
        batchNumbers.add(number);
        newestBatchRecord = Math.max(newestBatchRecord, output.modificationTime(DIR + "/" + name));
    }

    /**
     * Commits a rewritten derived table: the files it has now that it did not have before (its new
     * content) become its record, replacing the old one; then its old files are deleted. basis (may be null) says
     * what the table was computed from, for {@link #basis}.
     */
    public void replace(String table, Set<String> before, String basis) throws IOException {
        if (!DERIVED_TABLES.contains(table)) {
            throw new IllegalArgumentException("not a derived table: " + table);
        }
        Set<String> now = snapshot(List.of(table));
        Set<String> added = new TreeSet<>(now);
        added.removeAll(before);
        writeTableRecord(table, added, basis);
        for (String old : before) {
            String fileName = OwnFiles.leaf(old);
            if (!added.contains(old) && (OwnFiles.isPartFile(fileName) || OwnFiles.isSideFile(fileName))) {
                output.delete(old);
            }
        }
    }

    /** As {@link #replace(String, Set, String)} without a basis. */
    public void replace(String table, Set<String> before) throws IOException {
        replace(table, before, null);
    }

    /** Records the given files as a derived table's content (--adopt), replacing any record of it. */
    void adoptTable(String table, Collection<String> files) throws IOException {
        writeTableRecord(table, new TreeSet<>(files), null);
    }

    private void writeTableRecord(String table, Set<String> files, String basis) throws IOException {
        String name = "table-" + table + ".json";
        StringWriter text = new StringWriter();
        try (JsonGenerator g = generator(text)) {
            g.writeStartObject();
            g.writeStringField("table", table);
            if (basis != null) {
                g.writeStringField("basis", basis);
            }
            writeFiles(g, files);
            g.writeEndObject();
        }
        output.writeAtomically(DIR + "/" + name, text + "\n");
        records.put(name, List.copyOf(files));
        if (basis != null) {
            bases.put(name, basis);
        } else {
            bases.remove(name);
        }
    }

    /** A generator that writes every list entry on a line of its own, objects on one line. */
    private static JsonGenerator generator(StringWriter out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.setPrettyPrinter(new MinimalPrettyPrinter() {
            @Override
            public void writeStartArray(JsonGenerator gen) throws IOException {
                gen.writeRaw("[\n");
            }

            @Override
            public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
                gen.writeRaw(",\n");
            }

            @Override
            public void writeEndArray(JsonGenerator gen, int nrOfValues) throws IOException {
                gen.writeRaw(nrOfValues > 0 ? "\n]" : "]");
            }

            @Override
            public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
                gen.writeRaw(", ");
            }

            @Override
            public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
                gen.writeRaw(": ");
            }
        });
        return g;
    }

    private static void writeObject(JsonGenerator g, Map<String, Object> fields) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object v = e.getValue();
            g.writeFieldName(e.getKey());
            if (v instanceof Integer i) {
                g.writeNumber(i);
            } else if (v instanceof Long l) {
                g.writeNumber(l);
            } else if (v instanceof Double d) {
                g.writeNumber(d);
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else {
                g.writeString(String.valueOf(v));
            }
        }
        g.writeEndObject();
    }

    private static void writeFiles(JsonGenerator g, Collection<String> files) throws IOException {
        g.writeFieldName("files");
        g.writeStartArray();
        for (String f : files) {
            g.writeString(f);
        }
        g.writeEndArray();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
