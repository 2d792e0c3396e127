package org.seedbench.ui.testsupport;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Writes a PNG of the workbench's active shell when a test fails, to
 * {@code <screenshots>/failed/<TestClass>.<method>.png} ({@link UiDriver#screenshotFolder()}), and says where on
 * standard error. Register with {@code @ExtendWith(ScreenshotOnFailure.class)}.
 */
public class ScreenshotOnFailure implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        Path file = UiDriver.screenshotFolder().resolve("failed").resolve(name + ".png");
        try {
            UiDriver driver = UiDriver.connect();
            Shell shell = driver.activeShell();
            if (shell == null) {
                System.err.println("no screenshot of " + name + ": no shell is open");
                return;
            }
            driver.screenshot(shell, file);
            System.err.println("screenshot of the failed test " + name + ": " + file.toAbsolutePath()
                    + " (shells: " + driver.shellTitles() + ")");
        } catch (Exception | AssertionError e) {
            System.err.println("no screenshot of " + name + ": " + e);
        }
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        testFailed(context, cause);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // nothing to capture
    }
}
