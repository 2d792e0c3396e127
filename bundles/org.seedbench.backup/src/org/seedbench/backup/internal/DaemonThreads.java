package org.seedbench.backup.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads of the engine's pipelines: daemons named {@code <name>-1}, {@code <name>-2}…, told apart in a thread dump. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory of daemon threads named after {@code name}. */
    public static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
