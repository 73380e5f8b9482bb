package dam.jobs.sweep;

import dam.jobs.config.OutputLocation;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A sweep's output directory on any Hadoop file system (local disk, NFS, HDFS, object stores): every read
 * and write of the driver's own files (ledger, sweep description, lock, figures) and every listing goes
 * through here; Spark's Parquet writer writes the tables to {@link #uri(String)}.
 *
 * <p>Paths inside the directory are relative, with '/' separators ("_progress/batch-00001.json").
 * Which operations are atomic, and how:
 * <ul>
 * <li>{@link #writeAtomically}: a reader sees the old content or the new, never part of it. On a file system
 * with an atomic rename (local, NFS, HDFS) a hidden temporary file is renamed over the target (HDFS needs
 * FileContext's OVERWRITE rename for that); on an object store (s3a, gs, ...) where rename is a copy, the
 * file is written with a single PUT, which the store makes visible whole or not at all.</li>
 * <li>{@link #createExclusively}: creates a complete file only if none exists, decided atomically by the file
 * system: a hard link (link(2), atomic and exclusive on local disks and NFS); a rename without overwrite on
 * HDFS (the NameNode refuses an existing target); a conditional PUT (If-None-Match) on S3A.</li>
 * <li>{@link #renameIfPresent}: atomic on local disks and HDFS; a copy and delete on object stores.</li>
 * </ul>
 */
public final class OutputDirectory {

    /**
     * Schemes of object stores: no atomic rename, but a PUT is atomic. Everything else is taken to rename
     * atomically (local, hdfs, viewfs, webhdfs, ofs, abfs with a hierarchical namespace).
     */
    static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs");
    /** S3A's createFile option for a conditional PUT (If-None-Match: *), Hadoop 3.5. */
    static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";

    private final FileSystem fs;
    private final Path root;
    private final boolean local;
    private final boolean objectStore;

    private OutputDirectory(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
        this.local = fs instanceof RawLocalFileSystem;
        this.objectStore = OBJECT_STORES.contains(root.toUri().getScheme().toLowerCase(Locale.ROOT));
    }

    /** Opens the directory at a canonical location (nothing is created). */
    public static OutputDirectory open(String location, Configuration conf) throws IOException {
        Path root = new Path(location);
        FileSystem fs = FileSystem.get(root.toUri(), conf);
        if (fs instanceof LocalFileSystem lfs) {
            // The raw local file system: no .crc side files for our small files, and rename(2) semantics.
            fs = lfs.getRawFileSystem();
        }
        return new OutputDirectory(fs, fs.makeQualified(root));
    }

    /** The directory's URI, as Spark's readers and writers take it. */
    public String uri() {
        return root.toString();
    }

    /** The URI of a path inside the directory. */
    public String uri(String relative) {
        return path(relative).toString();
    }

    /** The location for messages: a plain path for the local file system. */
    public String display() {
        return OutputLocation.display(uri());
    }

    /** The display form of a path inside the directory. */
    public String display(String relative) {
        return OutputLocation.display(uri(relative));
    }

    /** True for an object store (no atomic rename). */
    public boolean objectStore() {
        return objectStore;
    }

    Path path(String relative) {
        return relative.isEmpty() ? root : new Path(root, relative);
    }

    /** True if the path exists. */
    public boolean exists(String relative) throws IOException {
        return fs.exists(path(relative));
    }

    /** True if the path is a directory. */
    public boolean isDirectory(String relative) throws IOException {
        try {
            return fs.getFileStatus(path(relative)).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** Creates the directory (and its parents) if missing. */
    public void mkdirs() throws IOException {
        mkdirs("");
    }

    /** Creates a directory inside (and its parents) if missing. */
    public void mkdirs(String relative) throws IOException {
        if (!fs.mkdirs(path(relative))) {
            throw new IOException("cannot create directory " + display(relative));
        }
    }

    /** The names of the entries directly under a directory, sorted (empty if it does not exist). */
    public List<String> names(String relative) throws IOException {
        List<String> out = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(path(relative))) {
                out.add(s.getPath().getName());
            }
        } catch (FileNotFoundException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /**
     * Every file and directory under a directory, recursively, by relative path (directories end in '/'),
     * with file lengths (-1 for directories); empty if it does not exist.
     */
    public TreeMap<String, Long> walk(String relative) throws IOException {
        TreeMap<String, Long> out = new TreeMap<>();
        walk(path(relative), relative.isEmpty() ? "" : relative + "/", out);
        return out;
    }

    private void walk(Path dir, String prefix, TreeMap<String, Long> out) throws IOException {
        FileStatus[] entries;
        try {
            entries = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return;
        }
        for (FileStatus s : entries) {
            String rel = prefix + s.getPath().getName();
            if (s.isDirectory()) {
                out.put(rel + "/", -1L);
                walk(s.getPath(), rel + "/", out);
            } else {
                out.put(rel, s.getLen());
            }
        }
    }

    /** The last modification time of a file (epoch ms, the file system's clock). */
    public long modificationTime(String relative) throws IOException {
        return fs.getFileStatus(path(relative)).getModificationTime();
    }

    /** The text of a file, or empty if it does not exist. */
    public Optional<String> readText(String relative) throws IOException {
        try (InputStream in = fs.open(path(relative))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** length bytes of a file from offset. */
    public byte[] read(String relative, long offset, int length) throws IOException {
        byte[] buf = new byte[length];
        try (FSDataInputStream in = fs.open(path(relative))) {
            in.readFully(offset, buf);
        }
        return buf;
    }

    /**
     * Why a file is no readable Parquet file, or null if it is one: it must start and end with Parquet's magic
     * number, its footer must parse, and every column chunk the footer lists must lie between the leading magic
     * number and the footer. Cheap: the head, the tail and the footer are read (on the local file system through its
     * checksums, so that damage inside them is found too), never the data.
     */
    public String parquetProblem(String relative, long length) throws IOException {
        byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
        if (length < 12) {
            return "not a complete Parquet file (" + length + " bytes)";
        }
        byte[] head = new byte[4];
        byte[] tail = new byte[8]; // the footer's length, then the magic number
        try (FSDataInputStream in = fs.open(path(relative))) {
            in.readFully(0, head);
            in.readFully(length - 8, tail);
        }
        if (!java.util.Arrays.equals(head, magic) || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(tail, 4, 8), magic)) {
            return "not a complete Parquet file (" + length + " bytes)";
        }
        long footer = (tail[0] & 0xffL) | (tail[1] & 0xffL) << 8 | (tail[2] & 0xffL) << 16 | (tail[3] & 0xffL) << 24;
        if (footer <= 0 || footer > length - 12) {
            return "not a readable Parquet file (its footer length " + footer + " does not fit its " + length + " bytes)";
        }
        org.apache.parquet.hadoop.metadata.ParquetMetadata meta;
        try {
            meta = org.apache.parquet.hadoop.ParquetFileReader.readFooter(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(path(relative), fs.getConf()),
                    org.apache.parquet.format.converter.ParquetMetadataConverter.NO_FILTER);
        } catch (IOException | RuntimeException e) {
            return "not a readable Parquet file (its footer: " + reason(e) + ")";
        }
        long dataEnd = length - 8 - footer;
        for (org.apache.parquet.hadoop.metadata.BlockMetaData block : meta.getBlocks()) {
            for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData column : block.getColumns()) {
                long start = column.getStartingPos();
                if (start < 4 || start + column.getTotalSize() > dataEnd) {
                    return "not a readable Parquet file (column " + column.getPath().toDotString() + " lies outside its "
                            + "data, bytes 4 to " + dataEnd + ")";
                }
            }
        }
        return null;
    }

    /** The names of the top-level columns of a Parquet file, from its footer. */
    public List<String> parquetColumns(String relative) throws IOException {
        org.apache.parquet.hadoop.metadata.ParquetMetadata meta = org.apache.parquet.hadoop.ParquetFileReader.readFooter(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(path(relative), fs.getConf()),
                org.apache.parquet.format.converter.ParquetMetadataConverter.NO_FILTER);
        return meta.getFileMetaData().getSchema().getFields().stream().map(org.apache.parquet.schema.Type::getName).toList();
    }

    /** Writes a file so that readers see its old content or the new one, never a part (see the class comment). */
    public void writeAtomically(String relative, byte[] content) throws IOException {
        Path target = path(relative);
        if (objectStore) {
            write(target, content, true);
            return;
        }
        Path tmp = temporarySibling(target);
        write(tmp, content, true);
        try {
            if (!fs.rename(tmp, target)) {
                // HDFS and most non-POSIX file systems refuse to rename over an existing file; FileContext's
                // OVERWRITE rename replaces it atomically on HDFS.
                FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(tmp, target, Options.Rename.OVERWRITE);
            }
        } finally {
            fs.delete(tmp, false);
        }
    }

    /** Like {@link #writeAtomically(String, byte[])} for UTF-8 text. */
    public void writeAtomically(String relative, String text) throws IOException {
        writeAtomically(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates a file with the given content only if no file of that name exists, atomically (see the class
     * comment); returns false if one exists. The content is complete the moment the file appears.
     */
    public boolean createExclusively(String relative, String text) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        Path target = path(relative);
        fs.mkdirs(target.getParent());
        if (objectStore) {
            try (OutputStream out = (OutputStream) fs.createFile(target).overwrite(false).opt(CONDITIONAL_CREATE, true).build()) {
                out.write(content);
                return true;
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
                return false;
            }
        }
        if (local) {
            // link(2) fails if the target exists: the classic lock-file technique, atomic on NFS as well. A run that
            // holds the lock deletes hidden temporary files as leftovers, and that can be our linked-from file when
            // two runs start at once: it is gone only because a holder exists, so look again.
            for (int attempt = 0; attempt < 3; attempt++) {
                Path tmp = temporarySibling(target);
                write(tmp, content, false);
                try {
                    Files.createLink(localFile(target), localFile(tmp));
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                } catch (java.nio.file.NoSuchFileException e) {
                    if (fs.exists(target)) {
                        return false;
                    }
                } finally {
                    fs.delete(tmp, false);
                }
            }
            throw new IOException("cannot create " + display(relative) + ": its temporary file kept disappearing");
        }
        Path tmp = temporarySibling(target);
        write(tmp, content, false);
        try {
            if (fs.rename(tmp, target)) {
                return true;
            }
            if (fs.exists(target)) {
                return false;
            }
            throw new IOException("cannot create " + display(relative));
        } finally {
            fs.delete(tmp, false);
        }
    }

    /** Renames from to to if from exists; returns false if it did not. Atomic except on object stores. */
    public boolean renameIfPresent(String from, String to) throws IOException {
        if (!fs.exists(path(from))) {
            return false;
        }
        return fs.rename(path(from), path(to));
    }

    /** Deletes a file or a directory tree; returns false if nothing was there. */
    public boolean delete(String relative) throws IOException {
        return fs.delete(path(relative), true);
    }

    private void write(Path file, byte[] content, boolean overwrite) throws IOException {
        if (local && !overwrite) {
            Files.write(localFile(file), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return;
        }
        try (OutputStream out = fs.create(file, overwrite)) {
            out.write(content);
        }
    }

    /** The java.nio path of a file of the local file system. */
    private static java.nio.file.Path localFile(Path file) {
        return Paths.get(file.toUri().getPath());
    }

    /** A hidden, unique sibling of a file: readers (Spark, pyarrow) skip names starting with '.'. */
    private static Path temporarySibling(Path file) {
        return new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** True for the hidden temporary files of {@link #writeAtomically} and {@link #createExclusively}. */
    static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /**
     * A file-system failure in one line: the root cause's message, with its class where the message alone does not
     * say what failed ("UnknownHostException: nohost", "cannot create directory /proc/x").
     */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        int nl = message.indexOf('\n');
        message = nl < 0 ? message : message.substring(0, nl);
        boolean plain = root instanceof IOException && root.getClass() == IOException.class;
        return plain && !message.isEmpty() ? message
                : root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    @Override
    public String toString() {
        return display();
    }
}
