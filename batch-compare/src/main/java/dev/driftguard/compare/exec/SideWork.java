package dev.driftguard.compare.exec;

import dev.driftguard.avro.Side;
import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one side's connection, inside one read-only transaction. */
@FunctionalInterface
public interface SideWork<T> {
    T run(Side side, Connection connection) throws SQLException;
}
