package dev.driftguard.compare.segment;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.CompareOptions;
import dev.driftguard.compare.DifferenceCounts;
import dev.driftguard.compare.DifferenceKind;
import dev.driftguard.compare.diff.Detected;
import dev.driftguard.compare.diff.FetchedRow;
import dev.driftguard.compare.diff.RowDiffer;
import dev.driftguard.compare.diff.RowReader;
import dev.driftguard.compare.exec.BothSides;
import dev.driftguard.compare.exec.Sessions;
import dev.driftguard.compare.sql.HashSlice;
import dev.driftguard.compare.sql.SqlQuery;
import dev.driftguard.compare.sql.TableSides;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares one segment: bucket checksums on both sides in one scan each; buckets that differ are split by further
 * key-hash bits until they are small, then their rows (key and column hashes) are fetched from both sides and diffed.
 * A bucket that is empty on one side needs no diff: all its rows are missing or extra.
 */
public final class SegmentComparer {

    private final TableSides sql;
    private final CompareOptions options;
    private final RowReader reader;
    private final List<String> columns;

    public SegmentComparer(TableSides sql, CompareOptions options) {
        this.sql = sql;
        this.options = options;
        this.columns = sql.mapping().columnNames();
        this.reader = new RowReader(sql.mapping().keyNames(), columns.size());
    }

    public SegmentOutcome compare(Sessions sessions, Segment segment) {
        String what = "checksum of segment " + segment.number() + " of "
                + sql.mapping().table();
        BothSides<Map<Long, BucketSum>> sums = sessions.both(
                what,
                (side, c) -> readSums(
                        sql.on(side).bucketChecksums(segment.range(), HashSlice.ALL, segment.bucketBits()), c));
        Collector collector = new Collector(options.maxDifferencesPerTable());
        resolve(sessions, segment, HashSlice.ALL, segment.bucketBits(), sums, collector);
        return new SegmentOutcome(
                segment,
                total(sums.source()),
                total(sums.target()),
                checksum(sums.source()),
                checksum(sums.target()),
                collector.counts,
                collector.details);
    }

    private record Mismatch(HashSlice slice, long sourceRows, long targetRows) {
        long larger() {
            return Math.max(sourceRows, targetRows);
        }
    }

    private void resolve(
            Sessions sessions,
            Segment segment,
            HashSlice parent,
            int bits,
            BothSides<Map<Long, BucketSum>> sums,
            Collector collector) {
        TreeSet<Long> buckets = new TreeSet<>(sums.source().keySet());
        buckets.addAll(sums.target().keySet());
        List<Mismatch> leaves = new ArrayList<>();
        List<Mismatch> sourceOnly = new ArrayList<>();
        List<Mismatch> targetOnly = new ArrayList<>();
        for (long bucket : buckets) {
            BucketSum s = sums.source().getOrDefault(bucket, BucketSum.EMPTY);
            BucketSum t = sums.target().getOrDefault(bucket, BucketSum.EMPTY);
            if (s.equals(t)) {
                continue;
            }
            Mismatch mismatch = new Mismatch(parent.child(bits, bucket), s.rows(), t.rows());
            if (t.rows() == 0) {
                sourceOnly.add(mismatch);
            } else if (s.rows() == 0) {
                targetOnly.add(mismatch);
            } else if (mismatch.larger() <= options.leafRows()
                    || mismatch.slice().bits() >= HashSlice.MAX_BITS) {
                leaves.add(mismatch);
            } else {
                int subBits = SegmentPlanner.bucketBits(
                        mismatch.larger(),
                        options.bucketRows(),
                        HashSlice.MAX_BITS - mismatch.slice().bits());
                BothSides<Map<Long, BucketSum>> sub = sessions.both(
                        "checksum of part of segment " + segment.number() + " of "
                                + sql.mapping().table(),
                        (side, c) ->
                                readSums(sql.on(side).bucketChecksums(segment.range(), mismatch.slice(), subBits), c));
                resolve(sessions, segment, mismatch.slice(), subBits, sub, collector);
            }
        }
        diffLeaves(sessions, segment, leaves, collector);
        oneSided(sessions, segment, sourceOnly, Side.SOURCE, collector);
        oneSided(sessions, segment, targetOnly, Side.TARGET, collector);
    }

