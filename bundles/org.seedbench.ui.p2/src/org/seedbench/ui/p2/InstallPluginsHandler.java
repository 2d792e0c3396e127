package org.seedbench.ui.p2;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;

/** Help > Install Plugins…: install or update plugins from a Seedbench update site. */
public class InstallPluginsHandler {

    @Execute
    public void execute(Shell shell, UISynchronize sync, IWorkbench workbench) {
        PluginSite site = PluginSite.running(FrameworkUtil.getBundle(getClass()).getBundleContext());
        if (site == null) {
            MessageDialog.openInformation(shell, "Install Plugins",
                    "This workbench was not installed by p2 (it has no p2 profile), so plugins cannot be installed "
                            + "into it. Use an installation built by ./mvnw verify or unpacked from its archive.");
            return;
        }
        new InstallPluginsDialog(shell, site, sync, workbench).open();
    }
}
