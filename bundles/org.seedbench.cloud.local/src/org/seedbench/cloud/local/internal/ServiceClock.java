package org.seedbench.cloud.local.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Properties;

import org.seedbench.core.support.files.DurableFiles;

/**
 * The simulated service's clock: the real clock, moved ahead only by {@link #advance} (a hook for tests: "day 15
 * without shipping"), whose lead is kept in a file of the cloud folder so that every process that signs in to
 * the same cloud reads the same time. Real import jobs run on it. A rehearsal job runs on a clock of its own
 * ({@link #forJob}): compressed from the moment it was created, so that no other job's dates move. (The file of
 * earlier versions, {@code clock.properties}, which compressed every job of the cloud, is not read.)
 */
public final class ServiceClock extends Clock {
    public static final double SECONDS_PER_DAY = 86_400;

    private final Path file;
    private final Clock real;

    private ServiceClock(Path file, Clock real) {
        this.file = file;
        this.real = real;
    }

    /** The clock whose lead is kept in {@code file}; nothing is written until the clock is advanced. */
    public static ServiceClock open(Path file, Clock real) {
        return new ServiceClock(file, real);
    }

    /** Moves the service time {@code by} ahead, for every job and every process. */
    public void advance(Duration by) throws IOException {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, not by " + by);
        }
        try (FileLock lock = FileLock.acquire(file.resolveSibling(file.getFileName() + ".lock"))) {
            write(lead().plus(by));
        }
    }

    /** The real time now, by which a rehearsal's clock is compressed. */
    public Instant realInstant() {
        return real.instant();
    }

    /** The clock of one import job: this one for a real job, a compressed one of its own for a rehearsal. */
    public Clock forJob(JobRecord job) {
        if (job.daysPerSecond == null || job.realCreated == null) {
            return this;
        }
        return new Rehearsal(this, Instant.parse(job.realCreated), job.daysPerSecond);
    }

    @Override
    public Instant instant() {
        try {
            return real.instant().plus(lead());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the local cloud's clock cannot be read from " + file, e);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("the service clock runs in UTC");
    }

    private Duration lead() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(p.getProperty("lead"));
        } catch (RuntimeException e) {
            throw new IOException("the local cloud's clock file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    private void write(Duration lead) throws IOException {
        Properties p = new Properties();
        p.setProperty("lead", lead.toString());
        StringWriter out = new StringWriter();
        p.store(out, "The simulated datacenter's clock: the real clock plus this lead (moved by tests only)");
        DurableFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public String toString() {
        return "ServiceClock[" + file + "]";
    }

    /**
     * A rehearsal job's clock: from the real moment the job was created, each real second is
     * {@code daysPerSecond} simulated days; the service clock's lead counts as it is.
     */
    private static final class Rehearsal extends Clock {
        private final ServiceClock service;
        private final Instant realCreated;
        private final double daysPerSecond;

        Rehearsal(ServiceClock service, Instant realCreated, double daysPerSecond) {
            this.service = service;
            this.realCreated = realCreated;
            this.daysPerSecond = daysPerSecond;
        }

        @Override
        public Instant instant() {
            Duration elapsed = Duration.between(realCreated, service.realInstant());
            double extra = daysPerSecond * SECONDS_PER_DAY - 1;
            double nanos = (elapsed.getSeconds() * 1e9 + elapsed.getNano()) * extra;
            return service.instant().plusSeconds((long) (nanos / 1e9)).plusNanos((long) (nanos % 1e9));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            service.withZone(zone);
            return this;
        }

        @Override
        public String toString() {
            return "rehearsal clock (" + daysPerSecond + " days a second since " + realCreated + ")";
        }
    }
}
