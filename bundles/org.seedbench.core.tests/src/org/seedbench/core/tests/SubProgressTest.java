package org.seedbench.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.SubProgress;

/** Phases that begin tasks of their own move one bar on instead of starting it again. */
class SubProgressTest {
    /** The bar a user sees: the tasks begun and the sub-tasks shown, in order, and how far it came. */
    private static final class Bar implements Progress {
        final List<String> shown = new ArrayList<>();
        long worked;
        boolean canceled;

        @Override
        public void begin(String task, long totalWork) {
            shown.add("task " + task + " /" + totalWork);
            worked = 0;
        }

        @Override
        public void subTask(String name) {
            shown.add("sub-task " + name);
        }

        @Override
        public void worked(long units) {
            if (units <= 0) {
                throw new AssertionError("worked " + units);
            }
            worked += units;
        }

        @Override
        public boolean isCanceled() {
            return canceled;
        }
    }

    /** A phase as a plugin writes it: it begins its own task of three steps. */
    private static void prepareDrive(String serial, Progress progress) {
        progress.begin("Preparing drive " + serial, 3, Progress.Unit.ITEMS);
        for (int i = 0; i < 3; i++) {
            progress.worked(1);
        }
    }

    @Test
    void phasesThatBeginTasksOfTheirOwnMoveOneBarOn() {
        Bar bar = new Bar();
        SubProgress parts = SubProgress.convert(bar, "Preparing 3 drives", 30, Progress.Unit.ITEMS);
        List<Long> after = new ArrayList<>();
        for (String serial : List.of("A", "B", "C")) {
            prepareDrive(serial, parts.split(10));
            after.add(bar.worked);
        }

        assertEquals(List.of("task Preparing 3 drives /30", "sub-task Preparing drive A", "sub-task Preparing drive B",
                "sub-task Preparing drive C"), bar.shown, "one task, begun once");
        assertEquals(List.of(10L, 20L, 30L), after);
    }

    @Test
    void aPhaseThatEndsEarlyHasItsShareCompletedByTheNextSplit() {
        Bar bar = new Bar();
        SubProgress parts = SubProgress.convert(bar, "Staging", 100, Progress.Unit.ITEMS);
        Progress first = parts.split(60);
        first.begin("Reading", 4);
        first.worked(1);
        assertEquals(15, bar.worked);

        parts.split(40).worked(10);
        assertEquals(70, bar.worked, "the first phase's 60, then 10 of the second");
        parts.done();
        assertEquals(100, bar.worked);
    }

    @Test
    void bytesOfAPhaseScaleIntoItsShareWithoutOverflowOrOvershoot() {
        Bar bar = new Bar();
        SubProgress parts = SubProgress.convert(bar, "Copying", 1_000_000, Progress.Unit.BYTES);
        Progress copy = parts.split(1_000_000);
        copy.begin("Copying to 2 drives", 4L << 40, Progress.Unit.BYTES);
        copy.worked(1L << 40);
        assertEquals(250_000, bar.worked);
        copy.worked(8L << 40);
        assertEquals(1_000_000, bar.worked, "never more than the share");
    }

    @Test
    void aPartOfAPlainProgressScalesItsTaskIntoItsShare() {
        Bar bar = new Bar();
        bar.begin("Preparing", 100);
        Progress part = bar.split(50);
        part.begin("Formatting", 10);
        part.worked(5);

        assertEquals(List.of("task Preparing /100", "sub-task Formatting"), bar.shown);
        assertEquals(25, bar.worked);
    }

    @Test
    void cancellingTheBarCancelsEveryPart() {
        Bar bar = new Bar();
        Progress part = SubProgress.convert(bar, "Preparing", 2, Progress.Unit.ITEMS).split(1).split(1);
        bar.canceled = true;
        assertThrows(Progress.CanceledException.class, part::checkCanceled);
    }
}
