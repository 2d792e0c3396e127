package org.seedbench.ui.secrets;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The password of a shared PostgreSQL catalog, kept where PostgreSQL's clients (the JDBC driver in the workbench and
 * the command line, {@code psql}) look for it: the pgpass file ({@code PGPASSFILE}, else {@code ~/.pgpass}, on Windows
 * {@code %APPDATA%\postgresql\pgpass.conf}), readable by its owner only. Never in the workbench's plain preferences
 * nor in the catalog URL.
 */
public final class PgPass {
    /** {@code jdbc:postgresql://host[:port][/database][?params]}; an IPv6 host in brackets. */
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://(\\[[^\\]]+\\]|[^/:?]*)(?::(\\d+))?(?:/([^?]*))?(?:\\?(.*))?");

    private final Path file;

    public PgPass(Path file) {
        this.file = file;
    }

    /** The pgpass file the JDBC driver reads, as it finds it. */
    public static PgPass of(Map<String, String> env, String home, boolean windows) {
        String given = env.get("PGPASSFILE");
        if (given != null && !given.isBlank()) {
            return new PgPass(Path.of(given));
        }
        if (windows && env.get("APPDATA") != null) {
            return new PgPass(Path.of(env.get("APPDATA"), "postgresql", "pgpass.conf"));
        }
        return new PgPass(Path.of(home, ".pgpass"));
    }

    public Path file() {
        return file;
    }

    /** Whether a catalog URL carries a password itself (a {@code password} parameter or one before the host). */
    public static boolean holdsPassword(String url) {
        return url.matches("(?is).*[?&;]password=.*") || url.matches("(?s)[^?]*//[^/@?]*:[^/@?]*@.*");
    }

    /**
     * Keeps {@code password} for the server, database and user of {@code url} (its {@code user} parameter, else
     * {@code defaultUser}), replacing the line kept for them before; other lines stay as they were.
     *
     * @throws IllegalArgumentException when the URL is not a PostgreSQL URL
     */
    public void keep(String url, String defaultUser, char[] password) throws IOException {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL URL (jdbc:postgresql://host:port/database)");
        }
        String host = m.group(1).isEmpty() ? "localhost" : m.group(1).replaceAll("^\\[|\\]$", "");
        String port = m.group(2) == null ? "5432" : m.group(2);
        String database = m.group(3) == null || m.group(3).isEmpty() ? null : decode(m.group(3));
        String user = parameter(m.group(4), "user");
        user = user == null ? defaultUser : user;
        database = database == null ? user : database;
        String key = escape(host) + ":" + port + ":" + escape(database) + ":" + escape(user) + ":";
        List<String> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.startsWith(key)) {
                    lines.add(line);
                }
            }
        }
        lines.add(key + escape(new String(password)));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".pgpass", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Windows: the file lies in the user's own profile
            }
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(name)) {
                return decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** A field of a pgpass line: {@code :} and {@code \} are escaped with a backslash. */
    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
