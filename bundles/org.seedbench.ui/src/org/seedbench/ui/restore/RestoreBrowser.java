package org.seedbench.ui.restore;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.seedbench.backup.SnapshotEntry;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.Sizes;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.parts.ViewerColumns;
import org.seedbench.workflow.RepositoryLocation;
import org.seedbench.workflow.RepositoryService;
import org.seedbench.workflow.SnapshotTree;
import org.seedbench.workflow.Workspace;

/**
 * Restore…: the job's repository in staging or in the vault, its snapshots (time, workload, files, size), the chosen
 * snapshot's tree with sizes (a folder's items are made when it is opened), a search by name, and where to restore
 * the selection (nothing selected: the whole snapshot; a DPM/MABS datasource is a folder of its own) — to the original
 * place or another folder, with or without replacing existing files. The repository is read by Eclipse Jobs, one at a
 * time, through the same {@link RepositoryService} calls as {@code seedbench snapshots} and {@code restore}; the
 * restore itself runs after the dialog closes ({@link #request()}).
 */
public class RestoreBrowser extends TitleAreaDialog {
    public static final String ID_FROM = "org.seedbench.ui.restore.from";
    public static final String ID_SNAPSHOTS = "org.seedbench.ui.restore.snapshots";
    public static final String ID_SEARCH = "org.seedbench.ui.restore.search";
    public static final String ID_TREE = "org.seedbench.ui.restore.tree";
    public static final String ID_SELECTION = "org.seedbench.ui.restore.selection";
    public static final String ID_ORIGINAL = "org.seedbench.ui.restore.original";
    public static final String ID_ELSEWHERE = "org.seedbench.ui.restore.elsewhere";
    public static final String ID_TARGET = "org.seedbench.ui.restore.target";
    public static final String ID_OVERWRITE = "org.seedbench.ui.restore.overwrite";
    public static final String ID_RESTORE = "org.seedbench.ui.restore.ok";
    /** The family of the jobs that read the repository for a browser. */
    public static final Object FAMILY = RestoreBrowser.class;

    /** How many search results are shown at most. */
    static final int SEARCH_LIMIT = 1000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** What to restore, as the user chose it. */
    public record Request(RepositoryLocation from, SnapshotInfo snapshot, List<String> paths, Path target,
            boolean overwrite) {
        public Request {
            paths = List.copyOf(paths);
        }
    }

