package org.seedbench.ui.parts;

import java.io.IOException;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.commands.common.NotDefinedException;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.core.rules.ShippingRules.Deadline;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.parts.CatalogReads.JobDetails;
import org.seedbench.ui.parts.Trip.Mark;
import org.seedbench.ui.parts.Trip.Step;
import org.seedbench.ui.parts.Trip.Stop;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.Workspace;

/**
 * The Trip view: the selected job's trip at a glance, drawn on a canvas — the steps from Draft to Incrementals with
 * the day each was reached, the current one highlighted in the colour of how the job stands there (under way, done,
 * with errors, expired, cancelled), the 14-day shipping countdown over the Shipped step (red once expired) — and the
 * next action as a button that runs the same command as the Jobs view's toolbar.
 */
public class TimelinePart extends JobDetailsPart {
    /** The canvas's widget id; its data under {@link #DATA_TRIP} is the {@link Trip} it draws (null: no job). */
    public static final String ID_CANVAS = "org.seedbench.ui.trip";
    public static final String DATA_TRIP = "org.seedbench.ui.trip.model";
    /** The next action's button; its data under {@link #DATA_COMMAND} is the id of the command it runs. */
    public static final String ID_NEXT = "org.seedbench.ui.trip.next";
    public static final String DATA_COMMAND = "org.seedbench.ui.trip.command";

    private static final int MARGIN = 16;
    private static final int LINE_Y = 54;
    private static final int RADIUS = 7;

    @Inject
    @Optional
    @Service
    private ImportJobService importJobs;
    @Inject
    @Optional
    private ECommandService commands;
    @Inject
    @Optional
    private EHandlerService handlers;

