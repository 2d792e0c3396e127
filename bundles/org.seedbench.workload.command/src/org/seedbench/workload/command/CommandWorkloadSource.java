package org.seedbench.workload.command;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;
import org.seedbench.workload.command.internal.Dump;

/**
 * The {@code command} workload source: {@code command:NAME} seeds the standard output of the command
 * configured as NAME (a database dump, an export) as one item, and only when the command exits with 0.
 *
 * <p>Where commands are configured (the first definition of a name wins):
 * <ol>
 * <li>{@code NAME.cfg} files (Java properties, see {@link CommandDefinition}) in the commands folder: the
 * system property {@value #FOLDER_PROPERTY}, else the environment variable {@value #FOLDER_ENV}, else
 * {@code $SEEDBENCH_DATA/commands}, else {@code ~/.seedbench/commands}. This is how the headless product is
 * configured, since each of its runs starts with a fresh OSGi configuration area;</li>
 * <li>ConfigurationAdmin factory configurations of PID {@value #PID}, with the same properties (metatype in
 * {@code OSGI-INF/metatype/}).</li>
 * </ol>
 *
 * <p>How a run goes: the command runs once per run (the size estimate before a run starts it, and the run
 * then reads that output; an output made for an estimate is dropped when the workload is validated again, so
 * a later run never stages an old one). Its standard output is held in a spool file (mode 0600, in the definition's
 * {@code spoolDirectory}) until it exits, because the seed must know an item's size before reading it and
 * must never hold a truncated dump: when the command exits with another code than 0, is stopped by its
 * timeout or cannot start, the item is left out with one warning ("command 'shop' exited with 3"), and
 * nothing of its output is stored. The spool file is removed once the run has read it. The item's folders
 * (for {@code item = dumps/shop.sql}, {@code dumps}) come before it; the item is restored with mode 0600.
 */
@Component(service = WorkloadSource.class)
public class CommandWorkloadSource implements WorkloadSource {
    /** The id written before the colon: {@code command:NAME}. */
    public static final String ID = "command";
    /** The factory PID of command configurations in ConfigurationAdmin. */
    public static final String PID = "org.seedbench.workload.command";
    /** The system property naming the commands folder. */
    public static final String FOLDER_PROPERTY = "seedbench.commands";
    /** The environment variable naming the commands folder. */
    public static final String FOLDER_ENV = "SEEDBENCH_COMMANDS";
    /** The file name suffix of a command definition in the commands folder. */
    public static final String SUFFIX = ".cfg";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurationAdmin;

    private final Path fixedFolder;
    /** Outputs made for a size estimate, waiting for the run that follows, by command name. */
    private final Map<String, Dump.Result> estimated = new HashMap<>();
    /** Outputs listed by a run, waiting to be read, by command name. */
    private final Map<String, Dump.Result> listed = new HashMap<>();

    /** The component: the commands folder comes from the system property or the environment. */
    public CommandWorkloadSource() {
        this(null);
    }

    /** A source reading its definitions from {@code folder} (and ConfigurationAdmin, when set). */
    public CommandWorkloadSource(Path folder) {
        this.fixedFolder = folder;
    }

    /** Sets the ConfigurationAdmin to read definitions from, for use outside Declarative Services. */
    public void setConfigurationAdmin(ConfigurationAdmin admin) {
        this.configurationAdmin = admin;
    }

    @Deactivate
    synchronized void deactivate() {
        estimated.values().forEach(Dump.Result::discard);
        listed.values().forEach(Dump.Result::discard);
        estimated.clear();
        listed.clear();
    }

    /** The folder whose {@code NAME.cfg} files define commands. */
    public Path folder() {
        if (fixedFolder != null) {
            return fixedFolder;
        }
        String property = System.getProperty(FOLDER_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(FOLDER_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String data = System.getenv("SEEDBENCH_DATA");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "commands");
        }
        return Path.of(System.getProperty("user.home"), ".seedbench", "commands");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Command output (a database dump, an export)";
    }

    @Override
    public WorkloadKind kind() {
        return WorkloadKind.PARTNER;
    }

    /** A name's definition, or the problems that keep it from being used. */
    private record Lookup(CommandDefinition definition, List<Problem> problems) {
    }

