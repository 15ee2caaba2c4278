package dev.driftguard.capture.prepare;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.row.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration side's publication: created for the captured tables with a comment naming its owner, or, when it
 * exists and is ours, set to them; someone else's publication of that name is refused.
 */
final class PublicationSetup {

    private static final Logger LOG = LoggerFactory.getLogger(CapturePreparer.class);

    private PublicationSetup() {}

    static boolean ensure(Connection c, CaptureNames names, List<TableId> tables, ConnectionSpec database)
            throws SQLException {
        String tableList = tables.stream().map(TableId::quoted).collect(Collectors.joining(", "));
        String publication = TableId.quoteIdentifier(names.publicationName());
        Optional<Publication> existing = Publication.find(c, names.publicationName());
        try (Statement st = c.createStatement()) {
            if (existing.isEmpty()) {
                LOG.info("creating publication {} for {}", names.publicationName(), tables);
                st.execute("CREATE PUBLICATION " + publication + " FOR TABLE " + tableList
                        + " WITH (publish = 'insert, update, delete, truncate')");
                st.execute("COMMENT ON PUBLICATION " + publication + " IS " + literal(names.ownerComment()));
                return true;
            }
            if (!existing.get().ownedBy(names)) {
                throw new CapturePrepareException("publication " + names.publicationName() + " already exists in "
                        + database + " but belongs to "
                        + existing.get().owner()
                        + ", not to migration " + names.migration() + " " + names.sideName()
                        + ": migration ids that differ only in case, '-' or '.' map to the same names; choose another id"
                        + " or drop that publication");
            }
            LOG.info("publication {} exists; setting its tables to {}", names.publicationName(), tables);
            st.execute("ALTER PUBLICATION " + publication + " SET TABLE " + tableList);
            return false;
        }
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
