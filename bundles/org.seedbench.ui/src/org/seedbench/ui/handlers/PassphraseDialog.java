package org.seedbench.ui.handlers;

import java.util.Arrays;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.ui.SeedbenchUi;

/**
 * Asks for a job's backup passphrase (twice for a new repository), without echo, with "keep in secure storage". OK
 * stays disabled until the passphrase is long enough and both fields agree; the line under the fields says why.
 */
public class PassphraseDialog extends Dialog {
    private final String job;
    private final boolean confirm;
    private Text first;
    private Text again;
    private Button keepBox;
    private Label problem;
    private Secret secret;
    private boolean keep;

    public PassphraseDialog(Shell parent, String job, boolean confirm) {
        super(parent);
        this.job = job;
        this.confirm = confirm;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Backup passphrase of " + job);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(2, false));
        Label intro = new Label(area, SWT.WRAP);
        intro.setText(confirm ? "The backup passphrase encrypts the seed. It has at least "
                + SeedRules.MIN_PASSPHRASE_LENGTH + " characters, and a lost passphrase means a lost backup."
                : "The passphrase the job's repository was created with.");
        GridData introData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        introData.widthHint = 420;
        intro.setLayoutData(introData);
        new Label(area, SWT.NONE).setText("Passphrase:");
        first = new Text(area, SWT.BORDER | SWT.PASSWORD);
        first.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        first.setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_PASSPHRASE);
        first.addModifyListener(e -> validate());
        if (confirm) {
            new Label(area, SWT.NONE).setText("Again:");
            again = new Text(area, SWT.BORDER | SWT.PASSWORD);
            again.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            again.setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_PASSPHRASE + ".again");
            again.addModifyListener(e -> validate());
        }
        keepBox = new Button(area, SWT.CHECK);
        keepBox.setText("Keep in secure storage");
        keepBox.setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_PASSPHRASE_KEEP);
        keepBox.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        problem = new Label(area, SWT.WRAP);
        problem.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setData(SeedbenchUi.WIDGET_ID, SeedbenchUi.ID_PASSPHRASE_OK);
        validate();
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null || first == null) {
            return;
        }
        String text = null;
        char[] chars = first.getTextChars();
        try {
            if (confirm) {
                text = SeedRules.checkPassphrase(chars).stream().map(Problem::toString).findFirst().orElse(null);
            } else if (chars.length == 0) {
                text = "Type the passphrase.";
            }
            if (text == null && again != null) {
                char[] other = again.getTextChars();
                try {
                    if (!Arrays.equals(chars, other)) {
                        text = "Type the same passphrase twice.";
                    }
                } finally {
                    Arrays.fill(other, '\0');
                }
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
        problem.setText(text == null ? "" : text);
        ok.setEnabled(text == null);
    }

    @Override
    protected void okPressed() {
        char[] chars = first.getTextChars();
        secret = new Secret(chars);
        Arrays.fill(chars, '\0');
        keep = keepBox.getSelection();
        super.okPressed();
    }

    /** The passphrase typed, once OK was pressed; the caller closes it. */
    public Secret secret() {
        return secret;
    }

    public boolean keep() {
        return keep;
    }
}
