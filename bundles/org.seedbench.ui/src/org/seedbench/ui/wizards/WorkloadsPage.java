package org.seedbench.ui.wizards;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.model.Secret;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.rules.WorkloadChecks;
import org.seedbench.core.spi.WorkloadSource;

/**
 * What to seed and the backup passphrase. The workload choices are the {@link WorkloadSource}s registered when the
 * page shows: a partner's bundle that registers one appears here with no change to the workbench.
 */
class WorkloadsPage extends WizardPage {
    static final String CONFIRMATION = "passphrase confirmation";

    private final Supplier<? extends Collection<WorkloadSource>> sources;
    private final boolean offerKeeping;
    private final List<WorkloadSpec> added = new ArrayList<>();
    private final Set<String> touched = new HashSet<>();
    private List<WorkloadSource> shownSources = List.of();
    private Combo source;
    private Text target;
    private Text include;
    private Text exclude;
    private org.eclipse.swt.widgets.List list;
    private Text passphrase;
    private Text again;
    private Button keep;
    private Fields fields;
    private List<Problem> pending = List.of();

    WorkloadsPage(Supplier<? extends Collection<WorkloadSource>> sources, boolean offerKeeping) {
        super("workloads");
        this.sources = sources;
        this.offerKeeping = offerKeeping;
        setTitle("Workloads and backup passphrase");
        setDescription("What to seed, and the passphrase that encrypts the seed.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = Fields.twoColumns(parent);
        fields = new Fields(c);
        source = fields.add("Workload &source:", "workload source", WizardIds.INIT_WORKLOAD_SOURCE,
                p -> new Combo(p, SWT.READ_ONLY));
        target = fields.text("&Target:", SeedRules.WORKLOAD, WizardIds.INIT_WORKLOAD_TARGET,
                "what the source reads, e.g. the folder /srv/data");
        include = fields.text("&Include globs:", "include", WizardIds.INIT_WORKLOAD_INCLUDE,
                "optional, separated by spaces, e.g. projects/**");
        exclude = fields.text("E&xclude globs:", "exclude", WizardIds.INIT_WORKLOAD_EXCLUDE, "optional, e.g. **.tmp");
        new Label(c, SWT.NONE);
        Composite buttons = new Composite(c, SWT.NONE);
        buttons.setLayout(new GridLayout(2, true));
        Button add = WizardIds.tag(new Button(buttons, SWT.PUSH), WizardIds.INIT_WORKLOAD_ADD);
        add.setText("&Add workload");
        add.addListener(SWT.Selection, e -> addWorkload());
        Button remove = WizardIds.tag(new Button(buttons, SWT.PUSH), WizardIds.INIT_WORKLOAD_REMOVE);
        remove.setText("&Remove");
        remove.addListener(SWT.Selection, e -> removeWorkload());
        list = fields.add("Workloads:", "workloads", WizardIds.INIT_WORKLOADS,
                p -> new org.eclipse.swt.widgets.List(p, SWT.BORDER | SWT.V_SCROLL));
        ((GridData) list.getLayoutData()).heightHint = 60;
        passphrase = fields.add("Backup &passphrase:", SeedRules.PASSPHRASE, WizardIds.INIT_PASSPHRASE,
                p -> new Text(p, SWT.BORDER | SWT.PASSWORD));
        passphrase.addModifyListener(e -> changed(SeedRules.PASSPHRASE));
        again = fields.add("Passphrase a&gain:", CONFIRMATION, WizardIds.INIT_PASSPHRASE_AGAIN,
                p -> new Text(p, SWT.BORDER | SWT.PASSWORD));
        again.addModifyListener(e -> changed(CONFIRMATION));
        new Label(c, SWT.NONE);
        keep = WizardIds.tag(new Button(c, SWT.CHECK), WizardIds.INIT_KEEP_PASSPHRASE);
        keep.setText("&Keep the passphrase in secure storage on this computer");
        keep.setSelection(offerKeeping);
        keep.setVisible(offerKeeping);
        new Label(c, SWT.NONE);
        Label warning = new Label(c, SWT.WRAP);
        warning.setText("At least " + SeedRules.MIN_PASSPHRASE_LENGTH + " characters. A lost passphrase means a lost "
                + "backup: keep a copy in a safe place, away from this computer.");
        GridData wd = new GridData(SWT.FILL, SWT.TOP, true, false);
        wd.widthHint = 420;
        warning.setLayoutData(wd);
        source.addModifyListener(e -> touched.remove(SeedRules.WORKLOAD));
        target.addModifyListener(e -> {
            pending = List.of();
            validate();
        });
        setControl(c);
        refreshSources();
        validate();
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible) {
            refreshSources();
            validate();
        }
        super.setVisible(visible);
    }

