package org.seedbench.workload.command;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.workload.command.internal.CommandLineSplitter;

/**
 * One configured command: what {@code command:NAME} runs and where its output goes in the seed.
 *
 * <p>Properties (the same keys in a ConfigurationAdmin factory configuration of PID
 * {@value CommandWorkloadSource#PID} and in a {@code NAME.cfg} file of the commands folder):
 * <ul>
 * <li>{@code name} — the NAME of {@code command:NAME}: lowercase letters, digits, '.', '_' and '-'; in a
 * file it defaults to the file's name without {@code .cfg};</li>
 * <li>{@code command} — the program and its arguments: a list (String[] in ConfigurationAdmin), or one line
 * split at spaces, with '…' and "…" quoting and \ escapes; no shell is involved unless the command names
 * one ({@code sh -c '…'});</li>
 * <li>{@code item} — the item's path in the seed, '/'-separated (default {@code NAME.out});</li>
 * <li>{@code directory} — the working directory (default: the current one);</li>
 * <li>{@code environment} — extra variables, a list of {@code KEY=VALUE} (or, in a file,
 * {@code environment.KEY = VALUE} lines); their values are treated as secrets and never printed;</li>
 * <li>{@code timeout} — seconds the command may run, 0 for no limit (default 0);</li>
 * <li>{@code spoolDirectory} — where the output is held until the command has exited (default: the system's
 * temporary folder); it needs room for one whole output.</li>
 * </ul>
 */
