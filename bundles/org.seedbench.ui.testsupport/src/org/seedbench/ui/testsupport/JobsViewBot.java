package org.seedbench.ui.testsupport;

import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ToolItem;
import org.seedbench.ui.SeedbenchUi;

/**
 * The Jobs view: its table (one row per seeding job, keyed by the job's name), its toolbar's workflow actions and
 * the notification line under the table.
 */
public class JobsViewBot extends TableBot {
    public static final String JOB = "Job";
    public static final String STATE = "State";
    public static final String DEADLINE = "Ship by";

    public JobsViewBot(UiDriver driver) {
        super(driver.showing(SeedbenchUi.PART_JOBS), SeedbenchUi.ID_JOBS_TABLE);
    }

    public String state(String job) {
        return cell(job, STATE).orElseThrow(() -> new AssertionError("no job " + job + " in the Jobs view: " + rows()));
    }

    public void waitForState(String job, String stateLabel) {
        waitForCell(job, STATE, stateLabel);
    }

    /** A toolbar action, e.g. {@link SeedbenchUi#TOOLITEM_STAGE}. */
    public ToolItem action(String toolItemId) {
        return driver.toolItem(toolItemId);
    }

    public boolean isEnabled(String toolItemId) {
        return driver.isEnabled(action(toolItemId));
    }

    /** Selects the job's row, then clicks the action once the selection enabled it. */
    public void run(String job, String toolItemId) {
        select(job);
        driver.click(action(toolItemId));
    }

    /** The notification line under the table (deadlines close or expired, failed steps). */
    public String notification() {
        Label label = driver.widget(Label.class, SeedbenchUi.ID_NOTIFICATION);
        return driver.syncExec(label::getText);
    }
}