    private final SeedingJob job;
    private final Workspace workspace;
    private final RepositoryService repositories;
    private final Secret passphrase;
    private final ISchedulingRule oneAtATime = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };

    private RepositoryLocation from;
    private Combo fromCombo;
    private TableViewer snapshots;
    private Text search;
    private TreeViewer tree;
    private Label selectionLine;
    private Button original;
    private Button elsewhere;
    private Text target;
    private Button browse;
    private Button overwrite;
    private SnapshotInfo snapshot;
    private SnapshotTree listing;
    private String problem;
    private int generation;
    private Request request;

    public RestoreBrowser(Shell parent, SeedingJob job, Workspace workspace, RepositoryService repositories,
            Secret passphrase, RepositoryLocation from) {
        super(parent);
        this.job = job;
        this.workspace = workspace;
        this.repositories = repositories;
        this.passphrase = passphrase;
        this.from = from;
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
    }

    /** What to restore, once the dialog closed with Restore; else null. */
    public Request request() {
        return request;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Restore " + job.name());
    }

    @Override
    protected org.eclipse.swt.graphics.Point getInitialSize() {
        return new org.eclipse.swt.graphics.Point(980, 760);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Restore from " + job.name());
        setMessage("Choose a snapshot, then the files, folders or datasources to restore (none: the whole snapshot).");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        body.setLayout(new GridLayout(3, false));

        new Label(body, SWT.NONE).setText("From:");
        fromCombo = new Combo(body, SWT.READ_ONLY);
        fromCombo.setItems("the staging repository", "the vault");
        fromCombo.select(from == RepositoryLocation.VAULT ? 1 : 0);
        fromCombo.setData(SeedbenchUi.WIDGET_ID, ID_FROM);
        fromCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false, 2, 1));
        fromCombo.addListener(SWT.Selection, e -> {
            RepositoryLocation chosen = fromCombo.getSelectionIndex() == 1 ? RepositoryLocation.VAULT
                    : RepositoryLocation.STAGING;
            if (chosen != from) {
                from = chosen;
                loadSnapshots();
            }
        });

        SashForm sash = new SashForm(body, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        snapshots = ViewerColumns.table(sash, ID_SNAPSHOTS);
        snapshots.setContentProvider(ArrayContentProvider.getInstance());
        snapshotColumns(snapshots);
        snapshots.addSelectionChangedListener(e -> {
            SnapshotInfo chosen = (SnapshotInfo) snapshots.getStructuredSelection().getFirstElement();
            if (chosen != null && chosen != snapshot) {
                snapshot = chosen;
                loadTree();
            }
        });

        Composite browser = new Composite(sash, SWT.NONE);
        browser.setLayout(new GridLayout(2, false));
        new Label(browser, SWT.NONE).setText("Find by name:");
        search = new Text(browser, SWT.BORDER | SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        search.setMessage("part of a file or folder name");
        search.setData(SeedbenchUi.WIDGET_ID, ID_SEARCH);
        search.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        search.addModifyListener(e -> showTree());
        tree = new TreeViewer(browser, SWT.BORDER | SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        tree.getTree().setHeaderVisible(true);
        tree.getTree().setLinesVisible(true);
        tree.getTree().setData(SeedbenchUi.WIDGET_ID, ID_TREE);
        tree.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        SnapshotTreeContent.columns(tree, () -> listing);
        tree.addSelectionChangedListener(e -> validate());
        sash.setWeights(1, 3);

        selectionLine = new Label(body, SWT.WRAP);
        selectionLine.setData(SeedbenchUi.WIDGET_ID, ID_SELECTION);
        GridData lineData = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        lineData.widthHint = 600;
        selectionLine.setLayoutData(lineData);

        original = new Button(body, SWT.RADIO);
        original.setText("To the original place");
        original.setData(SeedbenchUi.WIDGET_ID, ID_ORIGINAL);
        original.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        original.addListener(SWT.Selection, e -> {
            elsewhere.setSelection(!original.getSelection());
            validate();
        });
        elsewhere = new Button(body, SWT.RADIO);
        elsewhere.setText("Into the folder:");
        elsewhere.setData(SeedbenchUi.WIDGET_ID, ID_ELSEWHERE);
        elsewhere.setSelection(true);
        elsewhere.addListener(SWT.Selection, e -> {
            original.setSelection(!elsewhere.getSelection());
            validate();
        });
        target = new Text(body, SWT.BORDER);
        target.setData(SeedbenchUi.WIDGET_ID, ID_TARGET);
        target.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        target.addModifyListener(e -> {
            if (!target.getText().isEmpty() && !elsewhere.getSelection()) {
                elsewhere.setSelection(true);
                original.setSelection(false);
            }
            validate();
        });
        browse = new Button(body, SWT.PUSH);
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog folder = new DirectoryDialog(getShell());
            folder.setText("Restore " + job.name() + " into");
            String chosen = folder.open();
            if (chosen != null) {
                target.setText(chosen);
            }
        });
        overwrite = new Button(body, SWT.CHECK);
        overwrite.setText("Replace files that exist there (else they are left alone and listed)");
        overwrite.setData(SeedbenchUi.WIDGET_ID, ID_OVERWRITE);
        overwrite.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button restore = createButton(parent, IDialogConstants.OK_ID, "Restore", true);
        restore.setData(SeedbenchUi.WIDGET_ID, ID_RESTORE);
        restore.setEnabled(false);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    public void create() {
        super.create();
        loadSnapshots();
    }

    /** Reads the snapshots of the chosen repository in a job; the table shows them when it ends. */
    private void loadSnapshots() {
        int mine = ++generation;
        snapshot = null;
        listing = null;
        snapshots.setInput(List.of());
        tree.setInput(null);
        problem = null;
        setMessage("Reading the snapshots of " + job.name() + " from " + where() + "…");
        RepositoryLocation location = from;
        read("Read the snapshots of " + job.name() + " from " + where(),
                () -> repositories.snapshots(workspace, job.name(), passphrase, location), mine, found -> {
                    List<SnapshotInfo> newestFirst = new ArrayList<>(found);
                    java.util.Collections.reverse(newestFirst);
                    snapshots.setInput(newestFirst);
                    setMessage(found.isEmpty() ? "The " + where() + " holds no snapshot."
                            : "Choose a snapshot, then the files, folders or datasources to restore (none: the "
                                    + "whole snapshot).");
                    if (!newestFirst.isEmpty()) {
                        snapshots.setSelection(new org.eclipse.jface.viewers.StructuredSelection(newestFirst.get(0)),
                                true);
                    }
                });
        validate();
    }

    /** Reads the chosen snapshot's tree in a job; the tree shows it when it ends. */
    private void loadTree() {
        int mine = ++generation;
        listing = null;
        tree.setInput(null);
        problem = null;
        SnapshotInfo chosen = snapshot;
        RepositoryLocation location = from;
        Optional<Path> place = repositories.originalPlace(chosen);
        original.setText(place.map(p -> "To the original place: " + p).orElse(
                "To the original place (not known here for a " + chosen.workload().sourceId() + " workload)"));
        original.setEnabled(place.isPresent());
        if (place.isEmpty() && original.getSelection()) {
            original.setSelection(false);
            elsewhere.setSelection(true);
        }
        original.getParent().layout(true);
        setMessage("Reading snapshot " + chosen.shortId() + "…");
        read("Read snapshot " + chosen.shortId() + " of " + job.name(),
                () -> repositories.tree(workspace, job.name(), passphrase, location, chosen.id()), mine, read -> {
                    listing = read;
                    setMessage("Snapshot " + chosen.shortId() + " of " + chosen.workload() + ": " + read.count()
                            + " items, " + Sizes.decimal(read.size("")) + ". Select what to restore (none: all).");
                    showTree();
                });
        validate();
    }

    private interface Read<T> {
        T run() throws Exception;
    }

    /**
     * Runs a read of the repository as a job (one at a time: they share the workspace), and {@code show} on the UI
     * thread with its result while the dialog is open and nothing newer was asked for; a failure is said in the
     * dialog's message area.
     */
    private <T> void read(String name, Read<T> work, int mine, java.util.function.Consumer<T> show) {
        Shell shell = getShell();
        org.eclipse.swt.widgets.Display display = shell.getDisplay();
        Job reader = new Job(name) {
            @Override
            protected IStatus run(org.eclipse.core.runtime.IProgressMonitor monitor) {
                Object result;
                try {
                    result = work.run();
                } catch (Exception e) {
                    result = e;
                }
                Object outcome = result;
                if (!display.isDisposed()) {
                    display.asyncExec(() -> {
                        if (shell.isDisposed() || mine != generation) {
                            return;
                        }
                        if (outcome instanceof Exception e) {
                            problem = e.getMessage() == null ? e.toString() : e.getMessage();
                            setMessage(null);
                            validate();
                        } else {
                            @SuppressWarnings("unchecked")
                            T t = (T) outcome;
                            show.accept(t);
                            validate();
                        }
                    });
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        reader.setRule(oneAtATime);
        reader.setSystem(true);
        reader.schedule();
    }

    private String where() {
        return from == RepositoryLocation.VAULT ? "vault" : "staging repository";
    }

    /** The snapshot's tree, or the items whose name holds the search text. */
    private void showTree() {
        if (listing == null) {
            tree.setInput(null);
            return;
        }
        String text = search.getText().strip();
        tree.setInput(text.isEmpty() ? listing : new SnapshotTreeContent.Found(listing.find(text, SEARCH_LIMIT)));
        validate();
    }

    /** The paths selected in the tree; empty: the whole snapshot. */
    private List<String> selectedPaths() {
        Set<String> paths = new LinkedHashSet<>();
        for (Object o : ((IStructuredSelection) tree.getSelection()).toList()) {
            if (o instanceof SnapshotEntry e) {
                paths.add(e.path());
            }
        }
        return List.copyOf(paths);
    }

    private void validate() {
        if (getShell() == null || getShell().isDisposed()) {
            return;
        }
        List<String> paths = selectedPaths();
        if (listing != null) {
            long bytes = 0;
            for (String p : paths) {
                bytes += listing.size(p);
            }
            selectionLine.setText(paths.isEmpty() ? "Restores the whole snapshot: " + listing.count() + " items, "
                    + Sizes.decimal(listing.size("")) : "Restores " + paths.size() + (paths.size() == 1 ? " item" : " items")
                    + " with what they hold, " + Sizes.decimal(bytes) + ": " + String.join(", ", paths));
        } else {
            selectionLine.setText("");
        }
        browse.setEnabled(elsewhere.getSelection());
        String error = problem;
        if (error == null && snapshot != null && listing != null) {
            error = targetProblem();
        }
        setErrorMessage(error);
        Button restore = getButton(IDialogConstants.OK_ID);
        if (restore != null) {
            restore.setEnabled(error == null && snapshot != null && listing != null);
        }
    }

    private String targetProblem() {
        if (original.getSelection()) {
            return null;
        }
        String text = target.getText().strip();
        if (text.isEmpty()) {
            return "Choose the folder to restore into.";
        }
        try {
            Path folder = Path.of(text);
            if (!folder.isAbsolute()) {
                return "The folder to restore into is a full path: " + text + " is not.";
            }
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                return text + " is a file, not a folder.";
            }
        } catch (InvalidPathException e) {
            return text + " is no folder name here: " + e.getReason() + ".";
        }
        return null;
    }

    @Override
    protected void okPressed() {
        Path into = original.getSelection() ? repositories.originalPlace(snapshot).orElseThrow()
                : Path.of(target.getText().strip());
        request = new Request(from, snapshot, selectedPaths(), into, overwrite.getSelection());
        super.okPressed();
    }

    /** Closes once the reads of the repository still running ended (they use the workspace and the passphrase). */
    @Override
    public boolean close() {
        generation++;
        Job.getJobManager().cancel(FAMILY);
        BusyIndicator.showWhile(getShell() == null ? null : getShell().getDisplay(), () -> {
            for (Job j : Job.getJobManager().find(FAMILY)) {
                try {
                    j.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        return super.close();
    }

    /** The snapshot list's columns: what {@code seedbench snapshots} prints. */
    private static void snapshotColumns(TableViewer viewer) {
        ViewerColumns.add(viewer, SnapshotInfo.class, "Time", 150, s -> time(s.time()));
        ViewerColumns.add(viewer, SnapshotInfo.class, "Workload", 330, s -> s.workload().toString());
        ViewerColumns.add(viewer, SnapshotInfo.class, "Files", 80, s -> Long.toString(s.statistics().files()));
        ViewerColumns.add(viewer, SnapshotInfo.class, "Size", 100, s -> Sizes.decimal(s.statistics().bytesRead()));
        ViewerColumns.add(viewer, SnapshotInfo.class, "Snapshot", 90, SnapshotInfo::shortId);
    }

    /** When a snapshot was taken, in this computer's time zone. */
    static String time(Instant when) {
        return TIME.format(when);
    }
}
