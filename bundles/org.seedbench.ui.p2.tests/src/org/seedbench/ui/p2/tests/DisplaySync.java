package org.seedbench.ui.p2.tests;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Display;

/** UISynchronize on an SWT display: in the workbench E4 provides it, a plain SWT test has no workbench. */
public final class DisplaySync extends UISynchronize {
    private final Display display;

    public DisplaySync(Display display) {
        this.display = display;
    }

    @Override
    public void syncExec(Runnable r) {
        display.syncExec(r);
    }

    @Override
    public void asyncExec(Runnable r) {
        display.asyncExec(r);
    }

    @Override
    protected boolean isUIThread(Thread thread) {
        return display.getThread() == thread;
    }

    @Override
    protected void showBusyWhile(Runnable r) {
        r.run();
    }

    @Override
    protected boolean dispatchEvents() {
        return display.readAndDispatch();
    }
}
