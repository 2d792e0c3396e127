package org.seedbench.ui.testsupport;

import org.seedbench.ui.SeedbenchUi;

/** The Progress view: the workflow's steps, newest first, keyed by the step's name (e.g. {@code Stage seed-fs01}). */
public class ProgressViewBot extends TableBot {
    public static final String STATE = "State";

    public ProgressViewBot(UiDriver driver) {
        super(driver.showing(SeedbenchUi.PART_PROGRESS), SeedbenchUi.ID_PROGRESS_TABLE);
    }

    /** The state of the newest step of this name: running, cancelling, cancelled, failed, warnings, done. */
    public String state(String step) {
        return cell(step, STATE).orElseThrow(() -> new AssertionError("no step " + step + " in " + rows()));
    }
}
