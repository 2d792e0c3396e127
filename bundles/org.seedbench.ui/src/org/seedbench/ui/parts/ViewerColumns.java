package org.seedbench.ui.parts;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.seedbench.ui.SeedbenchUi;

/** Table viewers over records and their text columns. */
final class ViewerColumns {
    private ViewerColumns() {
    }

    /** A scrolling table viewer with headers and lines, found by tests under {@code id}. */
    static TableViewer table(Composite parent, String id) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getTable().setData(SeedbenchUi.WIDGET_ID, id);
        return viewer;
    }

    static <T> TableViewerColumn add(TableViewer viewer, Class<T> type, String title, int width,
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
