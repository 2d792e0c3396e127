package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.model.JobState;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.testsupport.DrivesViewBot;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.Workspaces;

/**
 * At 1600×1000, with jobs in every state, no text of the Jobs, Drives or Shipping view is cut: each cell's text (and
 * image) and each header, measured with the table's font, fits its column with the room GTK pads a cell with; an
 * Expired job shows in red.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class ColumnsFitTest extends UiTestBase {
    /** What GTK draws around a cell's content and a header's title. */
    static final int CELL_PADDING = 8;
    static final int HEADER_PADDING = 12;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;
    @InjectService(timeout = 10_000)
    CloudConnectors connectors;

    @BeforeAll
    static void fullSize() {
        ui.run(() -> ui.activeShell().setSize(1600, 1000));
    }

    @Test
    void noColumnIsCutAtFullSizeWithJobsInEveryState() throws Exception {
        JobsInEveryState data = new JobsInEveryState(catalogs, tmp, connectors.signedIn(workspaces.open(
                Fixtures.data()), "local").clock().instant());
        JobsViewBot jobs = new JobsViewBot(ui);
        data.jobs.forEach((state, name) -> jobs.waitForState(name, state.label()));
        String creating = data.jobs.get(JobState.CREATING);
        ui.waitUntil("the deadline of " + creating + " shows", () -> jobs.cell(creating, JobsViewBot.DEADLINE)
                .filter(s -> s.startsWith("⚠ 3 days left (due ")).isPresent());
        List<String> cut = new ArrayList<>(cut("Jobs", jobs.table()));
        for (String name : data.jobs.values()) {
            jobs.select(name);
            DrivesViewBot drives = new DrivesViewBot(ui);
            boolean hasDrive = !name.equals(data.jobs.get(JobState.DRAFT)) && !name.equals(data.jobs.get(
                    JobState.STAGED));
            ui.waitUntil("the Drives view shows the drives of " + name, () -> hasDrive
                    ? drives.table().getItemCount() == 1 && drives.table().getItem(0).getText(0).equals("SB-"
                            + name.toUpperCase())
                    : drives.table().getItemCount() == 0);
            cut.addAll(cut("Drives of " + name, drives.table()));
            ui.showPart(SeedbenchUi.PART_SHIPPING);
            Text carrier = ui.widget(Text.class, SeedbenchUi.ID_SHIPPING + ".carrier");
            boolean shipped = !name.equals(data.jobs.get(JobState.DRAFT)) && !name.equals(data.jobs.get(
                    JobState.STAGED)) && !name.equals(data.jobs.get(JobState.CREATING)) && !name.equals(data.jobs.get(
                            JobState.EXPIRED));
            ui.waitUntil("the Shipping view shows " + name, () -> carrier.getText().equals(shipped ? "FedEx" : ""));
            cut.addAll(ui.syncExec(() -> cutFields(name, carrier.getParent())));
            jobs.select(name); // the Jobs view active again for the next job
        }
        assertEquals(List.of(), cut, "cells whose text does not fit their column at 1600×1000");
    }

    @Test
    void anExpiredJobShowsInRed() throws Exception {
        JobsInEveryState data = new JobsInEveryState(catalogs, tmp, connectors.signedIn(workspaces.open(
                Fixtures.data()), "local").clock().instant());
        JobsViewBot jobs = new JobsViewBot(ui);
        String expired = data.jobs.get(JobState.EXPIRED);
        jobs.waitForState(expired, "Expired");
        Color red = ui.syncExec(() -> ui.display().getSystemColor(SWT.COLOR_RED));
        for (String header : List.of(JobsViewBot.JOB, JobsViewBot.STATE, "Workloads")) {
            assertEquals(red, jobs.foreground(expired, header), header + " of the Expired job");
        }
        assertTrue(!red.equals(jobs.foreground(data.jobs.get(JobState.SEEDED), JobsViewBot.STATE)),
                "a Seeded job is not red");
    }

    /** The cells and headers of the table whose text does not fit, named "view: row / column: text". */
    private static List<String> cut(String view, Table table) {
        return ui.syncExec(() -> {
            List<String> out = new ArrayList<>();
            GC gc = new GC(table);
            try {
                TableColumn[] columns = table.getColumns();
                for (int i = 0; i < columns.length; i++) {
                    gc.setFont(table.getFont());
                    int header = gc.textExtent(columns[i].getText()).x + HEADER_PADDING;
                    if (header > columns[i].getWidth()) {
                        out.add(view + ": header " + columns[i].getText() + " needs " + header + " px, has "
                                + columns[i].getWidth());
                    }
                    for (TableItem item : table.getItems()) {
                        gc.setFont(item.getFont(i));
                        Image image = item.getImage(i);
                        int needed = gc.textExtent(item.getText(i)).x + CELL_PADDING
                                + (image == null ? 0 : image.getBounds().width);
                        if (needed > columns[i].getWidth()) {
                            out.add(view + ": " + item.getText(0) + " / " + columns[i].getText() + ": "
                                    + item.getText(i) + " needs " + needed + " px, has " + columns[i].getWidth());
                        }
                    }
                }
            } finally {
                gc.dispose();
            }
            return out;
        });
    }

    /** The Shipping view's one-line fields whose text does not fit their width. */
    private static List<String> cutFields(String job, org.eclipse.swt.widgets.Composite form) {
        List<String> out = new ArrayList<>();
        for (Control c : form.getChildren()) {
            if (c instanceof Text t && (t.getStyle() & SWT.SINGLE) != 0 && !t.getText().isEmpty()) {
                GC gc = new GC(t);
                try {
                    int needed = gc.textExtent(t.getText()).x + CELL_PADDING;
                    int room = t.getClientArea().width;
                    if (needed > room) {
                        out.add("Shipping of " + job + ": " + t.getData(SeedbenchUi.WIDGET_ID) + ": " + t.getText()
                                + " needs " + needed + " px, has " + room);
                    }
                } finally {
                    gc.dispose();
                }
            }
        }
        return out;
    }
}
