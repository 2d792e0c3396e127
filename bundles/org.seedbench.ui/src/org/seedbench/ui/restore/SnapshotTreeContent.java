package org.seedbench.ui.restore;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.seedbench.backup.SnapshotEntry;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.workflow.SnapshotTree;

/**
 * A snapshot's tree in a {@link TreeViewer}: the viewer asks for a folder's items when the folder is opened (nothing
 * is made for closed folders), with the size of each file and of all a folder holds; or, as input
 * {@link Found}, the items a search found, flat, each with its path.
 */
final class SnapshotTreeContent implements ITreeContentProvider {
    /** The items a search by name found. */
    record Found(List<SnapshotEntry> entries) {
    }

    private final Supplier<SnapshotTree> listing;
    private boolean flat;

    private SnapshotTreeContent(Supplier<SnapshotTree> listing) {
        this.listing = listing;
    }

    /** Sets the content provider and the columns Name, Size, Modified on the viewer. */
    static void columns(TreeViewer viewer, Supplier<SnapshotTree> listing) {
        SnapshotTreeContent content = new SnapshotTreeContent(listing);
        viewer.setContentProvider(content);
        column(viewer, "Name", 520, e -> content.flat ? e.path() : name(e));
        column(viewer, "Size", 110, e -> {
            SnapshotTree tree = listing.get();
            return e.type() == WorkloadItem.Type.SYMLINK || tree == null ? "" : Sizes.decimal(tree.size(e.path()));
        });
        column(viewer, "Modified", 160, e -> e.modified() == null ? "" : RestoreBrowser.time(e.modified()));
    }

    /** The item's name; a DPM/MABS datasource's folder also says which datasource it is. */
    private static String name(SnapshotEntry e) {
        String suffix = e.type() == WorkloadItem.Type.DIRECTORY ? "/" : "";
        return SnapshotTree.datasource(e).map(d -> e.name() + "/  (datasource " + d + ")").orElse(e.name() + suffix);
    }

    private static void column(TreeViewer viewer, String title, int width, Function<SnapshotEntry, String> text) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((SnapshotEntry) element);
            }
        });
    }

    @Override
    public Object[] getElements(Object input) {
        flat = input instanceof Found;
        if (input instanceof Found found) {
            return found.entries().toArray();
        }
        return input instanceof SnapshotTree tree ? tree.children("").toArray() : new Object[0];
    }

    @Override
    public Object[] getChildren(Object parent) {
        SnapshotTree tree = listing.get();
        if (flat || tree == null || !(parent instanceof SnapshotEntry e)) {
            return new Object[0];
        }
        return tree.children(e.path()).toArray();
    }

    @Override
    public Object getParent(Object element) {
        SnapshotTree tree = listing.get();
        if (flat || tree == null || !(element instanceof SnapshotEntry e) || e.parent().isEmpty()) {
            return null;
        }
        return tree.entry(e.parent()).orElse(null);
    }

    @Override
    public boolean hasChildren(Object element) {
        SnapshotTree tree = listing.get();
        return !flat && tree != null && element instanceof SnapshotEntry e && e.type() == WorkloadItem.Type.DIRECTORY
                && !tree.children(e.path()).isEmpty();
    }
}
