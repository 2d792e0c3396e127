package org.seedbench.ui.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.IWindowCloseHandler;

/**
 * File &gt; Exit (Ctrl+Q): closes the workbench as closing its window does, asking the window's close handler first;
 * e4 keeps the window's size and layout for the next start.
 */
public class ExitHandler {
    @Execute
    public void execute(IWorkbench workbench, @Optional MWindow window) {
        IWindowCloseHandler close = window == null || window.getContext() == null ? null
                : window.getContext().get(IWindowCloseHandler.class);
        if (close == null || close.close(window)) {
            workbench.close();
        }
    }
}
