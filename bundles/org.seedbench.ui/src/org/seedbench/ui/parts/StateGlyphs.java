package org.seedbench.ui.parts;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageDataProvider;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.seedbench.ui.parts.Trip.Mark;

/**
 * The Jobs view's state icons, drawn in code: a 16-point disc in the colour of how the job stands ({@link Mark}, the
 * Trip view's colours) with a white sign — a dot for a Draft, an arrow under way, a tick when done, an exclamation
 * mark with errors, a cross when expired, a bar when cancelled. Drawn for each zoom (HiDPI) with a smooth edge;
 * one image per mark and display, disposed with the display.
 */
final class StateGlyphs {
    static final int SIZE = 16;
    private static final String KEY = StateGlyphs.class.getName();

    private StateGlyphs() {
    }

    /** The icon of a mark on this display. */
    static Image image(Display display, Mark mark) {
        @SuppressWarnings("unchecked")
        Map<Mark, Image> images = (Map<Mark, Image>) display.getData(KEY);
        if (images == null) {
            Map<Mark, Image> made = new EnumMap<>(Mark.class);
            display.setData(KEY, made);
            display.disposeExec(() -> made.values().forEach(Image::dispose));
            images = made;
        }
        return images.computeIfAbsent(mark, m -> new Image(display, (ImageDataProvider) zoom -> draw(display, m,
                SIZE * zoom / 100)));
    }

    /**
     * The glyph at {@code px} pixels: the disc and the sign are each drawn white on black with GC's anti-aliasing,
     * and those two masks give the alpha (the disc) and the blend from the mark's colour to white (the sign).
     */
    static ImageData draw(Display display, Mark mark, int px) {
        ImageData disc = mask(display, px, gc -> gc.fillOval(0, 0, px, px));
        ImageData sign = mask(display, px, gc -> sign(gc, mark, px));
        RGB colour = TimelinePart.colour(mark);
        ImageData out = new ImageData(px, px, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        out.alphaData = new byte[px * px];
        for (int y = 0; y < px; y++) {
            for (int x = 0; x < px; x++) {
                int white = level(sign, x, y);
                int r = colour.red + (255 - colour.red) * white / 255;
                int g = colour.green + (255 - colour.green) * white / 255;
                int b = colour.blue + (255 - colour.blue) * white / 255;
                out.setPixel(x, y, (r << 16) | (g << 8) | b);
                out.alphaData[y * px + x] = (byte) level(disc, x, y);
            }
        }
        return out;
    }

    private static void sign(GC gc, Mark mark, int px) {
        double u = px / 16.0;
        gc.setLineWidth((int) Math.max(2, Math.round(2 * u)));
        gc.setLineCap(SWT.CAP_ROUND);
        switch (mark) {
            case DRAFT -> gc.fillOval(p(5.5, u), p(5.5, u), p(5, u), p(5, u));
            case ACTIVE -> gc.fillPolygon(new int[] { p(6, u), p(4, u), p(12, u), p(8, u), p(6, u), p(12, u) });
            case DONE -> gc.drawPolyline(new int[] { p(4.5, u), p(8.5, u), p(7, u), p(11, u), p(11.5, u), p(5, u) });
            case WARNING -> {
                gc.drawLine(p(8, u), p(3.5, u), p(8, u), p(9, u));
                gc.fillOval(p(6.8, u), p(10.8, u), p(2.4, u), p(2.4, u));
            }
            case FAILED -> {
                gc.drawLine(p(5, u), p(5, u), p(11, u), p(11, u));
                gc.drawLine(p(11, u), p(5, u), p(5, u), p(11, u));
            }
            case CANCELLED -> gc.drawLine(p(4.5, u), p(8, u), p(11.5, u), p(8, u));
        }
    }

    private static int p(double v, double unit) {
        return (int) Math.round(v * unit);
    }

    private static ImageData mask(Display display, int px, java.util.function.Consumer<GC> drawing) {
        Image image = new Image(display, px, px);
        GC gc = new GC(image);
        try {
            gc.setBackground(display.getSystemColor(SWT.COLOR_BLACK));
            gc.fillRectangle(0, 0, px, px);
            gc.setAntialias(SWT.ON);
            Color white = display.getSystemColor(SWT.COLOR_WHITE);
            gc.setBackground(white);
            gc.setForeground(white);
            drawing.accept(gc);
        } finally {
            gc.dispose();
        }
        try {
            return image.getImageData();
        } finally {
            image.dispose();
        }
    }

    /** The grey level (0–255) of a white-on-black mask's pixel. */
    private static int level(ImageData mask, int x, int y) {
        RGB rgb = mask.palette.getRGB(mask.getPixel(x, y));
        return (rgb.red + rgb.green + rgb.blue) / 3;
    }
}
