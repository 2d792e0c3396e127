package org.seedbench.ui.parts;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.seedbench.ui.SeedbenchUi;

/** Table viewers over records and their text columns, and the parts' refresh while their table lives. */
public final class ViewerColumns {
    private ViewerColumns() {
    }

    /** A scrolling table viewer with headers and lines, found by tests under {@code id}. */
    public static TableViewer table(Composite parent, String id) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(SeedbenchUi.WIDGET_ID, id);
        return viewer;
    }

    /**
     * Runs {@code action} on the UI thread every {@code millis}, first {@code millis} from now, for as long as the
     * viewer's table lives: a closed part's disposed table stops it.
     */
    static void every(TableViewer viewer, int millis, Runnable action) {
        Control control = viewer.getControl();
        control.getDisplay().timerExec(millis, new Runnable() {
            @Override
            public void run() {
                if (!control.isDisposed()) {
                    action.run();
                    control.getDisplay().timerExec(millis, this);
                }
            }
        });
    }

    public static <T> TableViewerColumn add(TableViewer viewer, Class<T> type, String title, int width,
            Function<T, String> text) {
        return add(viewer, type, title, width, text, t -> null);
    }

    static <T> TableViewerColumn add(TableViewer viewer, Class<T> type, String title, int width,
            Function<T, String> text, Function<T, Color> foreground) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String s = text.apply(type.cast(element));
                return s == null ? "" : s;
            }

            @Override
            public Color getForeground(Object element) {
                Color c = foreground.apply(type.cast(element));
                return c != null ? c : rowForeground(viewer, element);
            }
        });
        return c;
    }

    /** The viewer data key of a whole row's colour ({@link #rowForeground(TableViewer, Function)}). */
    private static final String ROW_FOREGROUND = "org.seedbench.ui.rowForeground";
    /** Pixels a cell needs beside its text and image, and a header beside its title (GTK's padding and sort room). */
    static final int CELL_MARGIN = 16;
    static final int HEADER_MARGIN = 24;

    /** Colours a whole row (where a column gives no colour of its own), e.g. an Expired job in red. */
    static <T> void rowForeground(TableViewer viewer, Class<T> type, Function<T, Color> color) {
        viewer.setData(ROW_FOREGROUND, (Function<Object, Color>) e -> type.isInstance(e) ? color.apply(type.cast(e))
                : null);
    }

    @SuppressWarnings("unchecked")
    private static Color rowForeground(TableViewer viewer, Object element) {
        Object f = viewer.getData(ROW_FOREGROUND);
        return f instanceof Function<?, ?> color ? ((Function<Object, Color>) color).apply(element) : null;
    }

    /**
     * Widens each column that is narrower than its header or one of its cells (text and image) needs, so nothing
     * shows cut off; a column the user made wider stays as wide.
     */
    static void fit(TableViewer viewer) {
        Table table = viewer.getTable();
        if (table.isDisposed()) {
            return;
        }
        GC gc = new GC(table);
        try {
            TableColumn[] columns = table.getColumns();
            for (int i = 0; i < columns.length; i++) {
                gc.setFont(table.getFont());
                int needed = gc.textExtent(columns[i].getText()).x + HEADER_MARGIN;
                for (TableItem item : table.getItems()) {
                    gc.setFont(item.getFont(i));
                    Image image = item.getImage(i);
                    needed = Math.max(needed, gc.textExtent(item.getText(i)).x + CELL_MARGIN
                            + (image == null ? 0 : image.getBounds().width + 4));
                }
                if (columns[i].getWidth() < needed) {
                    columns[i].setWidth(needed);
                }
            }
        } finally {
            gc.dispose();
        }
    }
}
