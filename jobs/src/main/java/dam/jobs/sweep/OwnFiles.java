package dam.jobs.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which entries of an output directory dam wrote, by name: what --overwrite may delete and a run may clean, and
 * nothing else (docs/output.md, "What --overwrite deletes"). Ours are the sweep description, the ledger
 * {@value Ledger#DIR}/, the lock and its stale copies, the overwrite marker, hidden temporary files; in a table
 * directory the part files of Spark's Parquet writer (listed by a record or left by an unfinished batch), Spark's
 * {@code _SUCCESS}, {@code _temporary/} and the hidden {@code .crc} side files of those, and the {@code n=K/}
 * directories of an older dam's layout; in figures/ the figures the report draws, by name.
 */
public final class OwnFiles {

    /** The directory of the figures. */
    public static final String FIGURES = "figures";

    /** A data file of Spark's writer: part-SPLIT-JOBUUID[-cFILE][.codec].parquet (FileCommitProtocol's names). */
    private static final Pattern PART = Pattern.compile(
            "part-\\d{5}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(_\\d+)?(-c\\d{3})?(\\.[a-z0-9]+)?\\.parquet");
    /**
     * The figures the report draws (report.OverlapFigure, ConvergenceTimeFigure, PhaseDiagramFigure, ...): per model
     * and temperature with _pbody and _temperature{T} after the stem (report.Condition), and per n across them.
     */
    private static final Pattern FIGURE = Pattern.compile(
            "((figure1|convergence_time)_n\\d+_N\\d+|phase_diagram|capacity_ladder|finite_size)(_pbody)?"
                    + "(_temperature\\d[0-9.e+-]*)?\\.png|(models|transient|temperature)_n\\d+\\.png");
    /** A partition directory of the first table schema (n=3/), which --overwrite of such a directory deletes. */
    private static final Pattern OLD_PARTITION = Pattern.compile("n=\\d+");

    private OwnFiles() {
    }

    /** True for a data file name of Spark's Parquet writer. */
    public static boolean isPartFile(String name) {
        return PART.matcher(name).matches();
    }

    /** True for the hidden checksum file of one of ours ({@code .part-....parquet.crc}, {@code ._SUCCESS.crc}). */
    static boolean isSideFile(String name) {
        if (!name.startsWith(".") || !name.endsWith(".crc")) {
            return false;
        }
        String of = name.substring(1, name.length() - ".crc".length());
        return isPartFile(of) || of.equals("_SUCCESS");
    }

    /** True for a figure name that the report writes. */
    public static boolean isFigure(String name) {
        return FIGURE.matcher(name).matches();
    }

    /** True for a name directly in the output directory that a run writes and keeps ({@value SweepDescription#FILE}, ...). */
    static boolean isOwnTopFile(String name) {
        return name.equals(SweepDescription.FILE) || name.equals(OutputLock.FILE) || name.startsWith(OutputLock.FILE + ".stale-")
                || name.equals(SweepOutput.OVERWRITING) || OutputDirectory.isTemporary(name);
    }

    /**
     * The entries of the output directory that dam did not write, as relative paths (directories end in '/'), at most
     * limit of them and sorted; listed files count as ours whatever their names.
     */
    static List<String> foreign(OutputDirectory dir, Set<String> listed, int limit) throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : dir.names("")) {
            if (out.size() >= limit) {
                break;
            }
            boolean directory = dir.isDirectory(name);
            if (!directory) {
                if (!isOwnTopFile(name)) {
                    out.add(name);
                }
            } else if (name.equals(Ledger.DIR)) {
                continue; // the ledger's directory is ours whole
            } else if (Ledger.TABLES.contains(name)) {
                foreignInTable(dir, name, listed, out, limit);
            } else if (name.equals(FIGURES)) {
                for (Map.Entry<String, Long> e : dir.walk(FIGURES).entrySet()) {
                    String rel = e.getKey();
                    String leaf = rel.substring(FIGURES.length() + 1);
                    if (out.size() < limit && (e.getValue() < 0 || !(isFigure(leaf) || OutputDirectory.isTemporary(leaf)))) {
                        out.add(rel);
                    }
                }
            } else {
                out.add(name + "/");
            }
        }
        return out;
    }

    private static void foreignInTable(OutputDirectory dir, String table, Set<String> listed, List<String> out, int limit)
            throws IOException {
        for (Map.Entry<String, Long> e : dir.walk(table).entrySet()) {
            if (out.size() >= limit) {
                return;
            }
            String rel = e.getKey();
            if (rel.contains("/_temporary/")) {
                continue; // Spark's staging area, ours whole
            }
            boolean directory = e.getValue() < 0;
            String leaf = leaf(rel);
            String parent = rel.substring(table.length() + 1, rel.length() - leaf.length() - (directory ? 1 : 0));
            boolean inPartition = parent.isEmpty() || OLD_PARTITION.matcher(parent.replaceAll("/$", "")).matches();
            boolean ours = directory ? (leaf.equals("_temporary") || (parent.isEmpty() && OLD_PARTITION.matcher(leaf).matches()))
                    : listed.contains(rel) || (inPartition && (isPartFile(leaf) || isSideFile(leaf) || leaf.equals("_SUCCESS")
                    || OutputDirectory.isTemporary(leaf)));
            if (!ours) {
                out.add(rel + (directory ? "/" : ""));
            }
        }
    }

    /** The last name of a relative path (a directory's without its '/'). */
    static String leaf(String rel) {
        String r = rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
        return r.substring(r.lastIndexOf('/') + 1);
    }
}
