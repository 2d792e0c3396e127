package org.seedbench.ui.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.Sizes;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.handlers.SnapshotsRead;
import org.seedbench.ui.jobs.WorkflowProgress;
import org.seedbench.ui.jobs.WorkflowProgress.Entry;
import org.seedbench.ui.jobs.WorkflowProgress.Rate;
import org.seedbench.ui.parts.CatalogReads.JobDetails;
import org.seedbench.ui.wizards.PrepareDrivesJob;
import org.seedbench.workflow.RepositoryService;
import org.seedbench.workflow.Workspaces;

/**
 * The Charts view (SWTChart): the throughput of the selected job's step that runs (or ran last) in MB/s over time, as
 * the step itself reports its bytes to the Progress view ({@link WorkflowProgress}), with the line rate of the job's
 * drives drawn for reference while drives are written; and the job's repository (its vault once seeded, else staging)
 * snapshot by snapshot: the stored size after each and the new bytes each brought, read as the CLI's
 * {@code snapshots} verb reads them.
 */
public class ChartsPart extends JobDetailsPart {
    public static final String PART_CHARTS = "org.seedbench.ui.part.charts";
    /** The widget ids of the throughput chart, its line, the vault chart, its line and the Show snapshots button. */
    public static final String ID_THROUGHPUT = "org.seedbench.ui.charts.throughput";
    public static final String ID_THROUGHPUT_TEXT = "org.seedbench.ui.charts.throughput.text";
    public static final String ID_VAULT = "org.seedbench.ui.charts.vault";
    public static final String ID_VAULT_TEXT = "org.seedbench.ui.charts.vault.text";
    public static final String ID_VAULT_SHOW = "org.seedbench.ui.charts.vault.show";
    /** The series ids: the step's MB/s, a drive interface's line rate (+ its name), stored and new MB per snapshot. */
    public static final String SERIES_THROUGHPUT = "MB/s";
    public static final String SERIES_LINE_RATE = "line rate";
    public static final String SERIES_STORED = "stored (MB)";
    public static final String SERIES_NEW = "new (MB)";

    /**
     * What a drive's interface carries at most, bytes a second, for the transports Seedbench prepares (a folder drive of
     * a rehearsal has none): SATA III and SAS-3 after their line coding, USB 3.0 for a SATA drive in an adaptor.
     */
    static final Map<String, Long> LINE_RATES = Map.of("SATA", 600_000_000L, "SAS", 1_200_000_000L, "USB",
            500_000_000L);

    private static final int UPDATE_MILLIS = 500;
    private static final double MB = 1_000_000.0;
    /** A snapshot's time on the vault chart's axis, one category per snapshot in time order. */
    private static final java.time.format.DateTimeFormatter SNAPSHOT_TIME = java.time.format.DateTimeFormatter
            .ofPattern("d MMM yyyy HH:mm:ss", Locale.ROOT).withZone(java.time.ZoneId.systemDefault());

    @Inject
    private WorkflowProgress progress;
    @Inject
    @Optional
    @Service
    private RepositoryService repositories;
    @Inject
    @Optional
    @Service
    private Workspaces workspaces;
    @Inject
    @Optional
    @Named(SeedbenchUi.DATA_DIRECTORY_KEY)
    private Path data;
    @Inject
    @Optional
    @Named(SeedbenchUi.CATALOG_URL_KEY)
    private String catalogUrl;

    private Composite top;
    private Label throughputText;
    private Chart throughput;
    private Label vaultText;
    private Button showSnapshots;
    private Chart vault;
    private JobDetails details;
    /** What the throughput chart shows now: its entry and its points, so it is drawn again only on change. */
    private Entry shownEntry;
    private List<Rate> shownRates = List.of();
    private String shownLineRates = "";
    /** The job whose snapshots the vault chart shows. */
    private String vaultJob;
    /** The job selected now (the details read of it may still be on its way). */
    private volatile SeedingJob selected;

    @Inject
    @Optional
    void selected(@Named("org.seedbench.core.model.SeedingJob") SeedingJob job) {
        selected = job;
        if (showSnapshots != null && !showSnapshots.isDisposed()) {
            showSnapshots.setEnabled(job != null);
        }
    }

