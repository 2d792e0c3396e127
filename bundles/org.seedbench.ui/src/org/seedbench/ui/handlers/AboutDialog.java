package org.seedbench.ui.handlers;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.parts.ViewerColumns;

/**
 * About Seedbench: the product's name and version (the version of its defining bundle, {@code org.seedbench.app},
 * which the product is built with), and every bundle it runs with its version and licence.
 */
public class AboutDialog extends TitleAreaDialog {
    /** The product's name and its defining bundle. */
    public static final String PRODUCT = "Seedbench";
    public static final String PRODUCT_BUNDLE = "org.seedbench.app";
    /** Widget ids: the version line and the table of bundles. */
    public static final String ID_VERSION = "org.seedbench.ui.about.version";
    public static final String ID_BUNDLES = "org.seedbench.ui.about.bundles";

    /** A bundle as the dialog lists it. */
    public record Row(String name, String id, String version, String licence) {
    }

    private LocalResourceManager resources;

    public AboutDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("About " + PRODUCT);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        resources = new LocalResourceManager(JFaceResources.getResources(), area);
        setTitle(PRODUCT + " " + version());
        setMessage("Offline backup seeding: stage, ship on drives, seed the vault, then back up over the network.");
        ImageDescriptor logo = ImageDescriptor.createFromURL(
                FrameworkUtil.getBundle(AboutDialog.class).getEntry("icons/32/about.png"));
        setTitleImage(resources.create(logo));
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(1, false));
        Label version = new Label(c, SWT.WRAP);
        version.setText("Version " + version() + " (" + PRODUCT_BUNDLE + "), on Java " + System.getProperty(
                "java.version") + ". Eclipse parts are under the Eclipse Public License 2.0 (EPL-2.0); the libraries "
                + "under the licences listed with them.");
        version.setData(SeedbenchUi.WIDGET_ID, ID_VERSION);
        GridData vd = new GridData(SWT.FILL, SWT.TOP, true, false);
        vd.widthHint = 640;
        version.setLayoutData(vd);
        TableViewer bundles = ViewerColumns.table(c, ID_BUNDLES);
        ViewerColumns.add(bundles, Row.class, "Bundle", 300, Row::id);
        ViewerColumns.add(bundles, Row.class, "Version", 190, Row::version);
        ViewerColumns.add(bundles, Row.class, "Licence", 150, Row::licence);
        bundles.setContentProvider(ArrayContentProvider.getInstance());
        bundles.setInput(rows());
        for (org.eclipse.swt.widgets.TableColumn column : bundles.getTable().getColumns()) {
            column.pack(); // each column as wide as what it shows
        }
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true);
        td.heightHint = 320;
        bundles.getTable().setLayoutData(td);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    /** The product's version: its defining bundle's, else this bundle's. */
    public static String version() {
        Bundle self = FrameworkUtil.getBundle(AboutDialog.class);
        if (self == null) {
            return "unknown";
        }
        return Arrays.stream(self.getBundleContext().getBundles()).filter(b -> PRODUCT_BUNDLE.equals(
                b.getSymbolicName())).findFirst().orElse(self).getVersion().toString();
    }

    /** Every installed bundle, by symbolic name. */
    public static List<Row> rows() {
        Bundle self = FrameworkUtil.getBundle(AboutDialog.class);
        if (self == null) {
            return List.of();
        }
        return Arrays.stream(self.getBundleContext().getBundles()).filter(b -> b.getSymbolicName() != null)
                .map(b -> new Row(b.getHeaders("").get(Constants.BUNDLE_NAME), b.getSymbolicName(),
                        b.getVersion().toString(), licence(b.getSymbolicName(), b.getHeaders("").get(
                                "Bundle-License"))))
                .sorted(Comparator.comparing(Row::id)).toList();
    }

    /**
     * The bundle's licence: its {@code Bundle-License} header (a known licence by its SPDX name), else by whose it
     * is: Eclipse's EPL-2.0, Apache's and OSGi's Apache-2.0.
     */
    static String licence(String symbolicName, String header) {
        if (symbolicName.startsWith("bc") || symbolicName.startsWith("org.bouncycastle")) {
            return "MIT (Bouncy Castle)";
        }
        if (symbolicName.startsWith("com.sun.jna")) {
            return "Apache-2.0 or LGPL-2.1";
        }
        if (symbolicName.startsWith("com.ibm.icu")) {
            return "Unicode-3.0";
        }
        if (symbolicName.equals("com.h2database")) {
            return "MPL-2.0 or EPL-1.0";
        }
        if (header != null && !header.isBlank()) {
            String h = header.toLowerCase(Locale.ROOT);
            if (h.contains("apache")) {
                return "Apache-2.0";
            }
            if (h.contains("epl-2.0") || h.contains("epl-v20") || h.contains("epl-v2")) {
                return "EPL-2.0";
            }
            if (h.contains("epl-1.0") || h.contains("epl-v10")) {
                return "EPL-1.0";
            }
            if (h.contains("mit")) {
                return "MIT";
            }
            if (h.contains("bsd")) {
                return "BSD";
            }
            return header.split("[;,]")[0].strip();
        }
        if (symbolicName.startsWith("org.eclipse.") || symbolicName.equals("system.bundle")) {
            return "EPL-2.0";
        }
        if (symbolicName.startsWith("org.apache.") || symbolicName.startsWith("org.osgi.")) {
            return "Apache-2.0";
        }
        if (symbolicName.startsWith("org.seedbench.")) {
            return PRODUCT;
        }
        return "see the bundle";
    }
}
