package org.seedbench.catalog.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.seedbench.catalog.CatalogBackup;
import org.seedbench.catalog.CatalogException;
import org.seedbench.core.support.files.DurableFiles;

/**
 * The rolling copies of a data directory's catalog file in {@code <dir>/catalog-backups/}: one before each schema
 * upgrade and one a day, the newest {@value #KEEP} of each kind kept. A copy is a file-level copy taken while the
 * catalog file is locked against the database (so that no process writes it meanwhile), written to a temporary
 * file, forced to disk and renamed into place.
 */
final class CatalogBackups {
    static final String FOLDER = "catalog-backups";
    static final int KEEP = 5;
    static final Duration DAY = Duration.ofDays(1);

    private static final String DB_SUFFIX = ".mv.db";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("catalog-(\\d{8}T\\d{6}Z)-([a-z0-9-]+)");

    private final Path directory;
    private final Path file;

    /** @param directory the data directory */
    CatalogBackups(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(CatalogDatabase.FILE_NAME + DB_SUFFIX);
    }

    /** The catalog's copies, newest first. */
    List<CatalogBackup> list() {
        Path folder = directory.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<CatalogBackup> backups = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String fileName = p.getFileName().toString();
                if (!fileName.endsWith(DB_SUFFIX)) {
                    continue;
                }
                String name = fileName.substring(0, fileName.length() - DB_SUFFIX.length());
                Matcher m = NAME.matcher(name);
                if (m.matches()) {
                    try {
                        backups.add(new CatalogBackup(name, STAMP.parse(m.group(1), Instant::from), m.group(2),
                                Files.size(p)));
                    } catch (DateTimeParseException | NoSuchFileException e) {
                        // not one of ours, or pruned meanwhile
                    }
                }
            }
        } catch (IOException e) {
            throw new CatalogException("the catalog's backups in " + folder + " cannot be listed (" + e
                    + "); check the folder's permissions");
        }
        backups.sort(Comparator.comparing(CatalogBackup::taken).thenComparing(CatalogBackup::name).reversed());
        return List.copyOf(backups);
    }

    /** Whether no copy was taken in the last day. */
    boolean dailyDue(Instant now) {
        return list().stream().noneMatch(b -> b.taken().isAfter(now.minus(DAY)));
    }

    /**
     * Copies the catalog file, unless another process (or database of this one) has it open: then the next
     * process that opens it takes the copy. Keeps the newest {@value #KEEP} copies of the kind.
     *
     * @param reason {@code daily} or {@code before-vN}
     * @return the copy, when one was taken
     */
    Optional<CatalogBackup> take(String reason, Instant now) {
        Path folder = directory.resolve(FOLDER);
        String name = "catalog-" + STAMP.format(now) + "-" + reason;
        Path target = folder.resolve(name + DB_SUFFIX);
        Path temp = folder.resolve("." + name + ".tmp");
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock lock;
            try {
                lock = source.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                return Optional.empty();
            }
            try {
                Files.createDirectories(folder);
                copy(source, temp);
                DurableFiles.commit(temp, target);
            } finally {
                lock.release();
            }
            prune(reason.startsWith("before-") ? "before-" : reason);
            return Optional.of(new CatalogBackup(name, now, reason, Files.size(target)));
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new CatalogException("the catalog could not be backed up into " + folder + " (" + e
                    + "); check the folder's permissions and free space", e);
        }
    }

    /**
     * Puts a copy back as the catalog file, after checking that it is a readable catalog. The file it replaces
     * (damaged, or one the admin no longer wants) is kept beside it as {@code catalog-replaced-<time>.mv.db}.
     *
     * @return where the replaced file is kept, when there was one
     * @throws CatalogException when there is no such copy, it is damaged, or another process has the catalog open
     */
    Optional<Path> restore(String name, Instant now, org.h2.Driver driver) {
        CatalogBackup backup = list().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new CatalogException("there is no catalog backup '" + name + "' in "
                        + directory.resolve(FOLDER) + "; seedbench catalog backups lists them"));
        Path copy = directory.resolve(FOLDER).resolve(backup.name() + DB_SUFFIX);
        check(copy, driver);
        Path temp = directory.resolve(".catalog-restore.tmp");
        Path replaced = directory.resolve("catalog-replaced-" + STAMP.format(now) + DB_SUFFIX);
        boolean existed = Files.exists(file);
        try (FileChannel current = existed ? FileChannel.open(file, StandardOpenOption.READ) : null;
                FileChannel source = FileChannel.open(copy, StandardOpenOption.READ)) {
            FileLock lock = null;
            if (current != null) {
                try {
                    lock = current.tryLock(0, Long.MAX_VALUE, true);
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    throw new CatalogException("the catalog in " + directory + " is open in another process; "
                            + "close it (the workbench, a running command) and restore again");
                }
            }
            try {
                copy(source, temp);
                if (existed) {
                    DurableFiles.commit(file, replaced);
                }
                DurableFiles.commit(temp, file);
            } finally {
                if (lock != null) {
                    lock.release();
                }
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new CatalogException("the catalog backup " + name + " could not be restored into " + directory
                    + " (" + e + "); check the folder's permissions and free space", e);
        }
        return existed ? Optional.of(replaced) : Optional.empty();
    }

    /** Opens a copy read-only and looks for the catalog's schema table. */
    private static void check(Path copy, org.h2.Driver driver) {
        String base = copy.toString().substring(0, copy.toString().length() - DB_SUFFIX.length());
        Properties login = new Properties();
        login.setProperty("user", "sa");
        login.setProperty("password", "");
        try (Connection c = driver.connect("jdbc:h2:file:" + base + ";ACCESS_MODE_DATA=r;TRACE_LEVEL_FILE=0",
                login)) {
            if (!CatalogDatabase.hasSchema(c)) {
                throw new CatalogException("the catalog backup " + copy + " holds no Seedbench catalog; "
                        + "restore another one");
            }
        } catch (SQLException e) {
            throw new CatalogException("the catalog backup " + copy + " is damaged too (" + CatalogDatabase.reason(e)
                    + "); restore another one", e);
        }
    }

    private static void copy(FileChannel source, Path temp) throws IOException {
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = source.size();
            long done = 0;
            while (done < size) {
                done += source.transferTo(done, size - done, out);
            }
            out.force(true);
        }
    }

    /** Deletes the copies of a kind beyond the newest {@value #KEEP}. */
    private void prune(String kind) throws IOException {
        List<CatalogBackup> ofKind = list().stream().filter(b -> b.reason().startsWith(kind)).toList();
        for (CatalogBackup old : ofKind.subList(Math.min(KEEP, ofKind.size()), ofKind.size())) {
            Files.deleteIfExists(directory.resolve(FOLDER).resolve(old.name() + DB_SUFFIX));
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary file left behind starts with '.' and is never listed
        }
    }
}
