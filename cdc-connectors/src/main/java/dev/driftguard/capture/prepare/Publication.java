package dev.driftguard.capture.prepare;

import dev.driftguard.capture.CaptureNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** An existing publication and the comment prepare wrote into it (naming the migration it belongs to). */
record Publication(String name, String comment) {

    static Optional<Publication> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT obj_description(oid, 'pg_publication') FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Publication(name, rs.getString(1))) : Optional.empty();
            }
        }
    }

    boolean ownedBy(CaptureNames names) {
        return names.ownerComment().equals(comment);
    }

    /** For messages: whose publication this is. */
    String owner() {
        return comment == null ? "something else (it has no driftguard comment)" : "'" + comment + "'";
    }
}
