package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.Progress;

/**
 * Progress of long work on the command line: a redrawn bar on a terminal, a plain line every few seconds when
 * the output is a file or a pipe, or one JSON event per second with {@code --json}. Safe to call from the
 * engine's worker threads.
 */
final class TerminalProgress implements Progress {
    enum Mode {
        TERMINAL, PLAIN, JSON
    }

    private static final long TERMINAL_EVERY_NS = 200_000_000L;
    private static final long PLAIN_EVERY_NS = 5_000_000_000L;
    private static final long JSON_EVERY_NS = 1_000_000_000L;
    private static final int BAR = 24;

    private final PrintStream out;
    private final Mode mode;
    private final AtomicLong done = new AtomicLong();
    private volatile String task = "";
    private volatile String item = "";
    private volatile long total = -1;
    private long started = System.nanoTime();
    private long lastPrinted = started;
    private int lastWidth;

    TerminalProgress(PrintStream out, Mode mode) {
        this.out = out;
        this.mode = mode;
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
    interface Work<T> {
        T run(TerminalProgress progress) throws Exception;
    }

    /** Runs the work with a progress for this invocation, then ends the progress line, whatever happens. */
    static <T> T with(Invocation inv, Work<T> work) throws Exception {
        TerminalProgress progress = forInvocation(inv);
        try {
            return work.run(progress);
        } finally {
            progress.finishLine();
        }
    }

    @Override
    public synchronized void begin(String name, long totalWork) {
        finishLine();
        task = name;
        total = totalWork;
        done.set(0);
        started = System.nanoTime();
        lastPrinted = started;
    }

    @Override
    public void subTask(String name) {
        item = name;
    }

    @Override
    public void worked(long units) {
        done.addAndGet(units);
        long now = System.nanoTime();
        long every = mode == Mode.TERMINAL ? TERMINAL_EVERY_NS : mode == Mode.JSON ? JSON_EVERY_NS : PLAIN_EVERY_NS;
        if (now - lastPrinted >= every) {
            print(now);
        }
    }

    private synchronized void print(long now) {
        long every = mode == Mode.TERMINAL ? TERMINAL_EVERY_NS : mode == Mode.JSON ? JSON_EVERY_NS : PLAIN_EVERY_NS;
        if (now - lastPrinted < every) {
            return;
        }
        lastPrinted = now;
        long d = done.get();
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = d / seconds;
        String eta = total > 0 && rate > 0 ? clock(Duration.ofSeconds((long) ((total - d) / rate))) : "--:--";
        int percent = total > 0 ? (int) Math.min(100, d * 100 / total) : -1;
        switch (mode) {
            case JSON -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("event", "progress");
                e.put("task", task);
                e.put("bytesDone", d);
                e.put("bytesTotal", total);
                e.put("percent", percent);
                e.put("bytesPerSecond", (long) rate);
                e.put("item", item);
                Views.printJsonLine(out, e);
            }
            case TERMINAL -> {
                StringBuilder bar = new StringBuilder("[");
                int filled = percent < 0 ? 0 : percent * BAR / 100;
                bar.append("#".repeat(filled)).append(".".repeat(BAR - filled)).append(']');
                String line = String.format(Locale.ROOT, "%s %s %3s %s/%s %s/s ETA %s", task, bar,
                        percent < 0 ? "" : percent + "%", Sizes.decimal(d), total < 0 ? "?" : Sizes.decimal(total),
                        Sizes.decimal((long) rate), eta);
                out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
                lastWidth = line.length();
                out.flush();
            }
            case PLAIN -> out.printf(Locale.ROOT, "%s: %s%s of %s, %s/s, ETA %s%n", task,
                    percent < 0 ? "" : percent + "%, ", Sizes.decimal(d), total < 0 ? "?" : Sizes.decimal(total),
                    Sizes.decimal((long) rate), eta);
        }
    }

    /** Ends the redrawn line on a terminal, so what follows starts on a line of its own. */
    synchronized void finishLine() {
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
