package dev.driftguard.compare.segment;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.CompareOptions;
import dev.driftguard.compare.exec.Sessions;
import dev.driftguard.compare.sql.KeyRange;
import dev.driftguard.compare.sql.SqlQuery;
import dev.driftguard.compare.sql.TableSides;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a table's key range into segments of similar row counts, at key values sampled from the larger side
 * ({@code TABLESAMPLE SYSTEM}, about {@value #PAGES_PER_SEGMENT} pages per segment, ordered by key in byte order for
 * text), and sizes each segment's hash buckets.
 */
public final class SegmentPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentPlanner.class);

    /** At most 2^16 buckets per segment (one hash-aggregate group each). */
    public static final int MAX_BUCKET_BITS = 16;

    /** Sampled pages per planned segment: enough that segment sizes stay close to each other. */
    static final int PAGES_PER_SEGMENT = 16;

    /** Bounds the plan (its boundaries are kept in memory and in the audit store). */
    static final int MAX_SEGMENTS = 100_000;

    private SegmentPlanner() {}

    /**
     * Plans the segments of a table of about {@code estimatedRows} rows. A table whose key ranges cannot be read
     * through an index on both sides is one segment, read in one scan per side.
     */
    public static List<Segment> plan(Sessions sessions, TableSides sql, CompareOptions options, double estimatedRows) {
        long rows = (long) Math.ceil(Math.max(estimatedRows, 0));
        long wanted = Math.min(MAX_SEGMENTS, (rows + options.segmentRows() - 1) / options.segmentRows());
        boolean indexed = sql.source().keyRangeUsesIndex() && sql.target().keyRangeUsesIndex();
        if (wanted > 1 && !indexed) {
            LOG.info(
                    "{}: no index serves key ranges on both sides (the key needs a btree index, with COLLATE \"C\""
                            + " for text); comparing it as one segment, one scan per side",
                    sql.mapping().table());
        }
        if (wanted <= 1 || !indexed) {
            return List.of(new Segment(0, KeyRange.ALL, bucketBits(rows, options.bucketRows(), MAX_BUCKET_BITS)));
        }
        Side sampled =
                sql.mapping().source().estimatedRows() >= sql.mapping().target().estimatedRows()
                        ? Side.SOURCE
                        : Side.TARGET;
        long pages = sql.mapping().on(sampled).pages();
        double percent = pages <= 0 ? 100.0 : Math.min(100.0, 100.0 * wanted * PAGES_PER_SEGMENT / pages);
        SqlQuery query = sql.on(sampled).sampleBoundaries(percent, (int) wanted);
        List<List<String>> boundaries = sessions.on(
                sampled,
                "sample keys of " + sql.mapping().table(),
                (side, c) -> readKeys(query, c, sql.mapping().key().size()));
        List<List<String>> distinct = new ArrayList<>();
        for (List<String> b : boundaries) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(b)) {
                distinct.add(b);
            }
        }
        int count = distinct.size() + 1;
        int bits = bucketBits(rows / count, options.bucketRows(), MAX_BUCKET_BITS);
        List<Segment> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            segments.add(new Segment(
                    i,
                    new KeyRange(i == 0 ? null : distinct.get(i - 1), i == count - 1 ? null : distinct.get(i)),
                    bits));
        }
        LOG.debug(
                "{}: {} segments of about {} rows, {} buckets each",
                sql.mapping().table(),
                count,
                rows / count,
                1 << bits);
        return segments;
    }

    /** Bits of a split into buckets of about {@code bucketRows} rows: 0 for one bucket, at most {@code maxBits}. */
    public static int bucketBits(long rows, int bucketRows, int maxBits) {
        long buckets = (rows + bucketRows - 1) / bucketRows;
        int bits = buckets <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(buckets - 1);
        return Math.max(0, Math.min(bits, Math.min(MAX_BUCKET_BITS, maxBits)));
    }

    private static List<List<String>> readKeys(SqlQuery query, Connection c, int keyColumns) throws SQLException {
        List<List<String>> keys = new ArrayList<>();
        try (PreparedStatement ps = query.prepare(c);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> key = new ArrayList<>(keyColumns);
                for (int i = 1; i <= keyColumns; i++) {
                    key.add(rs.getString(i));
                }
                keys.add(key);
            }
        }
        return keys;
    }
}
