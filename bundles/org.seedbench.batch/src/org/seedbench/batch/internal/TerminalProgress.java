package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress;

/**
 * Progress of long work on the command line: a redrawn bar on a terminal, a plain line every few seconds when
 * the output is a file or a pipe, or one JSON event per second with {@code --json}; and the last state of each
 * task when it ends (100 % when it completed). Bytes are shown as sizes, counted things ({@link Unit#ITEMS}) as
 * numbers. Safe to call from the engine's worker threads.
 */
public final class TerminalProgress implements Progress {
    enum Mode {
        TERMINAL, PLAIN, JSON
    }

    private static final long TERMINAL_EVERY_NS = 200_000_000L;
    private static final long PLAIN_EVERY_NS = 5_000_000_000L;
    private static final long JSON_EVERY_NS = 1_000_000_000L;
    private static final int BAR = 24;

    private final PrintStream out;
    private final Mode mode;
    private final LongSupplier clock;
    private final AtomicLong done = new AtomicLong();
    private volatile String task = "";
    private volatile String item = "";
    private volatile long total = -1;
    private volatile Unit unit = Unit.BYTES;
    private long started;
    private long lastPrinted;
    private int lastWidth;
    /** Whether the task printed a line, and whether its last state was printed when it ended. */
    private boolean printed;
    private boolean ended = true;
    /** What the line shows after the rate (the upload's rate and limit), when set. */
    private volatile java.util.function.Supplier<String> note;

    TerminalProgress(PrintStream out, Mode mode) {
        this(out, mode, System::nanoTime);
    }

    /** A progress reading the time (in nanoseconds) from {@code clock}. */
    TerminalProgress(PrintStream out, Mode mode, LongSupplier clock) {
        this.out = out;
        this.mode = mode;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastPrinted = started;
    }

    /**
     * The mode for this invocation: JSON lines on stdout with --json, a bar on stderr on a terminal, plain lines on
     * stdout otherwise (a log keeps them; stderr keeps only errors).
     */
    static TerminalProgress forInvocation(Invocation inv) {
        Mode mode = inv.json() ? Mode.JSON : System.console() != null ? Mode.TERMINAL : Mode.PLAIN;
        return new TerminalProgress(mode == Mode.TERMINAL ? inv.err() : inv.out(), mode);
    }

    /** Work of a verb that reports progress. */
    public interface Work<T> {
        T run(TerminalProgress progress) throws Exception;
    }

    /**
     * Runs the work with a progress for this invocation; when it returns, its last task is complete (100 %). The
     * progress line is ended whatever happens.
     */
    public static <T> T with(Invocation inv, Work<T> work) throws Exception {
        TerminalProgress progress = forInvocation(inv);
        try {
            T result = work.run(progress);
            progress.complete();
            return result;
        } finally {
            progress.finishLine();
        }
    }

    @Override
    public void begin(String name, long totalWork) {
        begin(name, totalWork, Unit.BYTES);
    }

    /** Starts a task; the one before it is complete, and its last state is printed. */
    @Override
    public synchronized void begin(String name, long totalWork, Unit unitOfWork) {
        endTask(true);
        task = name;
        total = totalWork;
        unit = unitOfWork == null ? Unit.BYTES : unitOfWork;
        done.set(0);
        started = clock.getAsLong();
        lastPrinted = started;
        printed = false;
        ended = false;
    }

    @Override
    public void subTask(String name) {
        item = name;
    }

    @Override
    public void worked(long units) {
        done.addAndGet(units);
        long now = clock.getAsLong();
        if (now - lastPrinted >= every()) {
            print(now, false);
        }
    }

    private long every() {
        return mode == Mode.TERMINAL ? TERMINAL_EVERY_NS : mode == Mode.JSON ? JSON_EVERY_NS : PLAIN_EVERY_NS;
    }

    /** The work returned: its last task is complete, whatever its estimate said, and says so (100 %). */
    synchronized void complete() {
        endTask(true);
    }

    /**
     * Ends the task: its last state is printed once, as a JSON event when it did any work, as a line or bar when
     * it showed one before (a task too short to show progress stays quiet). A task that completed counts the work
     * done as its total, so it ends at 100 % even when it was estimated larger than it turned out.
     */
    private void endTask(boolean completed) {
        if (ended) {
            return;
        }
        ended = true;
        long d = done.get();
        if (mode == Mode.JSON ? d == 0 && !printed : !printed) {
            return;
        }
        if (completed && total >= 0) {
            total = d;
        }
        print(clock.getAsLong(), true);
        endLine();
    }

    private synchronized void print(long now, boolean last) {
        if (!last && now - lastPrinted < every()) {
            return;
        }
        lastPrinted = now;
        printed = true;
        long d = done.get();
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = d / seconds;
        String eta = total > 0 && rate > 0 ? clock(Duration.ofSeconds((long) (Math.max(0, total - d) / rate)))
                : "--:--";
        int percent = total > 0 ? (int) Math.min(100, d * 100 / total) : total == 0 && last ? 100 : -1;
        switch (mode) {
            case JSON -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("event", "progress");
                e.put("task", task);
                e.put("unit", unit.name().toLowerCase(Locale.ROOT));
                e.put("done", d);
                e.put("total", total);
                e.put("percent", percent);
                e.put("perSecond", (long) rate);
                e.put("item", item);
                if (note != null) {
                    e.put("upload", note.get());
                }
                Views.printJsonLine(out, e);
            }
            case TERMINAL -> {
                StringBuilder bar = new StringBuilder("[");
                int filled = percent < 0 ? 0 : percent * BAR / 100;
                bar.append("#".repeat(filled)).append(".".repeat(BAR - filled)).append(']');
                String line = String.format(Locale.ROOT, "%s %s %3s %s/%s %s ETA %s", task, bar,
                        percent < 0 ? "" : percent + "%", amount(d), total < 0 ? "?" : amount(total), rate(rate), eta)
                        + noted();
                out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
                lastWidth = line.length();
                out.flush();
            }
            case PLAIN -> out.printf(Locale.ROOT, "%s: %s%s of %s, %s, ETA %s%s%n", task,
                    percent < 0 ? "" : percent + "%, ", amount(d), total < 0 ? "?" : amount(total), rate(rate), eta,
                    noted());
        }
    }

    /**
     * Shows what {@code note} says at the end of every progress line from now on (the upload's rate and its limit:
     * {@code sending 1.9 MB/s, limit 2.0 MB/s (work hours)}), and in JSON events as {@code upload}.
     */
    public void note(java.util.function.Supplier<String> what) {
        note = what;
    }

    private String noted() {
        java.util.function.Supplier<String> n = note;
        return n == null ? "" : "; " + n.get();
    }

    /** An amount of the task's unit: a size for bytes, a plain number for counted things. */
    private String amount(long n) {
        return unit == Unit.BYTES ? Sizes.decimal(n) : Long.toString(n);
    }

    private String rate(double perSecond) {
        return unit == Unit.BYTES ? Sizes.decimal((long) perSecond) + "/s"
                : String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    /**
     * Ends the task (printing its last state as it is) and the redrawn line on a terminal, so what follows starts
     * on a line of its own.
     */
    synchronized void finishLine() {
        endTask(false);
        endLine();
    }

    private void endLine() {
        if (mode == Mode.TERMINAL && lastWidth > 0) {
            out.println();
            lastWidth = 0;
        }
    }

    private static String clock(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
