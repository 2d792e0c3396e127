package org.seedbench.catalog.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.seedbench.core.support.files.DurableFiles;

/**
 * The note {@code catalog.owner} in the data directory that says which process holds the catalog open:
 * its PID, its command and since when. It is written when a process takes the database and deleted before
 * it lets go, so that a process kept waiting can name the one it waits for. It is a courtesy: the database's
 * own file lock is what keeps processes apart, and a note that cannot be written or read only makes the
 * message less precise.
 */
final class OwnerFile {
    static final String FILE_NAME = "catalog.owner";

    private static final int MAX_COMMAND_LENGTH = 120;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The process named in an owner file. */
    record Owner(long pid, String command, Instant since) {

        /** E.g. {@code PID 4242 (seedbench stage seed-fs01) since 10:31:02}. */
        String describe() {
            StringBuilder b = new StringBuilder("PID ").append(pid);
            if (!command.isEmpty()) {
                b.append(" (").append(command).append(')');
            }
            return b.append(" since ").append(formatTime(since)).toString();
        }
    }

    private OwnerFile() {
    }

    /** Notes this process as the holder of the catalog in {@code directory}, replacing any older note. */
    static void write(Path directory, Instant since) {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("command", currentCommand());
        p.setProperty("since", since.toString());
        try {
            DurableFiles.write(directory.resolve(FILE_NAME), false, out -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                p.store(w, "the process that holds the Seedbench catalog open");
                w.flush();
            });
        } catch (IOException e) {
            // a note for humans and the next process: without it, the lock still holds
        }
    }

    /** Deletes the note when it names this process. */
    static void delete(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Optional<Long> pid = readProperties(file).map(p -> p.getProperty("pid")).flatMap(OwnerFile::parsePid);
        if (pid.isPresent() && pid.get() == ProcessHandle.current().pid()) {
            deleteQuietly(file);
        }
    }

    /** The process the note names, when there is a readable note and that process is still running. */
    static Optional<Owner> read(Path directory) {
        Optional<Properties> properties = readProperties(directory.resolve(FILE_NAME));
        if (properties.isEmpty()) {
            return Optional.empty();
        }
        Properties p = properties.get();
        Optional<Long> pid = parsePid(p.getProperty("pid"));
        if (pid.isEmpty() || !ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.empty();
        }
        Instant since;
        try {
            since = Instant.parse(p.getProperty("since", ""));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.of(new Owner(pid.get(), p.getProperty("command", ""), since));
    }

    /**
     * This process's command, short enough for one line: the program's file name and its arguments, with
     * class paths left out, e.g. {@code java -cp … org.seedbench.Main stage seed-fs01}.
     */
    static String currentCommand() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> words = new ArrayList<>();
        info.command().map(c -> Path.of(c).getFileName()).map(Path::toString).ifPresent(words::add);
        String[] arguments = info.arguments().orElse(new String[0]);
        for (int i = 0; i < arguments.length; i++) {
            words.add(arguments[i]);
            if (isClassPathOption(arguments[i]) && i + 1 < arguments.length) {
                words.add("…");
                i++;
            }
        }
        String command = String.join(" ", words).replaceAll("\\s+", " ").strip();
        return command.length() <= MAX_COMMAND_LENGTH ? command : command.substring(0, MAX_COMMAND_LENGTH - 1) + "…";
    }

    private static boolean isClassPathOption(String argument) {
        return argument.equals("-cp") || argument.equals("-classpath") || argument.equals("--class-path")
                || argument.equals("-p") || argument.equals("--module-path");
    }

    private static String formatTime(Instant time) {
        ZonedDateTime local = time.atZone(ZoneId.systemDefault());
        return local.toLocalDate().equals(LocalDate.now()) ? TIME.format(local) : DATE_TIME.format(local);
    }

    private static Optional<Properties> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(p);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a note left behind names a process that has ended, and read() disregards such notes
        }
    }
}
