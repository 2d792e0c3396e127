package org.seedbench.ui.parts;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
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
                return foreground.apply(type.cast(element));
            }
        });
        return c;
    }
}
