package org.seedbench.ui.handlers;

import java.io.IOException;
import java.util.function.BiFunction;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.ui.CatalogPreference;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.AlertService;
import org.seedbench.workflow.AlertSettings;
import org.seedbench.workflow.VaultService;
import org.seedbench.workflow.Workspace;

/**
 * Preferences: where the workbench keeps its data (the data directory, chosen when the workbench starts; the catalog,
 * the embedded one in the data directory or a shared one by its URL, checked when applied), the selected job's upload throttle (as {@code seedbench throttle} keeps it), and
 * where alerts go by default (as {@code seedbench alerts} keeps them, through the same {@link AlertService}; the
 * webhook is shown masked, since its URL holds its token).
 */
public class PreferencesDialog extends TitleAreaDialog {
    /**
     * Widget ids (suffixes of {@link #ID}): {@code .data}, {@code .catalog} (the catalog in use), {@code .catalogUrl},
     * {@code .catalogPassword}, {@code .throttle}, {@code .webhook}, {@code .command}, {@code .off}.
     */
    public static final String ID = "org.seedbench.ui.preferences";

    private final Workspace workspace;
    private final AlertService alerts;
    private final VaultService vault;
    private final SeedingJob job;
    private final CatalogPreference catalogPreference;
    private final BiFunction<String, char[], String> applyCatalog;
    private Text catalogUrl;
    private Text catalogPassword;
    private AlertSettings current = AlertSettings.NONE;
    private Text webhook;
    private Text command;
    private Button off;

    public PreferencesDialog(Shell parent, Workspace workspace, AlertService alerts, VaultService vault,
            SeedingJob job, CatalogPreference catalogPreference, BiFunction<String, char[], String> applyCatalog) {
        super(parent);
        this.catalogPreference = catalogPreference;
        this.applyCatalog = applyCatalog;
        this.workspace = workspace;
        this.alerts = alerts;
        this.vault = vault;
        this.job = job;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Preferences");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Preferences");
        setMessage("Where Seedbench keeps its data, how fast the selected job uploads, and where alerts go.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(1, false));

        Composite data = group(c, "Data");
        shown(data, "Data directory:", "data", workspace.dataDirectory().toString());
        shown(data, "Catalog:", "catalog", workspace.catalogUrl().map(CatalogPreference::mask)
                .orElse("embedded (H2) in the data directory"));
        note(data, "Chosen when the workbench starts: -data DIR, -Dseedbench.data=DIR or SEEDBENCH_DATA; the command "
                + "line's --data names the same directory.");
        new Label(data, SWT.NONE).setText("Catalog URL:");
        catalogUrl = new Text(data, SWT.BORDER);
        catalogUrl.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        catalogUrl.setText(catalogPreference.stored() == null ? "" : catalogPreference.stored());
        catalogUrl.setMessage("empty: the catalog in the data directory; jdbc:postgresql://host:5432/seedbench?user=…");
        catalogUrl.setData(SeedbenchUi.WIDGET_ID, ID + ".catalogUrl");
        new Label(data, SWT.NONE).setText("Password:");
        catalogPassword = new Text(data, SWT.BORDER | SWT.PASSWORD);
        catalogPassword.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        catalogPassword.setMessage("only if the server asks for one; kept in the pgpass file");
        catalogPassword.setData(SeedbenchUi.WIDGET_ID, ID + ".catalogPassword");
        String over = catalogPreference.overriddenBy();
        note(data, (over == null ? "" : over + " names the catalog now, over this field. ")
                + "A shared PostgreSQL catalog lets several admins and copy computers work on the same jobs; the views "
                + "follow its changes as they are committed. A password goes into the pgpass file (PGPASSFILE or "
                + "~/.pgpass, readable by you only), never into the preferences.");

        Composite upload = group(c, "Upload throttle");
        shown(upload, job == null ? "Selected job:" : job.name() + ":", "throttle", throttle());
        note(upload, "Set per job with seedbench throttle JOB --work RATE --work-hours 08:00-18:00 --work-days mon-fri "
                + "--off-hours RATE; backup and seed-vault --limit-upload RATE win over it for one run.");

        Composite alert = group(c, "Alerts (every job without its own settings)");
        try {
            current = alerts.settings(workspace, null);
        } catch (IOException e) {
            setErrorMessage("Cannot read the alert settings: " + e.getMessage());
        }
        new Label(alert, SWT.NONE).setText("Webhook:");
        webhook = new Text(alert, SWT.BORDER);
        webhook.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        webhook.setMessage(current.webhook() == null ? "https://hooks.example.com/services/…"
                : AlertSettings.mask(current.webhook()) + " (type a new URL to replace it)");
        webhook.setData(SeedbenchUi.WIDGET_ID, ID + ".webhook");
        new Label(alert, SWT.NONE).setText("Command:");
        command = new Text(alert, SWT.BORDER);
        command.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        command.setText(current.command() == null ? "" : current.command());
        command.setData(SeedbenchUi.WIDGET_ID, ID + ".command");
        new Label(alert, SWT.NONE);
        off = new Button(alert, SWT.CHECK);
        off.setText("Alerts off");
        off.setSelection(current.off());
        off.setData(SeedbenchUi.WIDGET_ID, ID + ".off");
        note(alert, "Deadlines close to expiry, imports completed with errors and failed backups are posted to the "
                + "webhook and passed to the command (SEEDBENCH_JOB, SEEDBENCH_ALERT), as seedbench alerts sets them.");
        return area;
    }

