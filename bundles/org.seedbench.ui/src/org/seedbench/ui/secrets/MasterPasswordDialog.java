package org.seedbench.ui.secrets;

import java.util.Arrays;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.seedbench.ui.wizards.WizardIds;

/**
 * Asks for the master password of Seedbench's secure storage; a new password is typed twice. The password is
 * handed out once as characters and cleared from the dialog.
 */
public class MasterPasswordDialog extends TitleAreaDialog {
    /** Shortest master password accepted for a new storage. */
    public static final int MIN_LENGTH = 8;

    private final boolean create;
    private Text password;
    private Text again;
    private char[] result;

    /** @param create a new password (typed twice) rather than the existing one */
    public MasterPasswordDialog(Shell parent, boolean create) {
        super(parent);
        this.create = create;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Seedbench Secure Storage");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(create ? "Choose a master password" : "Master password");
        setMessage(create ? "Seedbench keeps backup passphrases and storage keys encrypted under this password. "
                + "At least " + MIN_LENGTH + " characters." : "Enter the master password of Seedbench's secure storage.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        new Label(c, SWT.NONE).setText("&Password:");
        password = WizardIds.tag(new Text(c, SWT.BORDER | SWT.PASSWORD), WizardIds.PASSWORD);
        password.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        password.addModifyListener(e -> validate());
        if (create) {
            new Label(c, SWT.NONE).setText("&Again:");
            again = WizardIds.tag(new Text(c, SWT.BORDER | SWT.PASSWORD), WizardIds.PASSWORD_AGAIN);
            again.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            again.addModifyListener(e -> validate());
        }
        return area;
    }

    @Override
    protected Control createContents(Composite parent) {
        Control contents = super.createContents(parent);
        validate();
        return contents;
    }

    private void validate() {
        String error = null;
        if (password.getText().isEmpty()) {
            error = null;
        } else if (create && password.getText().length() < MIN_LENGTH) {
            error = "password: has " + password.getText().length() + " characters (allowed: at least " + MIN_LENGTH + ")";
        } else if (create && !password.getText().equals(again.getText())) {
            error = "password again: does not match the password";
        }
        setErrorMessage(error);
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(error == null && !password.getText().isEmpty()
                    && (!create || password.getText().equals(again.getText())));
        }
    }

    @Override
    protected void okPressed() {
        result = password.getTextChars();
        password.setText("");
        if (again != null) {
            again.setText("");
        }
        super.okPressed();
    }

    /** The password typed (the caller clears it), or null when cancelled. */
    public char[] password() {
        return result == null ? null : Arrays.copyOf(result, result.length);
    }
}