    private Lookup lookup(WorkloadSpec spec) {
        String name = spec.target().trim();
        String workload = spec.toString();
        Path folder = folder();
        String where = "a NAME.cfg file in " + folder + " or a configuration of PID " + PID;
        if (name.isEmpty()) {
            return new Lookup(null, List.of(new Problem(SeedRules.WORKLOAD, workload, "names no command",
                    "command:NAME, with NAME defined by " + where)));
        }
        Map<String, Lookup> all = definitions(folder);
        Lookup found = all.get(name);
        if (found != null) {
            return found;
        }
        String known = all.keySet().stream().filter(CommandDefinition::isValidName).sorted()
                .collect(Collectors.joining(", "));
        return new Lookup(null, List.of(new Problem(SeedRules.WORKLOAD, workload,
                "no command '" + name + "' is configured",
                (known.isEmpty() ? "none is configured yet" : "one of " + known) + "; define one with " + where)));
    }

    /** Every definition by name: the folder's files, then ConfigurationAdmin's configurations. */
    private Map<String, Lookup> definitions(Path folder) {
        Map<String, Lookup> all = new LinkedHashMap<>();
        if (Files.isDirectory(folder)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
                dir.forEach(files::add);
            } catch (IOException e) {
                // an unreadable folder defines nothing; lookup() then names it
            }
            Collections.sort(files);
            for (Path file : files) {
                String base = file.getFileName().toString();
                base = base.substring(0, base.length() - SUFFIX.length());
                List<Problem> problems = new ArrayList<>();
                CommandDefinition definition = null;
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    Properties properties = new Properties();
                    properties.load(reader);
                    Map<String, Object> map = new TreeMap<>();
                    properties.forEach((k, v) -> map.put(String.valueOf(k), v));
                    definition = CommandDefinition.from(map, base, file.toString(), problems);
                } catch (IOException | IllegalArgumentException e) {
                    problems.add(new Problem(SeedRules.WORKLOAD, file.toString(), "cannot be read: " + e.getMessage(),
                            "a readable Java properties file"));
                }
                String name = definition != null ? definition.name() : base;
                all.putIfAbsent(name, new Lookup(definition, problems));
            }
        }
        ConfigurationAdmin admin = configurationAdmin;
        if (admin != null) {
            try {
                Configuration[] configurations = admin.listConfigurations("(service.factoryPid=" + PID + ")");
                if (configurations != null) {
                    for (Configuration c : configurations) {
                        Dictionary<String, Object> properties = c.getProperties();
                        if (properties == null) {
                            continue;
                        }
                        List<Problem> problems = new ArrayList<>();
                        CommandDefinition definition = CommandDefinition.from(map(properties), null,
                                "configuration " + c.getPid(), problems);
                        Object name = definition != null ? definition.name() : properties.get(CommandDefinition.NAME);
                        all.putIfAbsent(String.valueOf(name), new Lookup(definition, problems));
                    }
                }
            } catch (IOException | InvalidSyntaxException e) {
                // ConfigurationAdmin could not be asked: only the folder's definitions count
            }
        }
        return all;
    }

    private static Map<String, Object> map(Dictionary<String, Object> properties) {
        Map<String, Object> map = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            map.put(key, properties.get(key));
        }
        return map;
    }

    /** The names of the commands configured now, for people choosing one. */
    public List<String> commandNames() {
        return definitions(folder()).entrySet().stream().filter(e -> e.getValue().definition() != null)
                .map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public List<Problem> validate(WorkloadSpec spec) {
        Lookup lookup = lookup(spec);
        if (lookup.definition() == null) {
            return lookup.problems();
        }
        CommandDefinition d = lookup.definition();
        // a run validates its workloads before it estimates them: an output an earlier, abandoned run made for
        // its estimate (a staging space check that failed) is stale now, and the command runs again
        synchronized (this) {
            Dump.Result stale = estimated.remove(d.name());
            if (stale != null) {
                stale.discard();
            }
        }
        List<Problem> problems = new ArrayList<>();
        String workload = spec.toString();
        String program = d.command().get(0);
        if (!isProgram(program, d.directory())) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload,
                    "the program '" + program + "' of " + d + " is not found" + (program.contains("/")
                            || program.contains("\\") ? "" : " on the PATH"),
                    "an installed program, or its absolute path, executable by the user running seedbench"));
        }
        if (d.directory() != null && !Files.isDirectory(d.directory())) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload,
                    "the working directory " + d.directory() + " of " + d + " does not exist", "an existing folder"));
        }
        Path spool = spoolDirectory(d);
        if (Files.exists(spool) && !(Files.isDirectory(spool) && Files.isWritable(spool))) {
            problems.add(new Problem(SeedRules.WORKLOAD, workload,
                    "the spool directory " + spool + " of " + d + " is not a writable folder",
                    "a writable folder with room for one whole output"));
        }
        return problems;
    }

    private static boolean isProgram(String program, Path directory) {
        if (program.contains("/") || program.contains("\\")) {
            Path p = Path.of(program);
            if (!p.isAbsolute() && directory != null) {
                p = directory.resolve(p);
            }
            return Files.isRegularFile(p) && Files.isExecutable(p);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        List<String> extensions = System.getProperty("os.name", "").startsWith("Windows")
                ? List.of("", ".exe", ".cmd", ".bat") : List.of("");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            for (String ext : extensions) {
                if (!dir.isEmpty()) {
                    Path p = Path.of(dir, program + ext);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Path spoolDirectory(CommandDefinition d) {
        return d.spoolDirectory() != null ? d.spoolDirectory() : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private CommandDefinition require(WorkloadSpec spec) throws IOException {
        Lookup lookup = lookup(spec);
        if (lookup.definition() == null) {
            throw new IOException(lookup.problems().stream().map(Problem::message).collect(Collectors.joining("; ")));
        }
        return lookup.definition();
    }

    private Dump.Result dump(CommandDefinition d, Progress progress) {
        progress.subTask("Running " + d);
        return Dump.run(d.toString(), d.command(), d.directory(), d.environment(), d.timeout(), spoolDirectory(d),
                d::redact, progress);
    }

    /**
     * Runs the command (its output is kept for the run that follows) and gives the output's size; 0 when the
     * command fails, which the run then reports.
     */
    @Override
    public synchronized long estimateSize(WorkloadSpec spec, Progress progress) throws IOException {
        CommandDefinition d = require(spec);
        Dump.Result result = estimated.get(d.name());
        if (result == null) {
            result = dump(d, progress);
            estimated.put(d.name(), result);
        }
        return result.ok() ? result.size() : 0;
    }

    @Override
    public void enumerate(WorkloadSpec spec, Consumer<WorkloadItem> sink, Consumer<String> warnings, Progress progress)
            throws IOException {
        CommandDefinition d = require(spec);
        Dump.Result result;
        synchronized (this) {
            result = estimated.remove(d.name());
            if (result == null) {
                result = dump(d, progress);
            }
            Dump.Result before = listed.remove(d.name());
            if (before != null) {
                before.discard();
            }
            if (result.ok()) {
                listed.put(d.name(), result);
            }
        }
        for (String folder : d.itemFolders()) {
            sink.accept(new WorkloadItem(folder, WorkloadItem.Type.DIRECTORY, 0, result.finished(),
                    Map.of("posix.permissions", "rwx------"), null));
        }
        if (result.ok()) {
            sink.accept(new WorkloadItem(d.item(), WorkloadItem.Type.FILE, result.size(), result.finished(),
                    Map.of("posix.permissions", "rw-------"), null));
        } else {
            warnings.accept(result.failure() + ": " + d.item() + " was left out, nothing of its output is stored");
        }
    }

    @Override
    public InputStream open(WorkloadSpec spec, WorkloadItem item) throws IOException {
        CommandDefinition d = require(spec);
        Dump.Result result;
        synchronized (this) {
            result = listed.get(d.name());
        }
        if (result == null || !item.path().equals(d.item()) || !result.held()) {
            throw new IOException("the output of " + d + " is not held any more; list the workload again");
        }
        return new SpoolStream(result.open(), result);
    }

    /** Reads a held output; removes its spool file once it has been read to its end and closed. */
    private final class SpoolStream extends FilterInputStream {
        private final Dump.Result result;
        private boolean atEnd;

        SpoolStream(InputStream in, Dump.Result result) {
            super(in);
            this.result = result;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            atEnd |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            atEnd |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            super.close();
            if (atEnd) {
                synchronized (CommandWorkloadSource.this) {
                    listed.values().remove(result);
                }
                result.discard();
            }
        }
    }
}
