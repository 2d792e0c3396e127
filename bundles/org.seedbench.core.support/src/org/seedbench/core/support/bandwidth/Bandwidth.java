package org.seedbench.core.support.bandwidth;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress;

/**
 * The one token bucket every uploaded byte passes: {@link #acquire} takes as many tokens as bytes are about to be
 * sent and waits, when the bucket is empty, until the rate in force refills it. The bucket holds at most a tenth of
 * a second of the rate (so a pause never buys more than that in a burst) and starts full. The rate in force is
 * asked for again at each refill, so a schedule that switches (work hours begin or end) takes effect during an
 * upload, within a tenth of a second. Safe to share between threads; a {@link #cancel() cancelled} bucket makes
 * every waiting and later {@code acquire} throw {@link Progress.CanceledException}.
 *
 * <p>Written here rather than taken from Guava's {@code RateLimiter} (not in the target platform, and its
 * {@code acquire} sleeps uninterruptibly, so an upload could not be cancelled while it waits) or Bucket4j (not
 * available to this build offline).
 */
public final class Bandwidth {
    /** The longest the bucket waits before it asks the rate in force again and checks for cancellation. */
    static final long SLICE_NANOS = 100_000_000L;
    /** How much of a second of the rate the bucket holds at most: the burst after a pause. */
    static final double BURST_SECONDS = 0.1;
    /** The smallest burst, so that small writes are not cut into tiny waits. */
    static final long MIN_BURST = 16 * 1024;
    private static final long WINDOW_NANOS = 2_000_000_000L;

    /** A limit in force and why ({@code --limit-upload}, {@code work hours}, {@code off hours}). */
    public record Limit(Rate rate, String source) {
        public Limit {
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String toString() {
            return rate.unlimited() ? "unlimited (" + source + ")" : Sizes.decimal(rate.bytesPerSecond()) + "/s ("
                    + source + ")";
        }
    }

    private final Supplier<Limit> limit;
    private final boolean limits;
    private double tokens = -1;
    private long refilled;
    private boolean canceled;
    private long sent;
    /** The bytes sent since {@link #windowStart}, and before it in the last window, for the rate shown. */
    private long windowStart;
    private long windowBytes;
    private double lastRate = -1;
    private Limit current;

    private Bandwidth(Supplier<Limit> limit, boolean limits) {
        this.limit = limit;
        this.limits = limits;
        this.refilled = System.nanoTime();
        this.windowStart = refilled;
        this.current = limit.get();
    }

    /** A bucket with one limit. */
    public static Bandwidth fixed(Rate rate, String source) {
        Limit l = new Limit(rate, source);
        return new Bandwidth(() -> l, !rate.unlimited());
    }

    /** A bucket whose limit follows the work hours on the clock (its zone says when work hours are). */
    public static Bandwidth scheduled(WorkHours hours, Clock clock) {
        return new Bandwidth(() -> hours.limitAt(ZonedDateTime.now(clock)), true);
    }

    /** A bucket that lets everything through at once (nothing limits the upload), counting what passes. */
    public static Bandwidth unlimited() {
        return fixed(Rate.UNLIMITED, "no limit");
    }

    /**
     * Takes {@code bytes} tokens, waiting while the bucket is empty.
     *
     * @return the nanoseconds it waited (0 when the bucket held enough)
     * @throws Progress.CanceledException when the bucket was cancelled, or {@code canceled} says so, while it waited
     *                                    (or before)
     */
    public long acquire(long bytes, BooleanSupplier canceled) {
        long waited = 0;
        long left = bytes;
        synchronized (this) {
            while (true) {
                if (this.canceled || canceled.getAsBoolean()) {
                    throw new Progress.CanceledException();
                }
                long now = System.nanoTime();
                Limit l = limit.get();
                current = l;
                if (l.rate().unlimited()) {
                    tokens = -1;
                    count(left, now);
                    return waited;
                }
                double rate = l.rate().bytesPerSecond();
                double burst = Math.max(MIN_BURST, rate * BURST_SECONDS);
                if (tokens < 0) {
                    tokens = burst; // starts full, and again after an unlimited stretch
                } else {
                    tokens = Math.min(burst, tokens + (now - refilled) * rate / 1e9);
                }
                refilled = now;
                long take = (long) Math.min(left, Math.floor(tokens));
                if (take > 0) {
                    tokens -= take;
                    left -= take;
                    count(take, now);
                }
                if (left == 0) {
                    return waited;
                }
                double want = Math.min(left, burst) - tokens;
                long waitNanos = Math.max(1_000_000L, Math.min(SLICE_NANOS, (long) Math.ceil(want / rate * 1e9)));
                try {
                    wait(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Progress.CanceledException();
                }
                waited += System.nanoTime() - now;
            }
        }
    }

    /** Takes {@code bytes} tokens, waiting while the bucket is empty, until it is cancelled. */
    public long acquire(long bytes) {
        return acquire(bytes, () -> false);
    }

    private void count(long bytes, long now) {
        sent += bytes;
        windowBytes += bytes;
        if (now - windowStart >= WINDOW_NANOS) {
            lastRate = windowBytes * 1e9 / (now - windowStart);
            windowStart = now;
            windowBytes = 0;
        }
    }

    /** Whether anything may limit what passes: a rate, or a schedule (whose rate now may be unlimited). */
    public boolean limits() {
        return limits;
    }

    /** Stops every waiting and later {@link #acquire}. */
    public synchronized void cancel() {
        canceled = true;
        notifyAll();
    }

    /** The bytes that passed so far. */
    public synchronized long sent() {
        return sent;
    }

    /** The limit in force when it was last asked (at the last {@link #acquire}, or when the bucket was made). */
    public synchronized Limit limit() {
        return current;
    }

    /** What the progress line shows: {@code sending 1.9 MB/s, limit 2.0 MB/s (work hours)}. */
    public synchronized String describe() {
        long now = System.nanoTime();
        long window = Math.max(1, now - windowStart);
        // the last full window's rate, unless the current one is longer already (nothing was sent for a while)
        double rate = lastRate >= 0 && window < WINDOW_NANOS ? lastRate : windowBytes * 1e9 / window;
        return String.format(Locale.ROOT, "sending %s/s, limit %s", Sizes.decimal((long) rate), current);
    }
}
