package org.seedbench.ui.parts;

import java.util.function.Function;

import org.eclipse.jface.viewers.CellLabelProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.OwnerDrawLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.ViewerCell;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.seedbench.ui.parts.Trip.Mark;

/**
 * Table cells that show a bar behind their text (JFace's {@link OwnerDrawLabelProvider}): how full a drive is, how
 * far the datacenter has copied it, how far a job's running step or datacenter copy has come. What a cell shows is
 * also kept on its row, for tests and accessibility: the text as the item's text, the fraction under
 * {@link #DATA_FRACTION} + the column's header (a {@link Double} 0–1, absent when the cell has no bar).
 */
final class BarCells {
    /** The row's data key prefix of a bar's fraction; the suffix is the column's header. */
    static final String DATA_FRACTION = "org.seedbench.ui.bar.";
    /** The row's data key of the glyph its state column shows ({@link Mark#glyph()}). */
    static final String DATA_GLYPH = "org.seedbench.ui.glyph";

    private BarCells() {
    }

    /**
     * A cell with text, a bar behind it ({@code fraction} null: none) and a state glyph before it ({@code glyph}
     * null: none). The cell draws its glyph itself: GTK leaves a native image out of a selected row of a table that
     * draws its own cells.
     */
    static final class Provider<T> extends OwnerDrawLabelProvider {
        private final Class<T> type;
        private final String header;
        private final Function<T, String> text;
        private final Function<T, Color> foreground;
        private final Function<T, Double> fraction;
        private final Function<T, Mark> glyph;

        Provider(Class<T> type, String header, Function<T, String> text, Function<T, Color> foreground,
                Function<T, Double> fraction, Function<T, Mark> glyph) {
            this.type = type;
            this.header = header;
            this.text = text;
            this.foreground = foreground;
            this.fraction = fraction;
            this.glyph = glyph;
        }

        private String text(Object element) {
            String s = type.isInstance(element) ? text.apply(type.cast(element)) : null;
            return s == null ? "" : s;
        }

        private Double fraction(Object element) {
            Double f = type.isInstance(element) && fraction != null ? fraction.apply(type.cast(element)) : null;
            return f == null || f.isNaN() ? null : Math.max(0, Math.min(1, f));
        }

        private Mark glyph(Object element) {
            return type.isInstance(element) && glyph != null ? glyph.apply(type.cast(element)) : null;
        }

        @Override
        public void update(ViewerCell cell) {
            Object element = cell.getElement();
            cell.setText(text(element));
            cell.setForeground(type.isInstance(element) ? foreground.apply(type.cast(element)) : null);
            Mark mark = glyph(element);
            cell.setImage(mark == null ? null : StateGlyphs.image(cell.getControl().getDisplay(), mark));
            if (glyph != null) {
                cell.getItem().setData(DATA_GLYPH, mark == null ? null : mark.glyph());
            }
            if (fraction != null) {
                cell.getItem().setData(DATA_FRACTION + header, fraction(element));
            }
            super.update(cell);
        }

        @Override
        protected void measure(Event event, Object element) {
            // as the table measures the cell's text and image
        }

        @Override
        protected void erase(Event event, Object element) {
            super.erase(event, element);
            event.detail &= ~SWT.FOREGROUND; // the text and glyph are painted over the bar
        }

        @Override
        protected void paint(Event event, Object element) {
            TableItem item = (TableItem) event.item;
            Rectangle cell = item.getBounds(event.index);
            GC gc = event.gc;
            Double f = fraction(element);
            if (f != null) {
                Rectangle bar = new Rectangle(cell.x + 2, cell.y + 2, Math.max(0, cell.width - 4), cell.height - 4);
                Color oldBackground = gc.getBackground();
                int oldAlpha = gc.getAlpha();
                gc.setAlpha(110);
                gc.setBackground(new Color(TimelinePart.colour(f >= 1 ? Mark.DONE : Mark.ACTIVE)));
                gc.fillRectangle(bar.x, bar.y, (int) Math.round(bar.width * f), bar.height);
                gc.setAlpha(oldAlpha);
                gc.setForeground(item.getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
                gc.drawRectangle(bar.x, bar.y, bar.width - 1, bar.height - 1);
                gc.setBackground(oldBackground);
            }
            int x = cell.x + 6;
            Mark mark = glyph(element);
            if (mark != null) {
                Image image = StateGlyphs.image(item.getDisplay(), mark);
                int size = image.getBounds().height;
                gc.drawImage(image, cell.x + 4, cell.y + (cell.height - size) / 2);
                x = cell.x + 4 + size + 4;
            }
            String s = text(element);
            Point extent = gc.textExtent(s);
            boolean selected = item.getParent().isSelected(item.getParent().indexOf(item));
            gc.setForeground(selected ? item.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION_TEXT)
                    : item.getForeground(event.index));
            gc.drawText(s, x, cell.y + (cell.height - extent.y) / 2, true);
        }
    }

    /**
     * Draws a bar behind the text of an existing column, whose label provider keeps giving the text and its colour:
     * the column's text stays what it was.
     */
    static <T> void bar(TableViewer viewer, Class<T> type, String header, Function<T, Double> fraction) {
        over(viewer, type, header, fraction, null);
    }

    /** A new column with a bar, at {@code index}. */
    static <T> TableViewerColumn add(TableViewer viewer, int index, Class<T> type, String header, int width,
            Function<T, String> text, Function<T, Double> fraction) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT, index);
        c.getColumn().setText(header);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new Provider<>(type, header, text, t -> null, fraction, null));
        return c;
    }

    /** Puts the glyph of each row's state before the text of an existing column (its text stays what it was). */
    static <T> void glyphs(TableViewer viewer, Class<T> type, String header, Function<T, Mark> mark) {
        over(viewer, type, header, null, mark);
    }

    /** Draws the cells of an existing column, with the text and colour its label provider gives. */
    private static <T> void over(TableViewer viewer, Class<T> type, String header, Function<T, Double> fraction,
            Function<T, Mark> mark) {
        int index = index(viewer.getTable(), header);
        CellLabelProvider was = viewer.getLabelProvider(index);
        ColumnLabelProvider labels = was instanceof ColumnLabelProvider c ? c : new ColumnLabelProvider();
        new TableViewerColumn(viewer, viewer.getTable().getColumn(index)).setLabelProvider(
                new Provider<>(type, header, labels::getText, labels::getForeground, fraction, mark));
    }

    static int index(Table table, String header) {
        TableColumn[] columns = table.getColumns();
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].getText().equals(header)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + header);
    }
}
