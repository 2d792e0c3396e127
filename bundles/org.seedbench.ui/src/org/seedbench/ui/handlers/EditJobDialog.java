package org.seedbench.ui.handlers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.JobLifeService.Changes;
import org.seedbench.workflow.JobService;

/**
 * Edits a job's inputs as {@code seedbench edit} does: the fields show what the job has now, and OK hands what changed
 * to the {@link Editor} ({@code JobLifeService.edit}), which checks it as {@code init} does. When it refuses, every
 * problem is shown, one a line, and the dialog stays open with what was typed; nothing is written until none is left.
 *
 * <p>The workloads are one {@code SOURCE:TARGET} a line; the include and exclude globs (separated by spaces or lines)
 * apply to every workload, as {@code --include}/{@code --exclude} do. Workloads, globs and fields left as they were
 * are not passed on, so they stay exactly as recorded (workloads with globs of their own keep them).
 */
final class EditJobDialog extends TitleAreaDialog {
    /** Makes the edit. */
    @FunctionalInterface
    interface Editor {
        /** @return the job as now recorded */
        SeedingJob edit(Changes changes) throws InvalidInputException;
    }

    private static final String INCLUDE = "include";
    private static final String EXCLUDE = "exclude";

    private final SeedingJob job;
    private final Editor editor;
    /** Whether the workloads have different globs, so none can be shown as applying to all. */
    private final boolean ownGlobs;
    private Text staging;
    private Text storageAccount;
    private Text container;
    private Text subscription;
    private Text location;
    private Text sourceHost;
    private Text workloads;
    private Text include;
    private Text exclude;
    private Label problems;

    EditJobDialog(Shell parent, SeedingJob job, Editor editor) {
        super(parent);
        this.job = Objects.requireNonNull(job);
        this.editor = Objects.requireNonNull(editor);
        this.ownGlobs = job.workloads().stream().map(w -> w.option(INCLUDE)).distinct().count() > 1
                || job.workloads().stream().map(w -> w.option(EXCLUDE)).distinct().count() > 1;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Edit " + job.name());
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Edit job " + job.name() + " (" + job.state().label() + ")");
        setMessage("The inputs are checked as a new job's are; nothing changes until all of them are good."
                + (job.state() == JobState.STAGED ? " New workloads take the job back to Draft: stage it again. "
                        + "The seed stays in its staging location." : ""));
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        staging = field(c, "&Staging location:", "staging", job.stagingLocation(), SWT.NONE);
        storageAccount = field(c, "Storage &account:", "storageAccount", job.storageAccount(), SWT.NONE);
        container = field(c, "&Container:", "container", job.container(), SWT.NONE);
        subscription = field(c, "S&ubscription id:", "subscription", job.subscriptionId(), SWT.NONE);
        location = field(c, "&Location:", "location", job.location(), SWT.NONE);
        sourceHost = field(c, "Source &host (if a VM):", "sourceHost", job.sourceHost(), SWT.NONE);
        workloads = field(c, "&Workloads (SOURCE:TARGET, one a line):", "workloads",
                String.join("\n", job.workloads().stream().map(WorkloadSpec::toString).toList()), SWT.MULTI);
        include = field(c, "&Include globs:", "include", ownGlobs ? "" : globsOf(INCLUDE), SWT.MULTI);
        exclude = field(c, "E&xclude globs:", "exclude", ownGlobs ? "" : globsOf(EXCLUDE), SWT.MULTI);
        if (ownGlobs) {
            Label note = new Label(c, SWT.WRAP);
            note.setText("Each workload has globs of its own. They are kept unless the workloads or the globs here "
                    + "change; globs given here apply to every workload.");
            note.setLayoutData(wide());
        }
        problems = new Label(c, SWT.WRAP);
        problems.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        problems.setLayoutData(wide());
        problems.setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_EDIT + ".problems");
        return area;
    }

    private static GridData wide() {
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        gd.widthHint = 520;
        return gd;
    }

    private static Text field(Composite c, String label, String id, String value, int style) {
        Label l = new Label(c, SWT.NONE);
        l.setText(label);
        l.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        boolean multi = (style & SWT.MULTI) != 0;
        Text t = new Text(c, SWT.BORDER | (multi ? SWT.MULTI | SWT.V_SCROLL | SWT.WRAP : SWT.SINGLE));
        t.setText(value == null ? "" : value);
        GridData gd = new GridData(SWT.FILL, multi ? SWT.FILL : SWT.CENTER, true, false);
        gd.widthHint = 360;
        if (multi) {
            gd.heightHint = t.getLineHeight() * 3;
        }
        t.setLayoutData(gd);
        t.setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_EDIT + "." + id);
        return t;
    }

    /** The globs every workload has under the option (one a line, as stored), or "" when none. */
    private String globsOf(String option) {
        return job.workloads().isEmpty() || job.workloads().get(0).option(option) == null ? ""
                : job.workloads().get(0).option(option);
    }

    @Override
    protected void okPressed() {
        List<String> lines;
        try {
            editor.edit(changes());
            super.okPressed();
            return;
        } catch (InvalidInputException e) {
            lines = e.problems().isEmpty() ? List.of(e.getMessage())
                    : e.problems().stream().map(Problem::message).toList();
        } catch (RuntimeException e) {
            lines = List.of("The job was not edited: " + e.getMessage());
        }
        show(lines);
    }

    /**
     * Shows each problem on a line of its own under the fields (the title area has room for a summary only); the
     * fields keep what was typed.
     */
    private void show(List<String> lines) {
        setErrorMessage("Nothing was changed: " + (lines.size() == 1 ? "a problem" : lines.size() + " problems")
                + ", listed below.");
        problems.setText(String.join("\n", lines));
        Shell shell = getShell();
        Point want = shell.computeSize(shell.getSize().x, SWT.DEFAULT);
        if (want.y > shell.getSize().y) {
            shell.setSize(shell.getSize().x, want.y);
        }
        shell.layout(true, true);
    }

    /** What was changed; null for each field, and for the workloads, left as the job has it. */
    private Changes changes() throws InvalidInputException {
        return new Changes(changed(staging, job.stagingLocation()), changed(storageAccount, job.storageAccount()),
                changed(container, job.container()), changed(subscription, job.subscriptionId()),
                changed(location, job.location()), optional(sourceHost, job.sourceHost()), changedWorkloads());
    }

    /** The field's text when it differs from the job's value (an emptied field too: the rules refuse it), else null. */
    private static String changed(Text field, String old) {
        String now = field.getText().strip();
        return now.equals(old) ? null : now;
    }

    /** {@link #changed}, for a field that may be left empty: empty keeps the job's value, as an option not given does. */
    private static String optional(Text field, String old) {
        String now = changed(field, old);
        return now == null || now.isEmpty() ? null : now;
    }

    private List<WorkloadSpec> changedWorkloads() throws InvalidInputException {
        List<String> specs = Arrays.stream(workloads.getText().split("\\R")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        List<String> in = globs(include.getText());
        List<String> ex = globs(exclude.getText());
        boolean sameSpecs = specs.equals(job.workloads().stream().map(WorkloadSpec::toString).toList());
        boolean sameGlobs = ownGlobs ? in.isEmpty() && ex.isEmpty()
                : in.equals(globs(globsOf(INCLUDE))) && ex.equals(globs(globsOf(EXCLUDE)));
        return sameSpecs && sameGlobs ? null : JobService.workloads(specs, in, ex);
    }

    private static List<String> globs(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