    @PostConstruct
    public void create(Composite parent) {
        top = new Composite(parent, SWT.NONE);
        top.setLayout(new GridLayout(2, false));
        throughputText = label(top, ID_THROUGHPUT_TEXT, 2);
        throughput = chart(top, ID_THROUGHPUT, "seconds since the step started", "MB/s");
        vaultText = label(top, ID_VAULT_TEXT, 1);
        showSnapshots = new Button(top, SWT.PUSH);
        showSnapshots.setText("Show snapshots");
        showSnapshots.setToolTipText("Read the selected job's snapshots (asks for its passphrase unless secure storage "
                + "keeps it)");
        showSnapshots.setData(SeedbenchUi.WIDGET_ID, ID_VAULT_SHOW);
        showSnapshots.addListener(SWT.Selection, e -> readSnapshots());
        showSnapshots.setEnabled(selected != null);
        vault = chart(top, ID_VAULT, "snapshots, oldest first", "MB");
        showVault(null, List.of());
        started();
        updateThroughput();
        top.getDisplay().timerExec(UPDATE_MILLIS, new Runnable() {
            @Override
            public void run() {
                if (!top.isDisposed()) {
                    updateThroughput();
                    top.getDisplay().timerExec(UPDATE_MILLIS, this);
                }
            }
        });
    }

