package org.seedbench.ui.wizards;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.model.Drive;
import org.seedbench.core.rules.DriveRules;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.workflow.AttachedDrives;
import org.seedbench.workflow.DriveListing;

/**
 * The drives to prepare: those this computer sees, and folder drives for a rehearsal, each with the drive rules'
 * verdict. A refused drive cannot be chosen and its row says why.
 */
class DrivesPage extends WizardPage {
    static final String RULES = "The import service takes 2.5\" SSDs and 2.5\"/3.5\" SATA II/III HDDs (also through a "
            + "USB adaptor), at most " + Sizes.decimal(DriveRules.MAX_CAPACITY_BYTES) + " each and at most "
            + DriveRules.MAX_DRIVES_PER_JOB + " drives per job; no NVMe drives, no USB sticks. Formatting erases a drive.";
    static final String FOLDER = "folder drive";
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    /** A row of the table. */
    record Row(String spec, String serial, String device, String description, List<Problem> refusals,
            String verdict) {
        boolean refused() {
            return !refusals.isEmpty();
        }
    }

    private final String jobName;
    private final DriveListing listing;
    private final List<DiskEncryptor> encryptors;
    private final List<String> earlierSpecs;
    private final Function<AttachedDrives.Listed, List<Problem>> ownership;
    private AttachedDrives listed = AttachedDrives.NONE;
    private final List<Row> rows = new ArrayList<>();
    private final Set<String> touched = new HashSet<>();
    private Table table;
    private Combo encryptor;
    private Text folder;
    private Text capacity;
    private Text serial;
    private Label discoveryNote;
    private Fields fields;

