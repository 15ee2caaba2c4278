package dev.driftguard.validator.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Drift ids: deterministic, so that the same divergence replayed after a restore gets the same id and the audit
 * store's upsert by id stays idempotent. A divergence is identified by its key and the two sides' positions at the
 * moment the sides started to disagree (-1 for a side without a version).
 */
final class DriftIds {

    private DriftIds() {}

    static String of(String migration, String detectorKey, long sourceLsn, long targetLsn) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM provides no SHA-256 MessageDigest", e);
        }
        sha256.update(migration.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(detectorKey.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(Long.toString(sourceLsn).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) '/');
        sha256.update(Long.toString(targetLsn).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha256.digest(), 0, 16);
    }
}
