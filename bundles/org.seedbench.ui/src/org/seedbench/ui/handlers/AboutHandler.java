package org.seedbench.ui.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Shell;

/** Help &gt; About Seedbench: the product, its version, and the bundles it runs with their versions and licences. */
public class AboutHandler {
    @Execute
    public void execute(Shell shell) {
        new AboutDialog(shell).open();
    }
}
