package org.seedbench.ui.p2;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.seedbench.p2.Outcome;
import org.seedbench.p2.PluginSite;
import org.seedbench.p2.TrustPolicy;
import org.seedbench.p2.Unverified;

/**
 * Lists the plugins of an update site by category, installs the checked ones or updates everything
 * installed. Reading the site and provisioning run as Eclipse Jobs; the dialog shows their outcome and
 * offers a restart once something was installed.
 */
final class InstallPluginsDialog extends TitleAreaDialog {
    /** Widget data keys for tests and accessibility tools. */
    static final String KEY = "org.seedbench.ui.p2.key";
    private static final int UPDATE_ID = IDialogConstants.CLIENT_ID + 1;
    /** The family of the dialog's jobs (reading a site, provisioning), for tests and cancel. */
    static final String FAMILY = "org.seedbench.ui.p2.jobs";

    private final PluginSite site;
    private final UISynchronize sync;
    private final IWorkbench workbench;
    private Text siteText;
    private CheckboxTableViewer viewer;
    private URI loaded;

    InstallPluginsDialog(Shell parent, PluginSite site, UISynchronize sync, IWorkbench workbench) {
        super(parent);
        this.site = site;
        this.sync = sync;
        this.workbench = workbench;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        getShell().setText("Install Plugins");
        setTitle("Install or update plugins");
        setMessage("Enter a Seedbench update site (a URL or a folder), read it, and check the plugins to install.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(body);
        new Label(body, SWT.NONE).setText("Update site:");
        siteText = new Text(body, SWT.BORDER);
        siteText.setData(KEY, "site");
        URI initial = site.defaultSite();
        siteText.setText(initial == null ? "" : initial.toString());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(siteText);
        Button read = new Button(body, SWT.PUSH);
        read.setText("&Read");
        read.setData(KEY, "read");
        read.addListener(SWT.Selection, e -> read());
        viewer = CheckboxTableViewer.newCheckList(body, SWT.BORDER | SWT.FULL_SELECTION);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setData(KEY, "plugins");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).hint(640, 300).applyTo(viewer.getControl());
        column("Category", 140, p -> p.category());
        column("Plugin", 300, p -> p.name());
        column("Version", 130, p -> p.version());
        column("Installed", 130, p -> p.installed() ? p.installedVersion() : "");
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setCheckStateProvider(new org.eclipse.jface.viewers.ICheckStateProvider() {
            @Override
            public boolean isGrayed(Object element) {
                return ((PluginSite.Plugin) element).installed();
            }

            @Override
            public boolean isChecked(Object element) {
                return ((PluginSite.Plugin) element).installed();
            }
        });
        if (initial != null) {
            read();
        }
        return area;
    }

    private void column(String title, int width, java.util.function.Function<PluginSite.Plugin, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((PluginSite.Plugin) element);
            }
        });
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, UPDATE_ID, "&Update Installed", false);
        createButton(parent, IDialogConstants.OK_ID, "&Install", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CLOSE_LABEL, false);
    }

    private URI siteUri() {
        String text = siteText.getText().trim();
        if (text.isEmpty()) {
            setMessage("Enter an update site first.", IMessageProvider.ERROR);
            return null;
        }
        try {
            return PluginSite.siteUri(text);
        } catch (IllegalArgumentException e) {
            setMessage("Update site " + text + ": " + e.getMessage() + ".", IMessageProvider.ERROR);
            return null;
        }
    }

    private void read() {
        URI uri = siteUri();
        if (uri == null) {
            return;
        }
        setMessage("Reading " + uri + "…");
        run("Reading " + uri, monitor -> {
            try {
                List<PluginSite.Plugin> plugins = site.plugins(uri, monitor);
                sync.asyncExec(() -> {
                    if (viewer.getControl().isDisposed()) {
                        return;
                    }
                    loaded = uri;
                    viewer.setInput(plugins);
                    setMessage(plugins.isEmpty() ? uri + " offers no categorized plugins."
                            : uri + ": " + plugins.size() + " plugins. Check the ones to install.",
                            plugins.isEmpty() ? IMessageProvider.WARNING : IMessageProvider.NONE);
                });
            } catch (ProvisionException e) {
                error("Update site " + uri + " cannot be read: " + e.getMessage());
            }
        });
    }

    @Override
    protected void okPressed() {
        if (loaded == null) {
            read();
            return;
        }
        List<IInstallableUnit> units = new ArrayList<>();
        for (Object o : viewer.getCheckedElements()) {
            PluginSite.Plugin p = (PluginSite.Plugin) o;
            if (!p.installed()) {
                units.add(p.unit());
            }
        }
        if (units.isEmpty()) {
            setMessage("Check a plugin that is not installed yet.", IMessageProvider.WARNING);
            return;
        }
        URI uri = loaded;
        run("Installing plugins from " + uri, monitor -> {
            SubMonitor sub = SubMonitor.convert(monitor, 10);
            provision(site.install(uri, units, sub.split(3)), sub.split(7), "Installed");
        });
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == UPDATE_ID) {
            URI uri = loaded != null ? loaded : siteUri();
            if (uri != null) {
                run("Updating plugins from " + uri, monitor -> {
                    SubMonitor sub = SubMonitor.convert(monitor, 10);
                    provision(site.update(uri, sub.split(3)), sub.split(7), "Updated");
                });
            }
            return;
        }
        super.buttonPressed(buttonId);
    }

    private void provision(ProfileChangeOperation operation, IProgressMonitor monitor, String done) {
        Outcome outcome = site.provision(operation, this::consent, monitor);
        switch (outcome.result()) {
            case NOTHING_TO_DO -> sync.asyncExec(() -> setMessage(outcome.message()));
            case UNRESOLVED, DECLINED, FAILED -> error(outcome.message());
            case DONE -> sync.asyncExec(() -> {
                String unverified = outcome.unverified().isEmpty() ? ""
                        : " Accepted " + outcome.unverified().describe() + ".";
                if (MessageDialog.openQuestion(getShell(), "Install Plugins",
                        done + "." + unverified + " The plugins take effect after a restart. Restart now?")) {
                    close();
                    workbench.restart();
                } else {
                    read();
                }
            });
        }
    }

    /**
     * The trust policy's question (asked on p2's thread): what p2 cannot verify is installed only when the person
     * says yes to it, as {@code seedbench plugins install --accept-unsigned --trust-signers} does.
     */
    private TrustPolicy.Decision consent(Unverified report) {
        boolean[] yes = { false };
        sync.syncExec(() -> yes[0] = getShell() != null && !getShell().isDisposed()
                && MessageDialog.openQuestion(getShell(), "Install Plugins", "p2 cannot verify who made this content ("
                        + report.describe() + "). Install it anyway? Answer yes only if you trust the update site."));
        return new TrustPolicy.Decision(yes[0], yes[0]);
    }

    private void error(String message) {
        sync.asyncExec(() -> {
            if (getShell() != null && !getShell().isDisposed()) {
                setMessage(message, IMessageProvider.ERROR);
            }
        });
    }

    private interface Work {
        void run(IProgressMonitor monitor);
    }

    private void run(String name, Work work) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                work.run(monitor);
                return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return FAMILY.equals(family);
            }
        };
        job.setUser(true);
        job.schedule();
    }
}
