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

/**
 * The simulated service's clock, which may run compressed: {@code secondsPerDay} real seconds make a service
 * day, so service time = service origin + (now − real origin) × 86400 / secondsPerDay. The origins and the
 * speed are kept in a file of the cloud folder, so that every process that signs in to the same cloud reads
 * the same time. {@link #advance} jumps ahead (tests and the demo: "day 15 without shipping").
 */
public final class ServiceClock extends Clock {
    public static final double REAL_SECONDS_PER_DAY = 86_400;

    private final Path file;
    private final Clock real;

    private ServiceClock(Path file, Clock real) {
        this.file = file;
        this.real = real;
    }

    /** The state kept in the file. */
    record State(Instant realOrigin, Instant serviceOrigin, double secondsPerDay) {
        Instant at(Instant realNow) {
            Duration elapsed = Duration.between(realOrigin, realNow);
            double factor = REAL_SECONDS_PER_DAY / secondsPerDay;
            if (factor == 1) {
                return serviceOrigin.plus(elapsed);
            }
            double nanos = (elapsed.getSeconds() * 1e9 + elapsed.getNano()) * factor;
            return serviceOrigin.plusSeconds((long) (nanos / 1e9)).plusNanos((long) (nanos % 1e9));
        }
    }

    /**
     * The clock of the cloud whose clock file is {@code file}, created at the real time now when it does not
     * exist.
     *
     * @param secondsPerDay the speed to run at from now on; null keeps the speed the file records (or real time
     *                      for a new clock)
     */
    public static ServiceClock open(Path file, Double secondsPerDay, Clock real) throws IOException {
        if (secondsPerDay != null && !(secondsPerDay > 0)) {
            throw new IllegalArgumentException("secondsPerDay '" + secondsPerDay + "': is not a positive number "
                    + "(allowed: real seconds per simulated day, e.g. 86400 for real time, 1 for a day a second)");
        }
        ServiceClock clock = new ServiceClock(file, real);
        try (FileLock lock = FileLock.acquire(lockFile(file))) {
            Instant now = real.instant();
            State state = clock.readOrNull();
            if (state == null) {
                double speed = secondsPerDay == null ? REAL_SECONDS_PER_DAY : secondsPerDay;
                clock.write(new State(now, now, speed));
            } else if (secondsPerDay != null && secondsPerDay != state.secondsPerDay()) {
                // a new speed from now on: the time reached so far stays
                clock.write(new State(now, state.at(now), secondsPerDay));
            }
        }
        return clock;
    }

    /** Moves the service time {@code by} ahead, for every process. */
    public void advance(Duration by) throws IOException {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, not by " + by);
        }
        try (FileLock lock = FileLock.acquire(lockFile(file))) {
            State s = read();
            write(new State(s.realOrigin(), s.serviceOrigin().plus(by), s.secondsPerDay()));
        }
    }

    public double secondsPerDay() throws IOException {
        return read().secondsPerDay();
    }

    @Override
    public Instant instant() {
        try {
            return read().at(real.instant());
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

    private static Path lockFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    private State read() throws IOException {
        State s = readOrNull();
        if (s == null) {
            throw new NoSuchFileException(file.toString(), null, "the local cloud's clock file is gone");
        }
        return s;
    }

    private State readOrNull() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            return new State(Instant.parse(p.getProperty("realOrigin")), Instant.parse(p.getProperty("serviceOrigin")),
                    Double.parseDouble(p.getProperty("secondsPerDay")));
        } catch (RuntimeException e) {
            throw new IOException("the local cloud's clock file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    private void write(State s) throws IOException {
        Properties p = new Properties();
        p.setProperty("realOrigin", s.realOrigin().toString());
        p.setProperty("serviceOrigin", s.serviceOrigin().toString());
        p.setProperty("secondsPerDay", Double.toString(s.secondsPerDay()));
        StringWriter out = new StringWriter();
        p.store(out, "The simulated datacenter's clock: service time = serviceOrigin + (now - realOrigin) * 86400 / "
                + "secondsPerDay");
        AtomicWrite.bytes(file, out.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public String toString() {
        return "ServiceClock[" + file + "]";
    }
}