public record CommandDefinition(String name, List<String> command, String item, Path directory,
        Map<String, String> environment, Duration timeout, Path spoolDirectory) {

    public static final String NAME = "name";
    public static final String COMMAND = "command";
    public static final String ITEM = "item";
    public static final String DIRECTORY = "directory";
    public static final String ENVIRONMENT = "environment";
    public static final String TIMEOUT = "timeout";
    public static final String SPOOL_DIRECTORY = "spoolDirectory";

    private static final Pattern NAME_RULE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String NAME_ALLOWED = "1–64 lowercase letters, digits, '.', '_' and '-', starting with a letter or digit";

    public CommandDefinition {
        Objects.requireNonNull(name, NAME);
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(new TreeMap<>(environment));
        timeout = timeout == null ? Duration.ZERO : timeout;
    }

    /** {@code true} when {@code name} is usable as the NAME of {@code command:NAME}. */
    public static boolean isValidName(String name) {
        return name != null && NAME_RULE.matcher(name).matches();
    }

    /**
     * Reads a definition from configuration properties.
     *
     * @param defaultName the name when the properties have none (a file's name), or {@code null}
     * @param origin      where the properties come from, for the problems (a file, a configuration's PID)
     * @param problems    receives one problem per bad property; the result is {@code null} when there is any
     */
    public static CommandDefinition from(Map<String, ?> properties, String defaultName, String origin,
            List<Problem> problems) {
        int before = problems.size();
        String field = SeedRules.WORKLOAD;
        String name = string(properties.get(NAME));
        if (name == null || name.isBlank()) {
            name = defaultName;
        }
        if (!isValidName(name)) {
            problems.add(new Problem(field, origin, name == null ? "names no command (property 'name')"
                    : "the name '" + name + "' is not usable", NAME_ALLOWED));
        }
        List<String> command = List.of();
        Object rawCommand = properties.get(COMMAND);
        try {
            command = list(rawCommand, true);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(field, origin, "property 'command': " + e.getMessage(),
                    "a program and its arguments, e.g. pg_dump -Fc shop"));
        }
        if (command.isEmpty() && problems.size() == before) {
            problems.add(new Problem(field, origin, "property 'command' is missing or empty",
                    "a program and its arguments, e.g. pg_dump -Fc shop"));
        }
        String item = string(properties.get(ITEM));
        if (item == null || item.isBlank()) {
            item = (name == null ? "command" : name) + ".out";
        }
        String itemProblem = itemProblem(item);
        if (itemProblem != null) {
            problems.add(new Problem(field, origin, "property 'item' " + itemProblem,
                    "a relative '/'-separated path without '.' or '..' segments, e.g. dumps/shop.sql"));
        }
        Path directory = path(properties.get(DIRECTORY), DIRECTORY, origin, problems);
        Path spool = path(properties.get(SPOOL_DIRECTORY), SPOOL_DIRECTORY, origin, problems);
        Map<String, String> environment = new LinkedHashMap<>();
        try {
            for (String entry : list(properties.get(ENVIRONMENT), false)) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    // the value may be a secret: never repeat the entry
                    throw new IllegalArgumentException("an entry has no KEY= before its value");
                }
                environment.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(field, origin, "property 'environment': " + e.getMessage(),
                    "a list of KEY=VALUE"));
        }
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            if (e.getKey().startsWith(ENVIRONMENT + ".") && e.getKey().length() > ENVIRONMENT.length() + 1) {
                environment.put(e.getKey().substring(ENVIRONMENT.length() + 1), String.valueOf(e.getValue()));
            }
        }
        Duration timeout = Duration.ZERO;
        Object rawTimeout = properties.get(TIMEOUT);
        if (rawTimeout != null && !String.valueOf(rawTimeout).isBlank()) {
            try {
                long seconds = rawTimeout instanceof Number n ? n.longValue()
                        : Long.parseLong(String.valueOf(rawTimeout).trim());
                if (seconds < 0) {
                    throw new NumberFormatException();
                }
                timeout = Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                problems.add(new Problem(field, origin, "property 'timeout' is '" + rawTimeout
                        + "', not a number of seconds", "0 (no limit) or more seconds"));
            }
        }
        if (problems.size() != before) {
            return null;
        }
        return new CommandDefinition(name, command, item, directory, environment, timeout, spool);
    }

    /** Why an item path is not usable, or {@code null}. */
    static String itemProblem(String item) {
        if (item.startsWith("/") || item.endsWith("/") || item.contains("\\")) {
            return "'" + item + "' is not a relative '/'-separated path";
        }
        for (String segment : item.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "'" + item + "' has an empty, '.' or '..' segment";
            }
        }
        return null;
    }

    /** The folders that lead to the item, outermost first ({@code a}, {@code a/b} for {@code a/b/c.sql}). */
    public List<String> itemFolders() {
        List<String> folders = new ArrayList<>();
        int slash = item.indexOf('/');
        while (slash > 0) {
            folders.add(item.substring(0, slash));
            slash = item.indexOf('/', slash + 1);
        }
        return folders;
    }

    /**
     * Hides the values of the environment in a text from the command (its error output): they are often
     * passwords.
     */
    public String redact(String text) {
        String result = text;
        for (String value : environment.values()) {
            if (value.length() >= 3) {
                result = result.replace(value, "***");
            }
        }
        return result;
    }

    @Override
    public String toString() {
        // never the arguments or the environment: either may hold a password
        return "command '" + name + "'";
    }

    private static String string(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String[] array) {
            return array.length == 0 ? null : array[0];
        }
        return String.valueOf(value).trim();
    }

    private static List<String> list(Object value, boolean split) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] array) {
            return List.copyOf(Arrays.asList(array));
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            return List.of();
        }
        return split ? CommandLineSplitter.split(text) : List.of(text.split("\\s*,\\s*"));
    }

    private static Path path(Object value, String key, String origin, List<Problem> problems) {
        String text = string(value);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(text);
            if (!p.isAbsolute()) {
                problems.add(new Problem(SeedRules.WORKLOAD, origin, "property '" + key + "' is '" + text
                        + "', not an absolute path", "an absolute folder path"));
                return null;
            }
            return p;
        } catch (InvalidPathException e) {
            problems.add(new Problem(SeedRules.WORKLOAD, origin, "property '" + key + "' is not a valid path ("
                    + e.getReason() + ")", "an absolute folder path"));
            return null;
        }
    }
}
