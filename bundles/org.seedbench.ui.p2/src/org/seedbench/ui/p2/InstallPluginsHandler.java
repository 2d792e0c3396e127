package org.seedbench.ui.p2;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.p2.PluginSite;

/**
 * Help > Install Plugins…: install or update plugins from a Seedbench update site.
 *
 * <p>The running installation's p2 agent comes from the workbench's context, whose root is the OSGi service
 * registry, not from this bundle's own BundleContext: nothing starts this bundle in the product, and a bundle
 * that is only resolved has no BundleContext (the menu item used to fail with a NullPointerException).
 */
public class InstallPluginsHandler {

    @Execute
    public void execute(Shell shell, UISynchronize sync, IWorkbench workbench, @Optional IProvisioningAgent agent) {
        PluginSite site = PluginSite.running(agent);
        if (site == null) {
            MessageDialog.openInformation(shell, "Install Plugins",
                    "This workbench was not installed by p2 (it has no p2 profile), so plugins cannot be installed "
                            + "into it. Use an installation built by ./mvnw verify or unpacked from its archive.");
            return;
        }
        new InstallPluginsDialog(shell, site, sync, workbench).open();
    }
}
