package org.seedbench.ui.testsupport;

import org.eclipse.swt.widgets.Text;
import org.seedbench.ui.SeedbenchUi;

/** The Drives view: the selected job's drives keyed by serial, and the selected drive's log lines. */
public class DrivesViewBot extends TableBot {
    public static final String SERIAL = "Serial";
    public static final String STATE = "State";
    public static final String COPIED = "Copied";

    public DrivesViewBot(UiDriver driver) {
        super(driver.showing(SeedbenchUi.PART_DRIVES), SeedbenchUi.ID_DRIVES_TABLE);
    }

    public String log() {
        return driver.text(driver.widget(Text.class, SeedbenchUi.ID_DRIVE_LOG));
    }
}
