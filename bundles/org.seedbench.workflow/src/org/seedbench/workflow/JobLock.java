package org.seedbench.workflow;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

/**
 * The lock a step that writes a job's data holds for the whole step, so that two runs of one job (two
 * {@code stage} processes, a {@code stage} and a workbench Job) never write at once: the second is refused
 * before it writes anything, naming the process that holds the job.
 *
 * <p>The lock is {@code <data>/locks/<job>.lock}: an operating-system lock on the file, which the system lets
 * go of when the process ends however it ends (kill -9 included), and in the file a note naming the holder's
 * PID, step and since when. The file itself stays; only the lock and the note come and go.
 *
 * <pre>{@code
 * try (JobLock lock = JobLock.acquire(workspace, job, "prepare-drives")) {
 *     … write …
 * }
 * }</pre>
 */
public final class JobLock implements AutoCloseable {
    /** The folder of the data directory that holds the lock files. */
    public static final String FOLDER = "locks";

    /** Where in the file the lock is taken: past the note, so that the note stays readable on every system. */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final FileChannel channel;
    private final FileLock lock;

    private JobLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a job the catalog holds, for {@code step}.
     *
     * @param step what the holder does, e.g. {@code stage}, for the message another process gets
     * @throws InvalidInputException when another run (in this process or another) holds the job
     * @throws IOException           when the lock file cannot be written
     */
    public static JobLock acquire(Workspace workspace, SeedingJob job, String step)
            throws InvalidInputException, IOException {
        return acquire(workspace, job.name(), step);
    }

    /**
     * Takes the lock of the job named in the catalog, for {@code step}; the name must be one the catalog
     * found (it names the lock file).
     */
    static JobLock acquire(Workspace workspace, String jobName, String step)
            throws InvalidInputException, IOException {
        Path folder = Files.createDirectories(workspace.dataDirectory().resolve(FOLDER));
        Path file = folder.resolve(jobName + ".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = null;
        try {
            try {
                lock = channel.tryLock(LOCK_POSITION, 1, false);
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new InvalidInputException(new Problem("job", jobName, "is in use by " + holder(file)
                        + "; nothing was written", "try again when it ends"));
            }
            writeNote(channel, step);
            return new JobLock(channel, lock);
        } finally {
            if (lock == null) {
                channel.close();
            }
        }
    }

    private static void writeNote(FileChannel channel, String step) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(self.pid()));
        p.setProperty("step", step);
        p.setProperty("since", Instant.now().toString());
        StringWriter text = new StringWriter();
        p.store(text, "the process that holds this Seedbench job");
        channel.truncate(0);
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes, channel.size());
        }
        channel.force(true);
    }

    /** E.g. {@code PID 4242 (seedbench stage) since 10:31:02}; what the note says. */
    private static String holder(Path file) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return "another run";
        }
        String pid = p.getProperty("pid");
        if (pid == null) {
            return "another run";
        }
        StringBuilder b = new StringBuilder("PID ").append(pid.strip());
        String step = p.getProperty("step", "").strip();
        if (!step.isEmpty()) {
            b.append(" (seedbench ").append(step).append(')');
        }
        try {
            ZonedDateTime since = Instant.parse(p.getProperty("since", "")).atZone(ZoneId.systemDefault());
            b.append(" since ").append(since.toLocalDate().equals(LocalDate.now()) ? TIME.format(since)
                    : DATE_TIME.format(since));
        } catch (DateTimeException e) {
            // a note without a time names the process all the same
        }
        return b.toString();
    }

    /** Lets go of the job: the note is cleared, then the lock released. */
    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen()) {
                channel.truncate(0);
            }
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
