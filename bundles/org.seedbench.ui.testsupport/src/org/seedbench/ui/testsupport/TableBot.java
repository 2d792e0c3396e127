package org.seedbench.ui.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/** A table of a view, read by column header and the first column's text. */
public class TableBot {
    protected final UiDriver driver;
    protected final Table table;

    public TableBot(UiDriver driver, String id) {
        this.driver = driver;
        this.table = driver.widget(Table.class, id);
    }

    public Table table() {
        return table;
    }

    public List<String> headers() {
        return driver.syncExec(() -> Arrays.stream(table.getColumns()).map(TableColumn::getText).toList());
    }

    public int rowCount() {
        return driver.syncExec(table::getItemCount);
    }

    /** Every row's cell texts, top to bottom. */
    public List<List<String>> rows() {
        return driver.syncExec(() -> {
            List<List<String>> rows = new ArrayList<>();
            int columns = Math.max(1, table.getColumnCount());
            for (TableItem item : table.getItems()) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    row.add(item.getText(c));
                }
                rows.add(row);
            }
            return rows;
        });
    }

    /** The text in the row whose first cell is {@code key}, under the column headed {@code header}. */
    public Optional<String> cell(String key, String header) {
        return driver.syncExec(() -> {
            int column = column(header);
            for (TableItem item : table.getItems()) {
                if (item.getText(0).equals(key)) {
                    return Optional.of(item.getText(column));
                }
            }
            return Optional.<String>empty();
        });
    }

    /** Waits until the row of {@code key} shows {@code expected} under {@code header}. */
    public void waitForCell(String key, String header, String expected) {
        driver.waitUntil("row " + key + " shows " + header + " = " + expected + " (now " + describe(key) + ")",
                () -> cell(key, header).filter(expected::equals).isPresent());
    }

    private String describe(String key) {
        return table.isDisposed() ? "disposed" : String.valueOf(driver.syncExec(() -> {
            for (TableItem item : table.getItems()) {
                if (item.getText(0).equals(key)) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < table.getColumnCount(); c++) {
                        cells.add(item.getText(c));
                    }
                    return cells.toString();
                }
            }
            return "no such row";
        }));
    }

    /** The foreground colour of a cell, as a decoration shows it (null when the row is missing). */
    public Color foreground(String key, String header) {
        return driver.syncExec(() -> {
            int column = column(header);
            for (TableItem item : table.getItems()) {
                if (item.getText(0).equals(key)) {
                    return item.getForeground(column);
                }
            }
            return null;
        });
    }

    /** Selects the row whose first cell is {@code key}, as a click on it does; waits for the row to appear. */
    public void select(String key) {
        driver.waitUntil("a row " + key, () -> index(key) >= 0);
        driver.run(() -> {
            int index = index(key);
            table.setFocus();
            table.setSelection(index);
            Event e = new Event();
            e.item = table.getItem(index);
            table.notifyListeners(SWT.Selection, e);
        });
    }

    private int index(String key) {
        TableItem[] items = table.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].getText(0).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private int column(String header) {
        TableColumn[] columns = table.getColumns();
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].getText().equals(header)) {
                return i;
            }
        }
        throw new AssertionError("no column " + header + " in " + Arrays.stream(columns).map(TableColumn::getText)
                .toList());
    }
}