    private static Label label(Composite parent, String id, int span) {
        Label label = new Label(parent, SWT.NONE);
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1));
        label.setData(SeedbenchUi.WIDGET_ID, id);
        return label;
    }

    private static Chart chart(Composite parent, String id, String xTitle, String yTitle) {
        Chart chart = new Chart(parent, SWT.NONE);
        chart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        chart.setData(SeedbenchUi.WIDGET_ID, id);
        chart.getTitle().setVisible(false);
        chart.getAxisSet().getXAxis(0).getTitle().setText(xTitle);
        chart.getAxisSet().getYAxis(0).getTitle().setText(yTitle);
        return chart;
    }

    @Override
    protected Control control() {
        return top;
    }

    @Override
    protected void show(JobDetails shown) {
        String before = details == null ? null : details.job().name();
        details = shown;
        String now = shown == null ? null : shown.job().name();
        if (!java.util.Objects.equals(before, now) && !java.util.Objects.equals(vaultJob, now)) {
            showVault(null, List.of());
        }
        updateThroughput();
    }

    /** The step the throughput chart follows: the selected job's running step, else its last one; else any running. */
    private Entry followed(SeedingJob job) {
        if (job == null) {
            Entry running = progress.running();
            return running != null && running.movesBytes() ? running : null;
        }
        Entry last = null;
        for (Entry e : progress.entries()) { // oldest first
            if (e.job().seedingJob().equals(job.name()) && e.movesBytes()) {
                last = last != null && !last.ended() && e.ended() ? last : e;
            }
        }
        return last;
    }

    private void updateThroughput() {
        if (top.isDisposed()) {
            return;
        }
        SeedingJob job = selected;
        Entry entry = followed(job);
        List<Rate> rates = entry == null ? List.of() : entry.rates();
        Map<String, Long> lineRates = entry != null && entry.job() instanceof PrepareDrivesJob ? lineRates(job)
                : Map.of();
        String text = entry == null ? (job == null ? "No step runs" : "No step of " + job.name()
                + " has moved bytes yet") : entry.job().getName() + (entry.ended() ? " (ended)" : "") + ": "
                        + (rates.isEmpty() ? "no bytes yet" : Sizes.decimal((long) rates.get(rates.size() - 1)
                                .bytesPerSecond()) + "/s" + (entry.ended() ? " at its end" : " now"))
                        + lineRateNote(entry, lineRates);
        if (!text.equals(throughputText.getText())) {
            throughputText.setText(text);
        }
        if (entry == shownEntry && rates.equals(shownRates) && lineRates.toString().equals(shownLineRates)) {
            return;
        }
        shownEntry = entry;
        shownRates = rates;
        shownLineRates = lineRates.toString();
        double[] x = new double[rates.size()];
        double[] y = new double[rates.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rates.get(i).seconds();
            y[i] = rates.get(i).bytesPerSecond() / MB;
        }
        throughput.suspendUpdate(true);
        for (ISeries<?> s : throughput.getSeriesSet().getSeries()) {
            throughput.getSeriesSet().deleteSeries(s.getId());
        }
        ILineSeries<?> line = (ILineSeries<?>) throughput.getSeriesSet().createSeries(SeriesType.LINE,
                SERIES_THROUGHPUT);
        line.setXSeries(x);
        line.setYSeries(y);
        line.setLineColor(color(SWT.COLOR_DARK_BLUE));
        line.setSymbolType(ILineSeries.PlotSymbolType.NONE);
        line.enableArea(true);
        double end = x.length == 0 ? 1 : Math.max(1, x[x.length - 1]);
        for (Map.Entry<String, Long> rate : lineRates.entrySet()) {
            ILineSeries<?> ref = (ILineSeries<?>) throughput.getSeriesSet().createSeries(SeriesType.LINE,
                    SERIES_LINE_RATE + " " + rate.getKey());
            ref.setDescription(rate.getKey() + " line rate");
            ref.setXSeries(new double[] { 0, end });
            ref.setYSeries(new double[] { rate.getValue() / MB, rate.getValue() / MB });
            ref.setLineStyle(LineStyle.DASH);
            ref.setLineColor(color(SWT.COLOR_DARK_RED));
            ref.setSymbolType(ILineSeries.PlotSymbolType.NONE);
        }
        throughput.getAxisSet().adjustRange();
        throughput.getAxisSet().getXAxis(0).setRange(new org.eclipse.swtchart.Range(0, end));
        IAxis yAxis = throughput.getAxisSet().getYAxis(0);
        yAxis.setRange(new org.eclipse.swtchart.Range(0, Math.max(1, yAxis.getRange().upper)));
        throughput.suspendUpdate(false);
        throughput.redraw();
    }

    /** The line rate of each interface the selected job's drives are attached by, when it has one. */
    private Map<String, Long> lineRates(SeedingJob job) {
        Map<String, Long> rates = new LinkedHashMap<>();
        if (details != null && job != null && details.job().name().equals(job.name())) {
            for (Drive d : details.drives()) {
                String transport = d.transport() == null ? "" : d.transport().toUpperCase(Locale.ROOT);
                Long rate = LINE_RATES.get(transport);
                if (rate != null) {
                    rates.put(transport, rate);
                }
            }
        }
        return rates;
    }

    private String lineRateNote(Entry entry, Map<String, Long> lineRates) {
        if (!(entry.job() instanceof PrepareDrivesJob)) {
            return "";
        }
        if (lineRates.isEmpty()) {
            return "; the drives are folders (a rehearsal): no line rate to compare with";
        }
        List<String> notes = new ArrayList<>();
        lineRates.forEach((t, r) -> notes.add(t + " " + Sizes.decimal(r) + "/s"));
        return "; line rate " + String.join(", ", notes);
    }

    private Color color(int id) {
        return top.getDisplay().getSystemColor(id);
    }

    /** Reads the selected job's snapshots as a workflow step, then shows them. */
    private void readSnapshots() {
        SeedingJob job = selected;
        if (job == null || repositories == null || workspaces == null || data == null) {
            return;
        }
        SnapshotsRead.start(top.getShell(), repositories, workspaces, data, catalogUrl, job,
                (where, snapshots) -> sync.asyncExec(() -> {
                    if (!top.isDisposed() && selected != null && selected.name().equals(job.name())) {
                        vaultJob = job.name();
                        showVault(where + " of " + job.name(), snapshots);
                    }
                }));
    }

    private void showVault(String where, List<SnapshotInfo> snapshots) {
        if (where == null) {
            vaultJob = null;
        }
        List<SnapshotInfo> ordered = new ArrayList<>(snapshots);
        ordered.sort(java.util.Comparator.comparing(SnapshotInfo::time));
        String[] times = new String[ordered.size()];
        double[] stored = new double[ordered.size()];
        double[] added = new double[ordered.size()];
        long total = 0;
        for (int i = 0; i < times.length; i++) {
            SnapshotInfo s = ordered.get(i);
            total += s.statistics().bytesStored();
            times[i] = SNAPSHOT_TIME.format(s.time());
            stored[i] = total / MB;
            added[i] = s.statistics().bytesNew() / MB;
        }
        IAxis xAxis = vault.getAxisSet().getXAxis(0);
        xAxis.enableCategory(times.length > 0);
        if (times.length > 0) {
            xAxis.setCategorySeries(times);
        }
        vaultText.setText(where == null ? "Snapshots of the selected job: press Show snapshots"
                : where + ": " + ordered.size() + (ordered.size() == 1 ? " snapshot" : " snapshots")
                        + (ordered.isEmpty() ? "" : ", " + Sizes.decimal(total) + " stored"));
        vault.suspendUpdate(true);
        for (ISeries<?> s : vault.getSeriesSet().getSeries()) {
            vault.getSeriesSet().deleteSeries(s.getId());
        }
        if (times.length > 0) {
            IBarSeries<?> bars = (IBarSeries<?>) vault.getSeriesSet().createSeries(SeriesType.BAR, SERIES_NEW);
            bars.setYSeries(added);
            bars.setBarColor(color(SWT.COLOR_DARK_GREEN));
            ILineSeries<?> line = (ILineSeries<?>) vault.getSeriesSet().createSeries(SeriesType.LINE, SERIES_STORED);
            line.setYSeries(stored);
            line.setLineColor(color(SWT.COLOR_DARK_BLUE));
            line.setSymbolType(ILineSeries.PlotSymbolType.CIRCLE);
        }
        vault.getAxisSet().adjustRange();
        vault.suspendUpdate(false);
        vault.redraw();
        top.layout(true, true);
    }

    @Focus
    public void setFocus() {
        throughput.setFocus();
    }
}
