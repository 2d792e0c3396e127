package org.seedbench.ui.tests;

import java.util.Arrays;

import org.eclipse.swt.widgets.Label;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ISeries;
import org.seedbench.ui.parts.ChartsPart;
import org.seedbench.ui.testsupport.UiDriver;

/** The Charts view: the values of its charts' series as they are drawn now, and the lines above them. */
final class ChartsViewBot {
    private final UiDriver driver;

    ChartsViewBot(UiDriver driver) {
        this.driver = driver.showing(ChartsPart.PART_CHARTS);
        this.driver.widget(Chart.class, ChartsPart.ID_THROUGHPUT);
    }

    /** The y values of a series of the chart with widget id {@code chart}; empty when the chart has no such series. */
    double[] y(String chart, String series) {
        return driver.syncExec(() -> {
            ISeries<?> s = driver.find(Chart.class, chart).getSeriesSet().getSeries(series);
            return s == null || s.getYSeries() == null ? new double[0] : s.getYSeries().clone();
        });
    }

    /** How many points of the throughput chart show bytes moving (above 0 MB/s). */
    long movingPoints() {
        return Arrays.stream(y(ChartsPart.ID_THROUGHPUT, ChartsPart.SERIES_THROUGHPUT)).filter(v -> v > 0).count();
    }

    void waitForMovingPoints(int count) {
        driver.waitUntil("the throughput chart shows " + count + " points above 0 MB/s", () -> movingPoints() >= count);
    }

    /** The line above a chart (its widget id), e.g. {@link ChartsPart#ID_VAULT_TEXT}. */
    String text(String id) {
        return driver.syncExec(() -> driver.find(Label.class, id).getText());
    }
}