    private Composite body;
    private Canvas canvas;
    private Button next;
    private Trip trip;
    /** The running deadlines read with the details, by job (the connector's clock is read off the UI thread). */
    private final java.util.Map<String, java.util.Optional<Deadline>> deadlines =
            new java.util.concurrent.ConcurrentHashMap<>();

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        body = parent;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setData(SeedbenchUi.WIDGET_ID, ID_CANVAS);
        GridData canvasData = new GridData(SWT.FILL, SWT.FILL, true, true);
        canvasData.heightHint = 104;
        canvas.setLayoutData(canvasData);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.Resize, e -> canvas.redraw());
        next = new Button(parent, SWT.PUSH);
        next.setData(SeedbenchUi.WIDGET_ID, ID_NEXT);
        next.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));
        next.addListener(SWT.Selection, e -> runNext());
        show(null);
        started();
    }

    @Override
    protected Control control() {
        return canvas;
    }

    @Override
    protected JobDetails complete(JobDetails details, Workspace data) {
        ImportJobService i = importJobs;
        java.util.Optional<Deadline> d = java.util.Optional.empty();
        if (i != null) {
            try {
                d = i.deadline(data, details.job(), details.properties());
            } catch (InvalidInputException | IOException | RuntimeException e) {
                d = java.util.Optional.empty(); // the connector cannot tell now; the next read asks again
            }
        }
        deadlines.put(details.job().name(), d);
        return details;
    }

    @Override
    protected void show(JobDetails details) {
        trip = details == null ? null : Trip.of(details.job(), details.events(), details.properties(),
                deadlines.getOrDefault(details.job().name(), java.util.Optional.empty()).orElse(null));
        canvas.setData(DATA_TRIP, trip);
        updateNext();
        canvas.redraw();
    }

    /** The actions' enablement may have changed (a step started or ended, another job was selected). */
    @Inject
    @Optional
    void enablementChanged(@UIEventTopic(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC) Object any) {
        if (next != null && !next.isDisposed()) {
            updateNext();
        }
    }

    private ParameterizedCommand nextCommand() {
        if (trip == null || trip.command() == null || commands == null) {
            return null;
        }
        return commands.createCommand(trip.command(), null);
    }

    private void updateNext() {
        ParameterizedCommand command = nextCommand();
        String text = "";
        if (command != null) {
            try {
                text = command.getCommand().getName();
            } catch (NotDefinedException e) {
                text = trip.command();
            }
        }
        next.setData(DATA_COMMAND, command == null ? null : trip.command());
        if (!next.getText().equals(text)) {
            next.setText(text);
            body.layout(true);
        }
        next.setToolTipText(command == null ? null : description(command));
        next.setVisible(command != null);
        next.setEnabled(command != null && handlers != null && handlers.canExecute(command));
    }

    private static String description(ParameterizedCommand command) {
        try {
            return command.getCommand().getDescription();
        } catch (NotDefinedException e) {
            return null;
        }
    }

    private void runNext() {
        ParameterizedCommand command = nextCommand();
        if (command != null && handlers != null && handlers.canExecute(command)) {
            handlers.executeHandler(command);
        }
    }

    // ---- drawing

    static RGB colour(Mark mark) {
        return switch (mark) {
            case DRAFT -> new RGB(128, 128, 128);
            case ACTIVE -> new RGB(30, 100, 200);
            case DONE -> new RGB(40, 150, 60);
            case WARNING -> new RGB(225, 140, 0);
            case FAILED -> new RGB(210, 30, 30);
            case CANCELLED -> new RGB(90, 90, 90);
        };
    }

    private void paint(GC gc) {
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        Point size = canvas.getSize();
        Color text = canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND);
        Color grey = canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW);
        gc.setForeground(text);
        if (trip == null) {
            gc.drawText("Select a job in the Jobs view to see its trip.", MARGIN, MARGIN, true);
            return;
        }
        Color accent = new Color(colour(trip.mark()));
        Color done = new Color(colour(Mark.DONE));
        gc.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        String title = trip.job() + " — " + trip.status();
        gc.drawText(title, MARGIN, 4, true);
        gc.setFont(null);
        int n = trip.steps().size();
        int width = Math.max(n * 40, size.x - 2 * MARGIN - 60);
        int x0 = MARGIN + 30;
        int current = trip.current().ordinal();
        int[] xs = new int[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x0 + width * i / (n - 1);
        }
        // the line: travelled in green up to the current step, then grey
        gc.setLineWidth(3);
        for (int i = 0; i + 1 < n; i++) {
            gc.setForeground(i < current ? done : grey);
            gc.drawLine(xs[i], LINE_Y, xs[i + 1], LINE_Y);
        }
        gc.setLineWidth(1);
        for (int i = 0; i < n; i++) {
            Stop stop = trip.steps().get(i);
            int x = xs[i];
            if (i == current) {
                gc.setBackground(accent);
                gc.fillOval(x - RADIUS - 4, LINE_Y - RADIUS - 4, 2 * (RADIUS + 4), 2 * (RADIUS + 4));
                gc.setBackground(canvas.getBackground());
                gc.fillOval(x - RADIUS + 1, LINE_Y - RADIUS + 1, 2 * (RADIUS - 1), 2 * (RADIUS - 1));
                if (trip.mark() != Mark.ACTIVE) {
                    gc.setBackground(accent);
                    gc.fillOval(x - RADIUS + 3, LINE_Y - RADIUS + 3, 2 * (RADIUS - 3), 2 * (RADIUS - 3));
                }
            } else if (stop.reached() != null || i < current) {
                gc.setBackground(done);
                gc.fillOval(x - RADIUS, LINE_Y - RADIUS, 2 * RADIUS, 2 * RADIUS);
            } else {
                gc.setBackground(canvas.getBackground());
                gc.fillOval(x - RADIUS, LINE_Y - RADIUS, 2 * RADIUS, 2 * RADIUS);
                gc.setForeground(grey);
                gc.setLineWidth(2);
                gc.drawOval(x - RADIUS, LINE_Y - RADIUS, 2 * RADIUS, 2 * RADIUS);
                gc.setLineWidth(1);
            }
            String label = stop.step().label();
            String day = Trip.day(stop.reached());
            if (i == current) {
                gc.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
                gc.setForeground(accent);
                if (trip.mark() == Mark.WARNING) {
                    label = label + " with errors";
                } else if (trip.mark() == Mark.CANCELLED || trip.mark() == Mark.FAILED) {
                    label = label + " — " + trip.state().label();
                }
            } else {
                gc.setForeground(stop.reached() != null ? text : grey);
            }
            centred(gc, label, x, LINE_Y + RADIUS + 6);
            gc.setFont(null);
            gc.setForeground(grey);
            centred(gc, day.isEmpty() ? "—" : day, x, LINE_Y + RADIUS + 6 + gc.getFontMetrics().getHeight());
        }
        if (trip.countdown() != null) {
            countdown(gc, xs[Step.SHIPPED.ordinal()], xs[Step.DRIVES_READY.ordinal()], text);
        }
    }

    /** The 14-day countdown above the Shipped step: how much of it is gone, and what is left in words. */
    private void countdown(GC gc, int x, int from, Color text) {
        Deadline d = trip.deadline();
        Color colour = d.expired() ? canvas.getDisplay().getSystemColor(SWT.COLOR_RED)
                : d.warn() ? canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_YELLOW) : text;
        int days = ShippingRules.DEADLINE_DAYS;
        double gone = d.expired() ? 1 : Math.min(1, Math.max(0, (days - d.daysLeft()) / (double) days));
        int barWidth = x - from;
        int y = LINE_Y - RADIUS - 10;
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
        gc.fillRectangle(from, y, barWidth, 5);
        gc.setBackground(d.expired() || d.warn() ? colour : new Color(colour(Mark.ACTIVE)));
        gc.fillRectangle(from, y, (int) Math.round(barWidth * gone), 5);
        gc.setForeground(colour);
        gc.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        Point extent = gc.textExtent(trip.countdown());
        gc.drawText(trip.countdown(), Math.max(MARGIN, x - extent.x / 2), y - extent.y - 1, true);
        gc.setFont(null);
    }

    /** Draws text centred under a step, kept inside the canvas. */
    private void centred(GC gc, String s, int x, int y) {
        Point extent = gc.textExtent(s);
        int left = x - extent.x / 2;
        left = Math.max(2, Math.min(left, canvas.getSize().x - extent.x - 2));
        gc.drawText(s, left, y, true);
    }

    @Focus
    public void setFocus() {
        canvas.setFocus();
    }
}
