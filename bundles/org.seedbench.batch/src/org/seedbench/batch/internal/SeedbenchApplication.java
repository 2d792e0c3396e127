package org.seedbench.batch.internal;

import java.util.List;
import java.util.Map;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.seedbench.batch.cli.ExitCode;

/**
 * The headless product's application: hands the program arguments to the {@link CommandLine} service and
 * returns its exit code.
 */
public class SeedbenchApplication implements IApplication {
    private static final long SERVICE_WAIT_MS = 30_000;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        context.applicationRunning();
        if (CommandLine.printVersion(List.of(args), System.out)) {
            // without waiting for the command line's services: the version needs none of them
            return Integer.valueOf(ExitCode.DONE.code());
        }
        BundleContext bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
        if (bundleContext == null) {
            return fail("the bundle org.seedbench.batch is not started; the installation is damaged");
        }
        ServiceTracker<CommandLine, CommandLine> tracker = new ServiceTracker<>(bundleContext, CommandLine.class, null);
        tracker.open();
        try {
            CommandLine cli = tracker.waitForService(SERVICE_WAIT_MS);
            if (cli == null) {
                return fail("the command line service did not start; "
                        + "a bundle of the installation is missing or failed to resolve");
            }
            int code = cli.run(args, System.out, System.err, Map.copyOf(System.getenv()));
            System.out.flush();
            return Integer.valueOf(code);
        } catch (OutOfMemoryError e) {
            return fail(CommandLine.outOfMemory());
        } catch (RuntimeException | Error e) {
            return fail("failed: " + e);
        } finally {
            tracker.close();
        }
    }

    private static Integer fail(String message) {
        System.err.println("seedbench: " + message);
        return Integer.valueOf(ExitCode.FAILURE.code());
    }

    @Override
    public void stop() {
        // the command runs to its end or is interrupted with the JVM
    }
}
