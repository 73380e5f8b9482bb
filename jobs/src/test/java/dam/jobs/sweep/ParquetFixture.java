package dam.jobs.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Small real Parquet files under the names Spark's writer gives them, for tests of the output directory without Spark. */
final class ParquetFixture {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message t { required int32 n; }");

    private ParquetFixture() {
    }

    /** A part file name of Spark's writer for split k of a new job. */
    static String partName(int k) {
        return String.format("part-%05d-%s-c000.snappy.parquet", k, UUID.randomUUID());
    }

    /** Writes a complete Parquet file of rows ints at file (no checksum side file). */
    static void write(Path file, int rows) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
        try (ParquetWriter<org.apache.parquet.example.data.Group> w = ExampleParquetWriter.builder(path)
                .withConf(conf).withType(SCHEMA).build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
            for (int i = 0; i < rows; i++) {
                w.write(groups.newGroup().append("n", i));
            }
        }
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    }
}
