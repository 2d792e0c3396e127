package org.seedbench.batch.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: positional arguments, options with values ({@code --name VALUE} or
 * {@code --name=VALUE}, repeatable) and flags ({@code --json}).
 */
final class Args {
    /** Options every verb takes. */
    static final Set<String> GLOBAL_VALUED = Set.of("data");
    static final Set<String> GLOBAL_FLAGS = Set.of("json", "debug", "help");

    private final List<String> positionals = new ArrayList<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();

    /**
     * @param valued options that take a value
     * @param flags  options that take none
     * @throws UsageException for an unknown option or a missing value
     */
    static Args parse(List<String> raw, Set<String> valued, Set<String> flags, String usage) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < raw.size(); i++) {
            String arg = raw.get(i);
            if (arg.equals("--")) {
                a.positionals.addAll(raw.subList(i + 1, raw.size()));
                break;
            }
            if (arg.equals("-h")) {
                a.flags.add("help");
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                a.positionals.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (valued.contains(name) || GLOBAL_VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= raw.size()) {
                        throw new UsageException("option --" + name + " needs a value", usage);
                    }
                    value = raw.get(++i);
                }
                a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (flags.contains(name) || GLOBAL_FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + name + " takes no value", usage);
                }
                a.flags.add(name);
            } else if (name.equals("passphrase")) {
                throw new UsageException("a passphrase is never taken as an argument, where the shell history and "
                        + "other users see it; use --passphrase-file F or SEEDBENCH_PASSPHRASE", usage);
            } else {
                throw new UsageException("unknown option --" + name, usage);
            }
        }
        return a;
    }

    List<String> positionals() {
        return positionals;
    }

    /** The last value given for the option, or {@code null}. */
    String value(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The single positional argument a verb needs, e.g. the job's name. */
    String requirePositional(String what, String usage) throws UsageException {
        if (positionals.isEmpty()) {
            throw new UsageException("missing " + what, usage);
        }
        if (positionals.size() > 1) {
            throw new UsageException("unexpected argument '" + positionals.get(1) + "'", usage);
        }
        return positionals.get(0);
    }

    void requireNoPositionals(String usage) throws UsageException {
        if (!positionals.isEmpty()) {
            throw new UsageException("unexpected argument '" + positionals.get(0) + "'", usage);
        }
    }
}
