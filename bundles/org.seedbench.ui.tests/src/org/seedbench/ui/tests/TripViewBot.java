package org.seedbench.ui.tests;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.seedbench.ui.parts.TimelinePart;
import org.seedbench.ui.parts.Trip;
import org.seedbench.ui.testsupport.UiDriver;

/**
 * The Trip view: the trip it draws for the job selected in the Jobs view (read from its canvas's data, never from
 * pixels) and its next-action button.
 */
final class TripViewBot {
    static final String PART_TRIP = "org.seedbench.ui.part.trip";
    private final UiDriver driver;
    private final Canvas canvas;

    TripViewBot(UiDriver driver) {
        this.driver = driver.showing(PART_TRIP);
        this.canvas = driver.widget(Canvas.class, TimelinePart.ID_CANVAS);
    }

    /** What the view draws now; null when it shows no job. */
    Trip trip() {
        return driver.syncExec(() -> (Trip) canvas.getData(TimelinePart.DATA_TRIP));
    }

    /** Waits until the view draws the job in that state, and returns its trip. */
    Trip waitFor(String job, String stateLabel) {
        AtomicReference<Trip> shown = new AtomicReference<>();
        driver.waitUntil("the Trip view shows " + job + " " + stateLabel + " (now " + describe() + ")", () -> {
            Trip t = (Trip) canvas.getData(TimelinePart.DATA_TRIP);
            shown.set(t);
            return t != null && t.job().equals(job) && t.state().label().equals(stateLabel);
        });
        return shown.get();
    }

    private String describe() {
        Trip t = trip();
        return t == null ? "no job" : t.job() + " " + t.state().label();
    }

    Button next() {
        return driver.widget(Button.class, TimelinePart.ID_NEXT);
    }

    String nextText() {
        return driver.syncExec(() -> next().getText());
    }

    /** Waits until the next-action button names the command and is enabled. */
    void waitForNext(String label) {
        driver.waitUntil("the next action is " + label + " (now " + nextText() + ")", () -> {
            Button b = next();
            return b.getText().equals(label) && b.isVisible() && b.isEnabled();
        });
    }
}
