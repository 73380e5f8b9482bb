package dam.jobs.table;

import dam.core.analysis.OverlapPeak;
import dam.jobs.summary.TheorySummary;
import java.util.List;
import org.apache.spark.sql.Row;

/** Values read back from rows of the sweep's tables (a committed file, a row collected from Spark). */
public final class TableReaders {

    private TableReaders() {
    }

    /** The int array in column i of a row (Parquet gives a list of boxed values). */
    public static int[] ints(Row row, int i) {
        List<Object> list = row.getList(i);
        int[] a = new int[list.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = ((Number) list.get(k)).intValue();
        }
        return a;
    }

    /** The theory summary stored in a theory/ row (for grid points whose theory an earlier batch solved). */
    public static TheorySummary theorySummary(Row row) {
        List<Double> m = row.getList(row.fieldIndex("m"));
        double[] arr = new double[m.size()];
        for (int i = 0; i < arr.length; i++) {
            arr[i] = m.get(i);
        }
        int ct = row.fieldIndex("convergence_time");
        return new TheorySummary(arr, row.isNullAt(ct) ? -1 : row.getInt(ct), row.getDouble(row.fieldIndex("final_m")),
                row.getBoolean(row.fieldIndex("retrieved")),
                new OverlapPeak(row.getDouble(row.fieldIndex("max_m")), row.getInt(row.fieldIndex("max_m_time"))));
    }
}
