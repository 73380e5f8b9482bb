package dam.jobs.sweep;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a table the way the readers' contract says (docs/tables.md): only the files that a ledger record
 * lists, never those of an unfinished batch. A directory that dam does not manage (no sweep description, no
 * records: tables written by other means) is read whole.
 */
public final class CommittedTables {

    private CommittedTables() {
    }

    /** True if the table has committed files (or, without a ledger, a directory). */
    public static boolean present(OutputDirectory dir, Ledger ledger, String table) {
        try {
            return !ledger.managed() ? dir.isDirectory(table) : !ledger.committed(table).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir.display(table), e);
        }
    }

    /**
     * The committed rows of a table, read with the given schema (null: the files' own); no rows (with that
     * schema) when nothing is committed.
     */
    public static Dataset<Row> read(SparkSession spark, OutputDirectory dir, Ledger ledger, String table, StructType schema) {
        var reader = spark.read(); // plain Parquet files: n is a column of each, no partition discovery needed
        if (schema != null) {
            reader = reader.schema(schema);
        }
        if (!ledger.managed()) {
            if (!present(dir, ledger, table)) {
                return empty(spark, schema);
            }
            return reader.parquet(dir.uri(table));
        }
        List<String> files = ledger.committed(table);
        if (files.isEmpty()) {
            return empty(spark, schema);
        }
        return reader.parquet(files.stream().map(dir::uri).toArray(String[]::new));
    }

    private static Dataset<Row> empty(SparkSession spark, StructType schema) {
        return spark.createDataFrame(List.of(), schema == null ? new StructType() : schema);
    }
}
