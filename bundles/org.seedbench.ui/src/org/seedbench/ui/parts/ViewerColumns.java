package org.seedbench.ui.parts;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/** Text columns of a table viewer over records. */
final class ViewerColumns {
    private ViewerColumns() {
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
