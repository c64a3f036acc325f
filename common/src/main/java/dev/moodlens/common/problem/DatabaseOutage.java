package dev.moodlens.common.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure caused by a database that cannot be reached (connection refused, pool
 * exhausted by dead connections, link broken): SQLState class 08 or a transient connection error,
 * anywhere in the cause chain. Hibernate's JDBCConnectionException carries such an SQLException.
 */
final class DatabaseOutage {

    private DatabaseOutage() {
    }

    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }
}
