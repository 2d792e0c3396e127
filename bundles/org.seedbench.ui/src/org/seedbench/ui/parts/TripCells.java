package org.seedbench.ui.parts;

import java.util.Objects;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.TableItem;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.JobState;
import org.seedbench.ui.jobs.WorkflowProgress;
import org.seedbench.ui.jobs.WorkflowProgress.Entry;
import org.seedbench.ui.parts.CatalogReads.JobRow;
import org.seedbench.workflow.ImportJobService;

/**
 * What the Jobs and Drives views show of a trip beside their text: the state's glyph and a progress bar in the Jobs
 * view, fill bars in the Drives view.
 */
public final class TripCells {
    /** The Jobs view's column with the running step's progress or the datacenter's copy. */
    public static final String PROGRESS_COLUMN = "Progress";
    /** The Drives view's columns that carry a bar: how full the drive is, how far its copy has come. */
    public static final String USED_COLUMN = "Used";
    public static final String COPIED_COLUMN = "Copied";
    /** The data key of a row's bar fraction in a column: {@code DATA_FRACTION + header} ({@link Double} 0–1). */
    public static final String DATA_FRACTION = BarCells.DATA_FRACTION;
    /** The data key of a row's state glyph ({@code state-done}…), as the State column of the Jobs view shows it. */
    public static final String DATA_GLYPH = BarCells.DATA_GLYPH;
    private static final int UPDATE_MILLIS = 500;

    private TripCells() {
    }

    /**
     * The Jobs view: a glyph before each job's state, and after the state a progress bar of the job's running step
     * (as the status line and the Progress view follow it) or of the datacenter's copy (the import job's percentage,
     * as the catalog keeps it); bars that move are drawn again every half second.
     */
    public static void jobs(TableViewer viewer, WorkflowProgress progress) {
        BarCells.glyphs(viewer, JobRow.class, "State", r -> Trip.mark(r.job().state()));
        int after = BarCells.index(viewer.getTable(), "State") + 1;
        BarCells.add(viewer, after, JobRow.class, PROGRESS_COLUMN, 170, r -> progressText(r, running(progress, r)),
                r -> progressFraction(r, running(progress, r)));
        String key = TripCells.class.getName() + ".shown";
        ViewerColumns.every(viewer, UPDATE_MILLIS, () -> {
            for (TableItem item : viewer.getTable().getItems()) {
                if (item.getData() instanceof JobRow r) {
                    String now = progressText(r, running(progress, r));
                    if (!Objects.equals(now, item.getData(key))) {
                        item.setData(key, now);
                        viewer.update(r, null);
                    }
                }
            }
        });
    }

    /** The Drives view: bars behind Used (of the capacity) and Copied (the copy onto the drive, then the datacenter's). */
    public static void drives(TableViewer viewer) {
        BarCells.bar(viewer, Drive.class, USED_COLUMN, d -> d.capacityBytes() <= 0 ? null
                : d.usedBytes() / (double) d.capacityBytes());
        BarCells.bar(viewer, Drive.class, COPIED_COLUMN, d -> d.percentCopied() / 100.0);
    }

    private static Entry running(WorkflowProgress progress, JobRow r) {
        if (progress == null) {
            return null;
        }
        Entry found = null;
        for (Entry e : progress.entries()) {
            if (!e.ended() && e.job().seedingJob().equals(r.job().name())) {
                found = e;
            }
        }
        return found;
    }

    /** Whether the import service copies the job's drives now (or has them and is about to). */
    static boolean atDatacenter(JobState s) {
        return s == JobState.RECEIVED || s == JobState.TRANSFERRING || s == JobState.PACKAGING;
    }

    static String progressText(JobRow r, Entry running) {
        if (running != null) {
            int p = running.percent();
            String what = running.task().isEmpty() ? running.job().getName() : running.task();
            return (p < 0 ? "" : p + "% ") + what;
        }
        if (atDatacenter(r.job().state())) {
            return "datacenter copy " + percent(r) + "%";
        }
        return "";
    }

    static Double progressFraction(JobRow r, Entry running) {
        if (running != null) {
            return running.percent() < 0 ? null : running.percent() / 100.0;
        }
        return atDatacenter(r.job().state()) ? percent(r) / 100.0 : null;
    }

    private static int percent(JobRow r) {
        try {
            return Integer.parseInt(r.properties().getOrDefault(ImportJobService.PROP_PERCENT, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