    /** Fetches the rows of mismatching buckets from both sides, at most the fetch budget per query, and diffs them. */
    private void diffLeaves(Sessions sessions, Segment segment, List<Mismatch> leaves, Collector collector) {
        for (List<Mismatch> batch : batches(leaves)) {
            int bits = batch.get(0).slice().bits();
            long[] values = batch.stream().mapToLong(m -> m.slice().value()).toArray();
            BothSides<List<FetchedRow>> rows = sessions.both(
                    "rows of segment " + segment.number() + " of "
                            + sql.mapping().table(),
                    (side, c) -> readRows(sql.on(side).bucketRows(segment.range(), bits, values, 0), c));
            collector.addAll(RowDiffer.diff(segment.number(), rows.source(), rows.target(), columns));
        }
    }

    /** Buckets with rows on one side only: every row is missing (or extra); details up to the limit. */
    private void oneSided(
            Sessions sessions, Segment segment, List<Mismatch> mismatches, Side side, Collector collector) {
        DifferenceKind kind = side == Side.SOURCE ? DifferenceKind.MISSING_ON_TARGET : DifferenceKind.EXTRA_ON_TARGET;
        for (List<Mismatch> sameBits : byBits(mismatches)) {
            long rows = sameBits.stream().mapToLong(Mismatch::larger).sum();
            int room = collector.room();
            if (room > 0) {
                int bits = sameBits.get(0).slice().bits();
                long[] values =
                        sameBits.stream().mapToLong(m -> m.slice().value()).toArray();
                List<FetchedRow> fetched = sessions.on(
                        side,
                        "rows of segment " + segment.number() + " of "
                                + sql.mapping().table(),
                        (s, c) -> readRows(sql.on(s).bucketRows(segment.range(), bits, values, room), c));
                for (FetchedRow row : fetched) {
                    collector.addDetail(new Detected(
                            segment.number(),
                            kind,
                            row.key(),
                            List.of(),
                            side == Side.SOURCE ? row.hashes() : null,
                            side == Side.TARGET ? row.hashes() : null));
                }
            }
            collector.count(kind, rows);
        }
    }

    private List<List<Mismatch>> byBits(List<Mismatch> mismatches) {
        Map<Integer, List<Mismatch>> groups = new TreeMap<>();
        mismatches.forEach(m ->
                groups.computeIfAbsent(m.slice().bits(), b -> new ArrayList<>()).add(m));
        return new ArrayList<>(groups.values());
    }

    private List<List<Mismatch>> batches(List<Mismatch> leaves) {
        List<List<Mismatch>> batches = new ArrayList<>();
        for (List<Mismatch> sameBits : byBits(leaves)) {
            List<Mismatch> batch = new ArrayList<>();
            long rows = 0;
            for (Mismatch m : sameBits) {
                if (!batch.isEmpty() && rows + m.larger() > options.fetchBatchRows()) {
                    batches.add(batch);
                    batch = new ArrayList<>();
                    rows = 0;
                }
                batch.add(m);
                rows += m.larger();
            }
            if (!batch.isEmpty()) {
                batches.add(batch);
            }
        }
        return batches;
    }

    private static Map<Long, BucketSum> readSums(SqlQuery query, Connection c) throws SQLException {
        Map<Long, BucketSum> sums = new TreeMap<>();
        try (PreparedStatement ps = query.prepare(c);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long rows = rs.getLong(2);
                if (rows == 0) {
                    continue;
                }
                BigDecimal sum = rs.getBigDecimal(3);
                sums.put(rs.getLong(1), new BucketSum(rows, sum == null ? BigInteger.ZERO : sum.toBigIntegerExact()));
            }
        }
        return sums;
    }

    /** Reads all rows at once: callers bound them (fetch batch, or LIMIT). */
    private List<FetchedRow> readRows(SqlQuery query, Connection c) throws SQLException {
        List<FetchedRow> rows = new ArrayList<>();
        try (PreparedStatement ps = query.prepare(c)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FetchedRow row = reader.read(rs, false);
                    if (row != null) {
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    private static long total(Map<Long, BucketSum> sums) {
        return sums.values().stream().mapToLong(BucketSum::rows).sum();
    }

    private static BigInteger checksum(Map<Long, BucketSum> sums) {
        return sums.values().stream().map(BucketSum::sum).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** A segment's differences: exact counts, details up to the limit. */
    private static final class Collector {
        private final int limit;
        private final List<Detected> details = new ArrayList<>();
        private DifferenceCounts counts = DifferenceCounts.NONE;

        Collector(int limit) {
            this.limit = limit;
        }

        int room() {
            return Math.max(0, limit - details.size());
        }

        void addAll(List<Detected> differences) {
            for (Detected d : differences) {
                addDetail(d);
                count(d.kind(), 1);
            }
        }

        void addDetail(Detected d) {
            if (details.size() < limit) {
                details.add(d);
            }
        }

        void count(DifferenceKind kind, long n) {
            counts = counts.plus(kind, n);
        }
    }
}
