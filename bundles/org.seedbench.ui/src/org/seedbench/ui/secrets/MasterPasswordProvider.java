package org.seedbench.ui.secrets;

import java.util.Arrays;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * The password provider of Seedbench's secure storage (extension {@code org.eclipse.equinox.security.secureStorage}):
 * asks the user for the master password with a {@link MasterPasswordDialog}, twice when the storage is new. Without
 * a display nothing is asked and the storage stays locked. Tests give the password with {@code -eclipse.password FILE}
 * or the {@code IProviderHints.DEFAULT_PASSWORD} option instead.
 */
public class MasterPasswordProvider extends PasswordProvider {

    @Override
    public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
        boolean create = (passwordType & CREATE_NEW_PASSWORD) != 0;
        // created by the extension registry, outside any e4 context: the display is the workbench's
        Display display = Display.getCurrent() != null ? Display.getCurrent() : Display.getDefault();
        if (display == null || display.isDisposed()) {
            return null;
        }
        char[][] typed = new char[1][];
        display.syncExec(() -> typed[0] = ask(display, create));
        if (typed[0] == null) {
            return null;
        }
        try {
            return new PBEKeySpec(typed[0]);
        } finally {
            Arrays.fill(typed[0], '\0');
        }
    }

    /** Opens the dialog on the UI thread; the password typed, or null when cancelled. */
    static char[] ask(Display display, boolean create) {
        Shell parent = display.getActiveShell();
        MasterPasswordDialog dialog = new MasterPasswordDialog(parent, create);
        return dialog.open() == Window.OK ? dialog.password() : null;
    }

    @Override
    public boolean retryOnError(Exception e, IPreferencesContainer container) {
        return true;
    }
}
