package org.seedbench.ui.p2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.seedbench.p2.PluginSite;
import org.seedbench.ui.p2.tests.DisplaySync;
import org.seedbench.ui.p2.tests.Sites;

/**
 * Help > Install Plugins… as the workbench runs it: the e4 handler executed through dependency injection (as
 * the menu item's contribution), finding the running installation's p2 agent as an OSGi service, opening the
 * dialog, which lists the update site's plugins; one is checked and installed, and the restart is asked for.
 * The handler used to fail with a NullPointerException (its bundle, never started, had no BundleContext).
 * Needs a display (Xvfb).
 */
class InstallPluginsHandlerTest {
    private static final String PROFILE = "HandlerTest";

    @TempDir
    Path temp;

    private BundleContext p2;
    private IProvisioningAgent agent;
    private ServiceRegistration<IProvisioningAgent> registration;
    private Display display;
    private Shell shell;

    @BeforeEach
    void runningInstallation() throws Exception {
        // the running installation's agent, as p2 registers it: its profile is the "self" one
        p2 = FrameworkUtil.getBundle(IProvisioningAgentProvider.class).getBundleContext();
        ServiceReference<IProvisioningAgentProvider> agents = p2.getServiceReference(IProvisioningAgentProvider.class);
        agent = p2.getService(agents).createAgent(temp.resolve("p2").toUri());
        p2.ungetService(agents);
        agent.registerService("FORCED_SELF", PROFILE);
        agent.getService(IProfileRegistry.class).addProfile(PROFILE,
                Map.of(IProfile.PROP_INSTALL_FOLDER, Files.createDirectories(temp.resolve("install")).toString(),
                        IProfile.PROP_ENVIRONMENTS, "osgi.os=linux,osgi.ws=gtk,osgi.arch=x86_64"));
        Dictionary<String, Object> ranking = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, Integer.MAX_VALUE));
        registration = p2.registerService(IProvisioningAgent.class, agent, ranking);
        display = Display.getDefault();
        shell = new Shell(display);
    }

    @AfterEach
    void close() {
        System.clearProperty(PluginSite.SITE_PROPERTY);
        shell.dispose();
        registration.unregister();
        agent.stop();
    }

    /** The workbench, of which the handler only asks a restart. */
    private static IWorkbench workbench(AtomicInteger restarts) {
        return (IWorkbench) Proxy.newProxyInstance(IWorkbench.class.getClassLoader(), new Class<?>[] { IWorkbench.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("restart")) {
                        restarts.incrementAndGet();
                        return true;
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });
    }

    private Shell open(Class<?> dialog) {
        for (Shell s : display.getShells()) {
            if (dialog.isInstance(s.getData()) && !s.isDisposed()) {
                return s;
            }
        }
        return null;
    }

    @Test
    void helpInstallPluginsOpensTheDialogListsTheSitesPluginsAndInstallsOne() throws Exception {
        URI site = Sites.write(agent, temp.resolve("site"), "1.0.0");
        System.setProperty(PluginSite.SITE_PROPERTY, site.toString());
        AtomicInteger restarts = new AtomicInteger();
        List<String> listed = new ArrayList<>();
        String[] question = new String[1];
        Throwable[] failure = new Throwable[1];

        // the dialog is modal: what a user does in it runs inside its event loop
        display.asyncExec(() -> {
            Shell dialog = open(InstallPluginsDialog.class);
            try {
                assertNotNull(dialog, "the Install Plugins dialog is open");
                Widgets.settle(display);
                Table plugins = Widgets.keyed(dialog, Table.class, "plugins");
                for (int i = 0; i < plugins.getItemCount(); i++) {
                    listed.add(plugins.getItem(i).getText(0) + "/" + plugins.getItem(i).getText(1) + "/"
                            + plugins.getItem(i).getText(3));
                }
                plugins.getItem(1).setChecked(true); // Example Workload
                Widgets.button(dialog, "Install").notifyListeners(SWT.Selection, new Event());
                Job.getJobManager().join(InstallPluginsDialog.FAMILY, null);
                // the restart question opens next, modal too: answer it inside its loop
                display.asyncExec(() -> {
                    Shell asked = open(MessageDialog.class);
                    if (asked != null) {
                        question[0] = Widgets.labels(asked);
                        Widgets.button(asked, "Yes").notifyListeners(SWT.Selection, new Event());
                    }
                });
                Widgets.settle(display);
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                if (dialog != null && !dialog.isDisposed()) {
                    dialog.close();
                }
            }
        });
        // as E4Application builds it: the application's context is a child of the OSGi service context
        IEclipseContext context = EclipseContextFactory.getServiceContext(p2).createChild("Install Plugins test");
        context.set(Shell.class, shell);
        context.set(UISynchronize.class, new DisplaySync(display));
        context.set(IWorkbench.class, workbench(restarts));
        // as in the product, where nothing starts the installer's bundle: it is resolved, not active
        Bundle installer = FrameworkUtil.getBundle(InstallPluginsHandler.class);
        installer.stop(Bundle.STOP_TRANSIENT);
        try {
            ContextInjectionFactory.invoke(ContextInjectionFactory.make(InstallPluginsHandler.class, context),
                    Execute.class, context);
        } finally {
            context.dispose();
            installer.start(Bundle.START_TRANSIENT);
        }

        assertNull(failure[0], () -> "the dialog failed: " + failure[0]);
        assertEquals(List.of("Workloads/Broken Plugin/", "Workloads/Example Workload/"), listed);
        assertTrue(question[0] != null && question[0].contains("Installed. The plugins take effect after a restart."),
                String.valueOf(question[0]));
        assertEquals(1, restarts.get(), "the restart was asked for");
        IProfile profile = agent.getService(IProfileRegistry.class).getProfile(PROFILE);
        assertEquals(1, profile.query(QueryUtil.createIUQuery("org.example.workload.feature.group"), null)
                .toUnmodifiableSet().size(), "Example Workload is installed");
    }
}
