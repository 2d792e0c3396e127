package org.seedbench.ui.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Item;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Widget;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.jobs.WorkflowJob;

/**
 * A small driver of the running workbench in SWTBot's style, for tests that run off the UI thread
 * ({@code useUIThread=false}): every widget access runs on the UI thread ({@link #syncExec}), widgets are found by
 * the data key {@link SeedbenchUi#WIDGET_ID} (tool items by their model element id), clicks and typing are
 * {@code notifyListeners} calls as the widget would send them, and waits poll a condition on the UI thread until it
 * holds or a timeout passes. The poll interval is a pause between looks, never an assertion about time.
 *
 * <p>Kept small on purpose: when SWTBot reaches Maven Central it replaces this class, the page objects stay.
 */
public final class UiDriver {
    /** How long a wait lasts before it fails, unless a test says otherwise. */
    public static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("seedbench.ui.timeout", 90));
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final IWorkbench workbench;
    private final Display display;

    private UiDriver(IWorkbench workbench, Display display) {
        this.workbench = workbench;
        this.display = display;
    }

    /** The driver of the running e4 workbench, once it has started (waits for its {@link IWorkbench} service). */
    public static UiDriver connect() {
        Bundle bundle = FrameworkUtil.getBundle(UiDriver.class);
        ServiceTracker<IWorkbench, IWorkbench> tracker = new ServiceTracker<>(bundle.getBundleContext(),
                IWorkbench.class, null);
        tracker.open();
        try {
            IWorkbench workbench = tracker.waitForService(TIMEOUT.toMillis());
            if (workbench == null) {
                throw new AssertionError("the workbench did not start within " + TIMEOUT.toSeconds() + " s");
            }
            Display display = Display.getDefault();
            UiDriver driver = new UiDriver(workbench, display);
            driver.waitUntil("the workbench window is open", () -> driver.activeShell() != null);
            return driver;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the workbench", e);
        } finally {
            tracker.close();
        }
    }

    public Display display() {
        return display;
    }

    public MApplication application() {
        return workbench.getApplication();
    }

    /**
     * Brings a view to the top of its stack and activates it, as a click on its tab does (a view that was never on
     * top has no widgets yet).
     */
    public void showPart(String partId) {
        run(() -> {
            MWindow window = application().getChildren().get(0);
            EPartService parts = window.getContext().get(EPartService.class);
            parts.showPart(partId, EPartService.PartState.ACTIVATE);
        });
    }

    /** {@link #showPart} for a page object's constructor: shows the view, returns this driver. */
    public UiDriver showing(String partId) {
        showPart(partId);
        return this;
    }

    /** Runs on the UI thread and returns its result; an exception there is thrown here. */
    public <T> T syncExec(Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicReference<Error> error = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(work.get());
            } catch (RuntimeException e) {
                failure.set(e);
            } catch (Error e) {
                error.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        if (error.get() != null) {
            throw error.get();
        }
        return result.get();
    }

    /** Runs on the UI thread; an exception there is thrown here. */
    public void run(Runnable work) {
        syncExec(() -> {
            work.run();
            return null;
        });
    }

    /** Waits until the condition, evaluated on the UI thread, holds. */
    public void waitUntil(String what, BooleanSupplier condition) {
        waitUntil(what, condition, TIMEOUT);
    }

    public void waitUntil(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (syncExec(() -> condition.getAsBoolean())) {
                    return;
                }
                last = null;
            } catch (SWTException | IllegalStateException | IndexOutOfBoundsException e) {
                last = e; // a widget being rebuilt; look again
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for: " + what, last);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Waits until every workflow job of the seeding job has ended. */
    public void joinJobs(String seedingJob) {
        joinJobs(seedingJob, TIMEOUT);
    }

    public void joinJobs(String seedingJob, Duration timeout) {
        Object family = WorkflowJob.family(seedingJob);
        NullProgressMonitor monitor = new NullProgressMonitor();
        Thread waiter = Thread.currentThread();
        Thread watchdog = new Thread(() -> {
            LockSupport.parkNanos(timeout.toNanos());
            monitor.setCanceled(true);
        }, "join watchdog " + seedingJob);
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Job.getJobManager().join(family, monitor);
        } catch (OperationCanceledException e) {
            throw new AssertionError("the jobs of " + seedingJob + " did not end within " + timeout.toSeconds()
                    + " s: " + List.of(Job.getJobManager().find(family)));
        } catch (InterruptedException e) {
            waiter.interrupt();
            throw new AssertionError("interrupted while joining the jobs of " + seedingJob, e);
        } finally {
            watchdog.interrupt();
        }
    }

    /** Cancels every workflow job of the seeding job, as the progress line's cancel button does. */
    public void cancelJobs(String seedingJob) {
        Job.getJobManager().cancel(WorkflowJob.family(seedingJob));
    }

    public Shell activeShell() {
        return syncExec(() -> {
            Shell shell = display.getActiveShell();
            if (shell != null) {
                return shell;
            }
            Shell[] shells = display.getShells();
            for (int i = shells.length - 1; i >= 0; i--) {
                if (shells[i].isVisible()) {
                    return shells[i];
                }
            }
            return null;
        });
    }

    /** The widget whose {@link SeedbenchUi#WIDGET_ID} is {@code id}, in any open shell; waits for it to appear. */
    public <W extends Widget> W widget(Class<W> type, String id) {
        AtomicReference<W> found = new AtomicReference<>();
        waitUntil("a " + type.getSimpleName() + " with id " + id, () -> {
            found.set(find(type, id));
            return found.get() != null;
        });
        return found.get();
    }

    /** The widget with this id, or null; call on the UI thread. */
    public <W extends Widget> W find(Class<W> type, String id) {
        for (Shell shell : display.getShells()) {
            if (!shell.isDisposed() && shell.isVisible()) {
                W w = find(shell, type, id);
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }

    private static <W extends Widget> W find(Control control, Class<W> type, String id) {
        if (type.isInstance(control) && id.equals(control.getData(SeedbenchUi.WIDGET_ID))) {
            return type.cast(control);
        }
        if (control instanceof ToolBar bar && type == ToolItem.class) {
            for (ToolItem item : bar.getItems()) {
                if (id.equals(item.getData(SeedbenchUi.WIDGET_ID)) || id.equals(modelId(item))) {
                    return type.cast(item);
                }
            }
        }
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                W w = find(child, type, id);
                if (w != null) {
                    return w;
                }
            }
        }
        return null;
    }

    /** The model element id of an item an e4 renderer made (its contribution item's or element's id). */
    static String modelId(Item item) {
        Object data = item.getData();
        if (data instanceof IContributionItem ci) {
            return ci.getId();
        }
        Object element = item.getData("modelElement");
        return element instanceof MUIElement e ? e.getElementId() : null;
    }

    /** The tool item with this model element id (e.g. {@link SeedbenchUi#TOOLITEM_STAGE}). */
    public ToolItem toolItem(String elementId) {
        return widget(ToolItem.class, elementId);
    }

    public boolean isEnabled(ToolItem item) {
        return syncExec(() -> !item.isDisposed() && item.isEnabled());
    }

    /** Clicks an enabled tool item (waits for it to be enabled first). */
    public void click(ToolItem item) {
        waitUntil("tool item " + modelIdOf(item) + " is enabled", () -> !item.isDisposed() && item.isEnabled());
        // asynchronously, as a real click: the action may open a modal dialog, whose event loop would block a
        // synchronous call until the dialog closes
        display.asyncExec(() -> {
            if (!item.isDisposed()) {
                Event e = new Event();
                e.widget = item;
                item.notifyListeners(SWT.Selection, e);
            }
        });
    }

    private String modelIdOf(ToolItem item) {
        return syncExec(() -> Objects.toString(modelId(item), item.getToolTipText()));
    }

    /** Clicks an enabled button: a check box toggles first, as a real click does. */
    public void click(Button button) {
        waitUntil("button " + syncExec(button::getText) + " is enabled", () -> !button.isDisposed()
                && button.isEnabled());
        display.asyncExec(() -> { // asynchronously: the button may open or close a modal dialog
            if (button.isDisposed()) {
                return;
            }
            if ((button.getStyle() & (SWT.CHECK | SWT.RADIO | SWT.TOGGLE)) != 0) {
                button.setSelection(!button.getSelection());
            }
            button.notifyListeners(SWT.Selection, new Event());
        });
    }

    /** Types into a text field as a user would: the text is replaced, and Modify listeners hear of it. */
    public void type(Text text, String value) {
        run(() -> {
            text.setFocus();
            text.setText(value); // setText sends SWT.Modify itself
        });
    }

    public String text(Text text) {
        return syncExec(() -> text.getText());
    }

    /**
     * Writes a PNG of the control as it is on the screen (a shell, or a view's control), with its parent folders.
     *
     * @return the file written
     */
    public Path screenshot(Control control, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageData data = syncExec(() -> {
            while (display.readAndDispatch()) {
                // paint what is pending first
            }
            control.update(); // and what the control still owes the screen (a view just brought to the top)
            Rectangle r = control instanceof Shell ? control.getBounds()
                    : display.map(control.getParent(), null, control.getBounds());
            Rectangle screen = display.getBounds().intersection(r);
            if (screen.isEmpty()) {
                return null;
            }
            Image image = new Image(display, screen.width, screen.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, screen.x, screen.y);
                return image.getImageData();
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
        if (data == null) {
            throw new IOException("the control is not on the screen; nothing to capture in " + file);
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] { data };
        org.seedbench.core.support.files.DurableFiles.write(file, false, out -> loader.save(out, SWT.IMAGE_PNG));
        return file;
    }

    /** The folder screenshots go to: {@code -Dseedbench.screenshots}, else {@code target/screenshots}. */
    public static Path screenshotFolder() {
        return Path.of(System.getProperty("seedbench.screenshots", "target/screenshots"));
    }

    /** The visible shells' titles, for failure messages. */
    public List<String> shellTitles() {
        return syncExec(() -> {
            List<String> titles = new ArrayList<>();
            for (Shell s : display.getShells()) {
                if (!s.isDisposed() && s.isVisible()) {
                    titles.add(s.getText());
                }
            }
            return titles;
        });
    }
}
