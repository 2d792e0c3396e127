package org.seedbench.ui.testsupport;

import java.util.List;

import org.seedbench.ui.SeedbenchUi;

/** The Events view: the selected job's event log (time, actor, kind, detail), oldest first. */
public class EventsViewBot extends TableBot {
    public static final String KIND = "Kind";
    public static final String DETAIL = "Detail";

    public EventsViewBot(UiDriver driver) {
        super(driver.showing(SeedbenchUi.PART_EVENTS), SeedbenchUi.ID_EVENTS_TABLE);
    }

    /** The details of the events of this kind, oldest first. */
    public List<String> details(String kind) {
        List<String> headers = headers();
        int k = headers.indexOf(KIND);
        int d = headers.indexOf(DETAIL);
        return rows().stream().filter(r -> r.get(k).equals(kind)).map(r -> r.get(d)).toList();
    }
}
