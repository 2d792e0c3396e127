package org.seedbench.catalog.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import org.seedbench.catalog.internal.CatalogDatabase;

/**
 * A second process for {@link CatalogLockTest}: holds the catalog in a data directory open, says
 * {@value #HOLDING} on its output, and lets go when its input has a line or ends.
 *
 * <p>Arguments: the data directory, then {@code catalog} to hold it as Seedbench does (with the owner note)
 * or {@code raw} to hold it with a bare H2 connection that leaves no note.
 */
public final class CatalogHolder {
    static final String HOLDING = "holding";

    private CatalogHolder() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        Path directory = Path.of(args[0]);
        if (args.length > 1 && args[1].equals("raw")) {
            Properties login = new Properties();
            login.setProperty("user", "sa");
            login.setProperty("password", "");
            Connection connection = new org.h2.Driver().connect(
                    "jdbc:h2:file:" + directory.toAbsolutePath().resolve(CatalogDatabase.FILE_NAME), login);
            try {
                holdUntilReleased();
            } finally {
                connection.close();
            }
        } else {
            // waits as a verb does, for a process that keeps the catalog between its operations to let go
            CatalogDatabase.Session session = new CatalogDatabase(directory, Duration.ofSeconds(30)).open();
            try {
                holdUntilReleased();
            } finally {
                session.close();
            }
        }
    }

    private static void holdUntilReleased() throws IOException {
        System.out.println(HOLDING);
        System.out.flush();
        int c;
        do {
            c = System.in.read();
        } while (c != -1 && c != '\n');
    }
}
