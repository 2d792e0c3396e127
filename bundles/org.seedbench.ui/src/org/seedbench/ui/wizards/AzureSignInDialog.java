package org.seedbench.ui.wizards;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Sign-in to the Azure connector with the device code flow: the sign-in runs as a job; when Microsoft Entra ID
 * hands out a code, the dialog shows the code and the page to enter it on, and waits until the user has signed
 * in there or presses Cancel.
 */
public class AzureSignInDialog extends Dialog {

    /** The sign-in: it gives the device code prompt to {@code prompt} and returns once signed in. */
    @FunctionalInterface
    public interface DeviceCodeSignIn {
        void signIn(Consumer<String> prompt, IProgressMonitor monitor) throws Exception;
    }

    /** The code and page of a device code prompt such as Entra ID's "…open the page URL and enter the code CODE…". */
    public record DeviceCode(String url, String code, String message) {
        private static final Pattern URL = Pattern.compile("https?://[^\\s]+[^\\s.,;)]");
        private static final Pattern CODE = Pattern.compile("code\\s+([A-Za-z0-9-]{4,})");

        public static DeviceCode parse(String message) {
            Matcher u = URL.matcher(message);
            Matcher c = CODE.matcher(message);
            return new DeviceCode(u.find() ? u.group() : null, c.find() ? c.group(1) : null, message);
        }
    }

    private final DeviceCodeSignIn signIn;
    private Label status;
    private Text code;
    private Link url;
    private Job job;
    private volatile boolean signedIn;

    public AzureSignInDialog(Shell parent, DeviceCodeSignIn signIn) {
        super(parent);
        this.signIn = signIn;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Sign in to Azure");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        c.setLayout(new GridLayout(2, false));
        status = WizardIds.tag(new Label(c, SWT.WRAP), WizardIds.SIGN_IN_STATUS);
        status.setText("Asking Microsoft Entra ID for a sign-in code…");
        GridData sd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        sd.widthHint = 460;
        status.setLayoutData(sd);
        new Label(c, SWT.NONE).setText("Code:");
        code = WizardIds.tag(new Text(c, SWT.BORDER | SWT.READ_ONLY), WizardIds.SIGN_IN_CODE);
        code.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(c, SWT.NONE).setText("Enter it at:");
        url = WizardIds.tag(new Link(c, SWT.NONE), WizardIds.SIGN_IN_URL);
        url.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        url.addListener(SWT.Selection, e -> Program.launch(e.text));
        return c;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    public void create() {
        super.create();
        Shell shell = getShell();
        org.eclipse.swt.widgets.Display display = shell.getDisplay();
        job = new Job("Signing in to Azure") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    signIn.signIn(message -> display.asyncExec(() -> showCode(DeviceCode.parse(message))),
                            monitor);
                    return Status.OK_STATUS;
                } catch (Exception e) {
                    return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.error("Sign-in failed: " + e.getMessage());
                }
            }

            @Override
            protected void canceling() {
                Thread t = getThread();
                if (t != null) {
                    t.interrupt();
                }
            }
        };
        job.setSystem(true);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (!display.isDisposed()) {
                    display.asyncExec(() -> finished(event.getResult()));
                }
            }
        });
        job.schedule();
    }

    private void showCode(DeviceCode dc) {
        if (status.isDisposed()) {
            return;
        }
        status.setText(dc.message());
        code.setText(dc.code() == null ? "" : dc.code());
        url.setText(dc.url() == null ? "" : "<a href=\"" + dc.url() + "\">" + dc.url() + "</a>");
        status.getParent().layout(true, true);
    }

    private void finished(IStatus result) {
        if (status.isDisposed() || result.getSeverity() == IStatus.CANCEL) {
            return;
        }
        signedIn = result.isOK();
        status.setText(result.isOK() ? "Signed in to Azure." : result.getMessage());
        Button cancel = getButton(IDialogConstants.CANCEL_ID);
        if (cancel != null) {
            cancel.setText(IDialogConstants.CLOSE_LABEL);
        }
        status.getParent().layout(true, true);
    }

    @Override
    protected void cancelPressed() {
        if (job != null && job.getState() != Job.NONE) {
            job.cancel();
        }
        super.cancelPressed();
    }

    /** Whether the sign-in succeeded. */
    public boolean signedIn() {
        return signedIn;
    }

    /** The sign-in job, for tests that wait on it. */
    public Job job() {
        return job;
    }
}