    /**
     * @param ownership why a drive may not be prepared for this job beyond the drive rules: another job's seed on
     *                  it, a folder inside a staging location or a source
     */
    DrivesPage(String jobName, DriveListing listing, List<DiskEncryptor> encryptors, List<String> earlierSpecs,
            Function<AttachedDrives.Listed, List<Problem>> ownership) {
        super("drives");
        this.ownership = ownership;
        this.jobName = jobName;
        this.listing = listing;
        this.encryptors = encryptors;
        this.earlierSpecs = earlierSpecs;
        setTitle("Prepare drives");
        setDescription("Choose the drives the seed of " + jobName + " is copied onto.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = Fields.twoColumns(parent);
        Label rules = WizardIds.tag(new Label(c, SWT.WRAP), WizardIds.PREPARE_RULES);
        rules.setText(RULES);
        GridData rd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        rd.widthHint = 560;
        rules.setLayoutData(rd);
        table = WizardIds.tag(new Table(c, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL),
                WizardIds.PREPARE_DRIVES);
        table.setHeaderVisible(true);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        td.heightHint = 140;
        table.setLayoutData(td);
        for (String[] col : new String[][] { { "Drive", "110" }, { "What it is", "250" }, { "Rules", "300" } }) {
            TableColumn tc = new TableColumn(table, SWT.LEFT);
            tc.setText(col[0]);
            tc.setWidth(Integer.parseInt(col[1]));
        }
        table.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK && e.item instanceof TableItem item) {
                Row row = (Row) item.getData();
                if (row.refused()) {
                    item.setChecked(false);
                }
                touched.add(DriveRules.FIELD);
                validate();
            }
        });
        discoveryNote = new Label(c, SWT.WRAP);
        discoveryNote.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        fields = new Fields(c);
        folder = fields.text("Folder drive &folder:", FOLDER, WizardIds.PREPARE_FOLDER,
                "a rehearsal: a folder that stands in for a drive");
        capacity = fields.text("&Capacity:", "capacity", WizardIds.PREPARE_CAPACITY, "e.g. 2G");
        serial = fields.text("&Serial:", "serial", WizardIds.PREPARE_SERIAL, "e.g. SB-0001");
        new Label(c, SWT.NONE);
        Button add = WizardIds.tag(new Button(c, SWT.PUSH), WizardIds.PREPARE_ADD_FOLDER);
        add.setText("&Add folder drive");
        add.addListener(SWT.Selection, e -> addFolderDrive());
        encryptor = fields.add("&Encryptor:", "encryptor", WizardIds.PREPARE_ENCRYPTOR, p -> new Combo(p, SWT.READ_ONLY));
        for (DiskEncryptor e : encryptors) {
            encryptor.add(e.id() + (e.isAvailable() ? "" : " (cannot run on this computer)"));
        }
        int portable = 0;
        for (int i = 0; i < encryptors.size(); i++) {
            if (encryptors.get(i).id().equals("portable")) {
                portable = i;
            }
        }
        if (!encryptors.isEmpty()) {
            encryptor.select(portable);
        }
        encryptor.addModifyListener(e -> validate());
        setControl(c);
        discover();
        for (String spec : earlierSpecs) {
            addRow(rowOfSpec(spec, "prepared in an earlier run: resumes where it stopped"), true);
        }
        validate();
    }

    private void discover() {
        AttachedDrives found;
        try {
            found = listing.list();
        } catch (IOException | RuntimeException e) {
            discoveryNote.setText("This computer's drives could not be listed (" + e.getMessage()
                    + "); folder drives can still be used.");
            return;
        }
        listed = found;
        for (AttachedDrives.Listed d : found.drives()) {
            List<String> notes = new ArrayList<>();
            List<Problem> problems = new ArrayList<>(DriveRules.checkDrive(d.toDrive(jobName), notes));
            if (d.serial() == null) {
                problems.add(new Problem(DriveRules.FIELD, d.device(), "reports no serial number",
                        "a drive with a serial number, which the import job names it by"));
            } else {
                problems.addAll(0, ownership.apply(d));
            }
            String verdict = problems.isEmpty() ? notes.isEmpty() ? "allowed" : "allowed: " + String.join("; ", notes)
                    : "refused: " + problems.get(0).message();
            addRow(new Row(d.serial() != null ? d.serial() : d.device(), d.serial(), d.device(), d.describe(), problems,
                    verdict), false);
        }
        for (AttachedDrives.Skipped s : found.skipped()) {
            Problem p = new Problem(DriveRules.FIELD, s.device(), s.reason(), null);
            addRow(new Row(s.device(), null, s.device(), s.description(), List.of(p), "refused: " + p.message()), false);
        }
        discoveryNote.setText(found.drives().isEmpty() && found.skipped().isEmpty()
                ? "This computer shows no drive that could be prepared; add folder drives for a rehearsal." : "");
    }

    private Row rowOfSpec(String spec, String verdict) {
        String[] parts = spec.split(",");
        String s = spec;
        String device = spec;
        for (String part : parts) {
            if (part.strip().startsWith("serial=")) {
                s = part.strip().substring("serial=".length());
            }
        }
        if (AttachedDrives.isFolderSpec(spec)) {
            device = parts[0].substring(AttachedDrives.FOLDER_PREFIX.length());
        }
        return new Row(spec, s, device, spec, List.of(), verdict);
    }

    private void addFolderDrive() {
        touched.add(FOLDER);
        List<Problem> problems = new ArrayList<>();
        String dir = folder.getText().strip();
        String id = serial.getText().strip();
        long bytes = -1;
        if (dir.isEmpty()) {
            problems.add(new Problem(FOLDER, null, "is missing", "a folder that stands in for a drive"));
        } else if (!Path.of(dir).isAbsolute()) {
            problems.add(new Problem(FOLDER, dir, "is not an absolute path", "a full path such as /seed/d1"));
        }
        try {
            bytes = Sizes.parse(capacity.getText().strip());
        } catch (RuntimeException e) {
            problems.add(new Problem("capacity", capacity.getText().strip(), "is not a size",
                    "a number with K, M, G or T, e.g. 1.2G"));
        }
        if (!SERIAL.matcher(id).matches()) {
            problems.add(new Problem("serial", id.isEmpty() ? null : id, id.isEmpty() ? "is missing" : "is not a serial",
                    "1 to 32 letters, digits, '-', '_' or '.', e.g. SB-0001"));
        } else if (rows.stream().anyMatch(r -> id.equalsIgnoreCase(r.serial()))) {
            problems.add(new Problem("serial", id, "is already in the list", "a serial no other drive has"));
        }
        if (problems.isEmpty()) {
            String spec = AttachedDrives.folderSpec(dir, capacity.getText().strip(), id);
            Drive drive = AttachedDrives.folderDrive(jobName, id, bytes);
            List<Problem> refusals = new ArrayList<>(DriveRules.checkDrive(drive, null));
            try {
                refusals.addAll(0, ownership.apply(AttachedDrives.folder(spec)));
            } catch (IOException e) {
                refusals.add(new Problem(DriveRules.FIELD, id, "could not be checked (" + e.getMessage() + ")", null));
            } catch (InvalidInputException e) {
                if (refusals.isEmpty()) {
                    refusals.addAll(e.problems());
                }
            }
            String description = "Folder drive, " + Sizes.decimal(bytes) + ", " + dir;
            addRow(new Row(spec, id, dir, description, refusals,
                    refusals.isEmpty() ? "allowed (rehearsal)" : "refused: " + refusals.get(0).message()),
                    refusals.isEmpty());
            folder.setText("");
            serial.setText("");
        }
        fields.show(problems, null);
        validate();
    }

    private void addRow(Row row, boolean checked) {
        rows.add(row);
        TableItem item = new TableItem(table, SWT.NONE);
        item.setData(row);
        item.setText(new String[] { row.serial() == null ? row.device() : row.serial(), row.description(),
                row.verdict() });
        if (row.refused()) {
            item.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        }
        item.setChecked(checked && !row.refused());
    }

    /** The drives checked, in table order. */
    List<PrepareDrivesJob.DriveChoice> chosen() {
        List<PrepareDrivesJob.DriveChoice> chosen = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            Row row = (Row) item.getData();
            if (item.getChecked() && !row.refused()) {
                chosen.add(new PrepareDrivesJob.DriveChoice(row.spec(), row.serial(), row.device(), row.description()));
            }
        }
        return chosen;
    }

    String encryptor() {
        int i = encryptor.getSelectionIndex();
        return i < 0 ? null : encryptors.get(i).id();
    }

    void validate() {
        List<Problem> problems = new ArrayList<>();
        List<PrepareDrivesJob.DriveChoice> chosen = chosen();
        if (chosen.isEmpty()) {
            problems.add(new Problem(DriveRules.FIELD, null, "none chosen", "check at least one allowed drive"));
        }
        problems.addAll(DriveRules.checkDriveCount(chosen.size()));
        int i = encryptor.getSelectionIndex();
        if (i < 0) {
            problems.add(new Problem("encryptor", null, "none is installed", "install an encryptor plugin"));
        } else if (!encryptors.get(i).isAvailable()) {
            problems.add(new Problem("encryptor", encryptors.get(i).id(), "cannot run on this computer ("
                    + System.getProperty("os.name", "").toLowerCase(Locale.ROOT) + ")", "portable"));
        }
        List<String> refusedRows = rows.stream().filter(Row::refused).map(r -> r.refusals().get(0).message()).toList();
        Problem shown = problems.stream().filter(p -> !p.field().equals(DriveRules.FIELD) || touched.contains(p.field()))
                .findFirst().orElse(null);
        if (shown != null) {
            setErrorMessage(shown.message());
        } else {
            setErrorMessage(null);
        }
        setMessage(refusedRows.isEmpty() ? null : "Refused: " + String.join("; ", refusedRows),
                refusedRows.isEmpty() ? NONE : WARNING);
        setPageComplete(problems.isEmpty());
    }

    /** The drives this computer showed when the page listed them; none when they could not be listed. */
    AttachedDrives listed() {
        return listed;
    }

    /** The rows with their verdicts, for tests and page objects. */
    List<Row> rows() {
        return List.copyOf(rows);
    }
}