    private String throttle() {
        if (job == null) {
            return "(select a job in the Jobs view)";
        }
        try {
            Object hours = vault.throttle(workspace, job.name());
            return hours == null ? "none: uploads go at full speed" : hours.toString();
        } catch (InvalidInputException | RuntimeException e) {
            return "(cannot tell now: " + e.getMessage() + ")";
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Apply and Close", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        String wantedCatalog = catalogUrl.getText().strip();
        char[] password = catalogPassword.getTextChars();
        try {
            if (!wantedCatalog.equals(java.util.Objects.requireNonNullElse(catalogPreference.stored(), ""))
                    || password.length > 0) {
                String[] problem = new String[1];
                // a server that does not answer keeps the driver waiting its connect timeout: say the dialog works
                org.eclipse.swt.custom.BusyIndicator.showWhile(getShell().getDisplay(),
                        () -> problem[0] = applyCatalog.apply(wantedCatalog, password));
                if (problem[0] != null) {
                    setErrorMessage(problem[0]); // the dialog stays open with what was typed
                    return;
                }
            }
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        String url = webhook.getText().strip();
        String cmd = command.getText().strip();
        AlertSettings wanted = new AlertSettings(url.isEmpty() ? current.webhook() : url, cmd.isEmpty() ? null : cmd,
                off.getSelection());
        if (!wanted.equals(current)) {
            try {
                alerts.configure(workspace, null, wanted);
            } catch (InvalidInputException e) {
                setErrorMessage(e.getMessage()); // the dialog stays open with what was typed
                return;
            } catch (IOException e) {
                setErrorMessage("Cannot save the alert settings: " + e.getMessage());
                return;
            }
        }
        super.okPressed();
    }

    private static Composite group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        g.setLayout(new GridLayout(2, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return g;
    }

    private static void shown(Composite parent, String label, String id, String value) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER | SWT.READ_ONLY);
        t.setText(value);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 520;
        t.setLayoutData(gd);
        t.setData(SeedbenchUi.WIDGET_ID, ID + "." + id);
    }

    private static void note(Composite parent, String text) {
        Label l = new Label(parent, SWT.WRAP);
        l.setText(text);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        gd.widthHint = 620;
        l.setLayoutData(gd);
    }
}