    /** The workload source a new job starts with when it is installed. */
    static final String DEFAULT_SOURCE = "files";

    /** Lists the workload sources registered now, keeping the one chosen. */
    private void refreshSources() {
        String chosen = sourceId();
        shownSources = new ArrayList<>(sources.get());
        shownSources.sort(Comparator.comparing(WorkloadSource::id));
        source.setItems(shownSources.stream().map(s -> s.label() + " (" + s.id() + ")").toArray(String[]::new));
        // the one chosen, else Files: what most seeds are made of
        String wanted = chosen != null ? chosen : DEFAULT_SOURCE;
        int i = 0;
        for (int k = 0; k < shownSources.size(); k++) {
            if (shownSources.get(k).id().equals(wanted)) {
                i = k;
            }
        }
        if (!shownSources.isEmpty()) {
            source.select(i);
        }
    }

    private String sourceId() {
        int i = source == null ? -1 : source.getSelectionIndex();
        return i < 0 || i >= shownSources.size() ? null : shownSources.get(i).id();
    }

    private void changed(String field) {
        touched.add(field);
        validate();
    }

    private WorkloadSpec pendingSpec() {
        Map<String, String> options = new LinkedHashMap<>();
        globs(include.getText()).ifPresent(g -> options.put("include", g));
        globs(exclude.getText()).ifPresent(g -> options.put("exclude", g));
        return new WorkloadSpec(sourceId(), target.getText().strip(), options);
    }

    private static java.util.Optional<String> globs(String text) {
        List<String> g = Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        return g.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join("\n", g));
    }

    private void addWorkload() {
        touched.add(SeedRules.WORKLOAD);
        List<Problem> problems = new ArrayList<>();
        if (sourceId() == null) {
            problems.add(new Problem(SeedRules.WORKLOAD, null, "no workload source is installed",
                    "install a workload plugin"));
        } else if (target.getText().isBlank()) {
            problems.add(new Problem(SeedRules.WORKLOAD, null, "the target is missing",
                    "what " + sourceId() + " reads, e.g. a folder"));
        } else {
            WorkloadSpec spec = pendingSpec();
            problems.addAll(WorkloadChecks.check(List.of(spec), shownSources));
            if (problems.isEmpty()) {
                added.add(spec);
                list.add(spec.toString());
                target.setText("");
                include.setText("");
                exclude.setText("");
            }
        }
        pending = problems;
        validate();
    }

    private void removeWorkload() {
        int i = list.getSelectionIndex();
        if (i >= 0) {
            added.remove(i);
            list.remove(i);
            validate();
        }
    }

    List<WorkloadSpec> workloads() {
        return List.copyOf(added);
    }

    /** The passphrase as typed; the caller closes it. */
    Secret passphrase() {
        return Secret.of(passphrase.getText());
    }

    boolean keepPassphrase() {
        return keep.getSelection();
    }

    void validate() {
        if (fields == null) {
            return;
        }
        List<Problem> problems = new ArrayList<>(pending);
        if (added.isEmpty() && pending.isEmpty()) {
            problems.add(new Problem(SeedRules.WORKLOAD, null, "none added yet",
                    "at least one: choose a source, give its target and press Add workload"));
        }
        problems.addAll(WorkloadChecks.check(added, shownSources));
        char[] typed = passphrase.getText().toCharArray();
        problems.addAll(SeedRules.checkPassphrase(typed));
        java.util.Arrays.fill(typed, '\0');
        if (!passphrase.getText().equals(again.getText())) {
            problems.add(new Problem(CONFIRMATION, null, "does not match the passphrase", "the same passphrase twice"));
        }
        List<Problem> unplaced = fields.show(problems, touched);
        Problem shown = problems.stream().filter(p -> touched.contains(p.field())).findFirst().orElse(null);
        setErrorMessage(shown == null ? unplaced.isEmpty() ? null : unplaced.get(0).message() : shown.message());
        setMessage(shown == null && !problems.isEmpty() ? "Add a workload and enter the passphrase twice." : null);
        setPageComplete(problems.isEmpty());
    }

    String fieldMessage(String field) {
        return fields.message(field);
    }
}
