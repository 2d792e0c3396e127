import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

/**
 * Draws the workbench's icons, one glyph a command on a 16-unit grid, in one palette and one stroke: 16 px and
 * 32 px PNGs with their HiDPI {@code @2x} variants (SWT and JFace take {@code name@2x.png} by themselves).
 * Run once from the repository's root when a glyph changes, and commit what it writes:
 * {@code java releng/icons/MakeIcons.java bundles/org.seedbench.ui/icons}
 */
public class MakeIcons {
    static final Color INK = new Color(0x2b, 0x45, 0x6e);
    static final Color BLUE = new Color(0x2f, 0x7d, 0xd1);
    static final Color GREEN = new Color(0x2e, 0x9d, 0x4f);
    static final Color RED = new Color(0xd0, 0x3b, 0x32);
    static final Color ORANGE = new Color(0xe3, 0x8b, 0x1d);
    static final Color PAPER = new Color(0xf4, 0xf6, 0xfa);

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bundles/org.seedbench.ui/icons");
        Map<String, Consumer<Graphics2D>> glyphs = new LinkedHashMap<>();
        glyphs.put("stage", g -> { // into the staging tray
            tray(g);
            arrowDown(g, GREEN, 8, 1.5, 9);
        });
        glyphs.put("refresh", g -> {
            g.setColor(BLUE);
            g.setStroke(stroke(1.8));
            g.draw(new Arc2D.Double(2.5, 2.5, 11, 11, 60, 280, Arc2D.OPEN));
            fill(g, BLUE, 9.5, 0.5, 15, 4.5, 10.5, 7.5);
        });
        glyphs.put("seedvault", g -> { // a safe with its dial
            box(g, 1.5, 2.5, 13, 11.5);
            g.setColor(BLUE);
            g.setStroke(stroke(1.5));
            g.draw(new Ellipse2D.Double(5, 5, 6, 6));
            g.draw(new Line2D.Double(8, 6.5, 8, 8));
            g.setColor(INK);
            g.fill(new Rectangle2D.Double(3, 14, 2, 1.5));
            g.fill(new Rectangle2D.Double(11, 14, 2, 1.5));
        });
        glyphs.put("backup", g -> {
            cloud(g);
            arrowUp(g, GREEN, 8, 6, 15);
        });
        glyphs.put("restore", g -> {
            cloud(g);
            arrowDown(g, BLUE, 8, 5.5, 15);
        });
        glyphs.put("verify", g -> { // a shield with a tick
            Path2D shield = new Path2D.Double();
            shield.moveTo(8, 1);
            shield.lineTo(14, 3.5);
            shield.curveTo(14, 9.5, 11.5, 13, 8, 15);
            shield.curveTo(4.5, 13, 2, 9.5, 2, 3.5);
            shield.closePath();
            g.setColor(PAPER);
            g.fill(shield);
            g.setColor(INK);
            g.setStroke(stroke(1.2));
            g.draw(shield);
            tick(g, GREEN);
        });
        glyphs.put("cleanup", g -> { // a broom
            g.setColor(INK);
            g.setStroke(stroke(1.6));
            g.draw(new Line2D.Double(13.5, 1.5, 8, 8));
            Path2D head = new Path2D.Double();
            head.moveTo(6, 6.5);
            head.lineTo(9.5, 10);
            head.lineTo(6, 15);
            head.lineTo(1, 10);
            head.closePath();
            g.setColor(ORANGE);
            g.fill(head);
            g.setColor(INK);
            g.setStroke(stroke(1));
            g.draw(head);
            g.draw(new Line2D.Double(3, 12, 5.5, 9.5));
            g.draw(new Line2D.Double(5, 14, 7.5, 11.5));
        });
        glyphs.put("canceljob", g -> {
            g.setColor(RED);
            g.setStroke(stroke(2));
            g.draw(new Ellipse2D.Double(2, 2, 12, 12));
            g.draw(new Line2D.Double(4.2, 11.8, 11.8, 4.2));
        });
        glyphs.put("reopenjob", g -> { // a document coming back
            page(g);
            g.setColor(GREEN);
            g.setStroke(stroke(1.6));
            g.draw(new Arc2D.Double(5, 6, 7, 7, 90, 270, Arc2D.OPEN));
            fill(g, GREEN, 7, 4, 10, 6.5, 7, 9);
        });
        glyphs.put("deletejob", g -> { // a bin
            g.setColor(INK);
            g.setStroke(stroke(1.4));
            g.draw(new Line2D.Double(2, 3.5, 14, 3.5));
            g.draw(new Rectangle2D.Double(6, 1.2, 4, 2.3));
            Path2D bin = new Path2D.Double();
            bin.moveTo(3.5, 4.5);
            bin.lineTo(12.5, 4.5);
            bin.lineTo(11.5, 15);
            bin.lineTo(4.5, 15);
            bin.closePath();
            g.setColor(RED);
            g.fill(bin);
            g.setColor(INK);
            g.draw(bin);
            g.setColor(PAPER);
            g.draw(new Line2D.Double(6.5, 7, 6.7, 12.5));
            g.draw(new Line2D.Double(9.5, 7, 9.3, 12.5));
        });
        glyphs.put("editjob", g -> { // a pencil on a page
            page(g);
            g.setStroke(stroke(2.4));
            g.setColor(ORANGE);
            g.draw(new Line2D.Double(14, 4, 7, 11));
            fill(g, INK, 5.5, 14, 6, 10.5, 8.8, 13);
        });
        glyphs.put("newJob", g -> {
            page(g);
            plus(g, GREEN, 11, 11);
        });
        glyphs.put("prepareDrives", g -> { // a drive with its light
            box(g, 1, 4, 14, 8);
            g.setColor(INK);
            g.setStroke(stroke(1));
            g.draw(new Line2D.Double(3, 9.5, 9, 9.5));
            g.setColor(GREEN);
            g.fill(new Ellipse2D.Double(11, 8.3, 2.4, 2.4));
        });
        glyphs.put("updateShipping", g -> { // a truck
            g.setColor(ORANGE);
            g.fill(new Rectangle2D.Double(0.5, 4, 9.5, 7.5));
            g.setColor(BLUE);
            Path2D cab = new Path2D.Double();
            cab.moveTo(10.5, 6);
            cab.lineTo(13.5, 6);
            cab.lineTo(15.5, 9);
            cab.lineTo(15.5, 11.5);
            cab.lineTo(10.5, 11.5);
            cab.closePath();
            g.fill(cab);
            g.setColor(INK);
            g.fill(new Ellipse2D.Double(2, 10.5, 3.5, 3.5));
            g.fill(new Ellipse2D.Double(11, 10.5, 3.5, 3.5));
        });
        glyphs.put("signInAzure", g -> { // a key
            g.setColor(ORANGE);
            g.setStroke(stroke(1.8));
            g.draw(new Ellipse2D.Double(1.5, 4.5, 6, 6));
            g.draw(new Line2D.Double(7.5, 7.5, 14.5, 7.5));
            g.draw(new Line2D.Double(12.5, 7.5, 12.5, 10.5));
            g.draw(new Line2D.Double(14.5, 7.5, 14.5, 10));
        });
        glyphs.put("exit", g -> { // a door and the way out
            g.setColor(INK);
            g.setStroke(stroke(1.4));
            g.draw(new Line2D.Double(9, 4, 9, 1.5));
            g.draw(new Line2D.Double(9, 1.5, 2, 1.5));
            g.draw(new Line2D.Double(2, 1.5, 2, 14.5));
            g.draw(new Line2D.Double(2, 14.5, 9, 14.5));
            g.draw(new Line2D.Double(9, 14.5, 9, 12));
            g.setColor(RED);
            g.setStroke(stroke(1.8));
            g.draw(new Line2D.Double(5.5, 8, 12, 8));
            fill(g, RED, 11, 4.5, 15.5, 8, 11, 11.5);
        });
        glyphs.put("about", g -> {
            g.setColor(BLUE);
            g.fill(new Ellipse2D.Double(1, 1, 14, 14));
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Double(7, 3.3, 2, 2));
            g.fill(new RoundRectangle2D.Double(7, 6.5, 2, 6.5, 1, 1));
        });
        glyphs.put("preferences", g -> { // a gear
            g.setColor(INK);
            for (int i = 0; i < 8; i++) {
                Graphics2D t = (Graphics2D) g.create();
                t.rotate(Math.PI / 4 * i, 8, 8);
                t.fill(new Rectangle2D.Double(6.8, 0.8, 2.4, 3.5));
                t.dispose();
            }
            g.fill(new Ellipse2D.Double(2.8, 2.8, 10.4, 10.4));
            g.setColor(PAPER);
            g.fill(new Ellipse2D.Double(5.8, 5.8, 4.4, 4.4));
        });
        glyphs.put("plugins", g -> { // a plug
            g.setColor(INK);
            g.setStroke(stroke(1.6));
            g.draw(new Line2D.Double(6, 1, 6, 5));
            g.draw(new Line2D.Double(10, 1, 10, 5));
            g.setColor(BLUE);
            g.fill(new RoundRectangle2D.Double(3.5, 5, 9, 5.5, 2, 2));
            g.setColor(INK);
            g.setStroke(stroke(1.8));
            g.draw(new Line2D.Double(8, 10.5, 8, 15));
        });
        Files.createDirectories(out.resolve("16"));
        Files.createDirectories(out.resolve("32"));
        for (Map.Entry<String, Consumer<Graphics2D>> e : glyphs.entrySet()) {
            write(out.resolve("16/" + e.getKey() + ".png"), 1, e.getValue());
            write(out.resolve("16/" + e.getKey() + "@2x.png"), 2, e.getValue());
            write(out.resolve("32/" + e.getKey() + ".png"), 2, e.getValue());
            write(out.resolve("32/" + e.getKey() + "@2x.png"), 4, e.getValue());
        }
        System.out.println("MakeIcons: " + glyphs.size() + " icons, 4 sizes each, in " + out);
    }

    static void write(Path file, int scale, Consumer<Graphics2D> glyph) throws IOException {
        int size = 16 * scale;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
        glyph.accept(g);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    static BasicStroke stroke(double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static void fill(Graphics2D g, Color c, double... xy) {
        Path2D p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        g.setColor(c);
        g.fill(p);
    }

    static void box(Graphics2D g, double x, double y, double w, double h) {
        RoundRectangle2D r = new RoundRectangle2D.Double(x, y, w, h, 2.5, 2.5);
        g.setColor(PAPER);
        g.fill(r);
        g.setColor(INK);
        g.setStroke(stroke(1.2));
        g.draw(r);
    }

    static void page(Graphics2D g) {
        Path2D p = new Path2D.Double();
        p.moveTo(2.5, 1);
        p.lineTo(9.5, 1);
        p.lineTo(12.5, 4);
        p.lineTo(12.5, 15);
        p.lineTo(2.5, 15);
        p.closePath();
        g.setColor(PAPER);
        g.fill(p);
        g.setColor(INK);
        g.setStroke(stroke(1.1));
        g.draw(p);
    }

    static void tray(Graphics2D g) {
        g.setColor(INK);
        g.setStroke(stroke(1.5));
        Path2D p = new Path2D.Double();
        p.moveTo(1.5, 9.5);
        p.lineTo(1.5, 14.5);
        p.lineTo(14.5, 14.5);
        p.lineTo(14.5, 9.5);
        g.draw(p);
    }

    static void cloud(Graphics2D g) {
        g.setColor(new Color(0xc9, 0xdd, 0xf2));
        Path2D c = new Path2D.Double();
        c.append(new Ellipse2D.Double(1, 5, 6, 6), false);
        c.append(new Ellipse2D.Double(4, 2, 8, 8), false);
        c.append(new Ellipse2D.Double(9, 5, 6, 6), false);
        c.append(new Rectangle2D.Double(4, 7, 8, 4), false);
        g.fill(c);
        g.setColor(INK);
        g.setStroke(stroke(1));
        g.draw(new Arc2D.Double(1, 5, 6, 6, 90, 180, Arc2D.OPEN));
        g.draw(new Arc2D.Double(4, 2, 8, 8, 20, 140, Arc2D.OPEN));
        g.draw(new Arc2D.Double(9, 5, 6, 6, -90, 180, Arc2D.OPEN));
        g.draw(new Line2D.Double(4, 11, 6, 11));
        g.draw(new Line2D.Double(10, 11, 12, 11));
    }

    static void arrowDown(Graphics2D g, Color c, double x, double top, double bottom) {
        g.setColor(c);
        g.setStroke(stroke(2));
        g.draw(new Line2D.Double(x, top, x, bottom - 3));
        fill(g, c, x - 3.5, bottom - 4, x + 3.5, bottom - 4, x, bottom);
    }

    static void arrowUp(Graphics2D g, Color c, double x, double top, double bottom) {
        g.setColor(c);
        g.setStroke(stroke(2));
        g.draw(new Line2D.Double(x, top + 3, x, bottom));
        fill(g, c, x - 3.5, top + 4, x + 3.5, top + 4, x, top);
    }

    static void tick(Graphics2D g, Color c) {
        g.setColor(c);
        g.setStroke(stroke(2));
        Path2D p = new Path2D.Double();
        p.moveTo(4.5, 8);
        p.lineTo(7, 10.5);
        p.lineTo(11.5, 5.5);
        g.draw(p);
    }

    static void plus(Graphics2D g, Color c, double x, double y) {
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(x - 4.5, y - 4.5, 9, 9));
        g.setColor(c);
        g.fill(new Ellipse2D.Double(x - 4, y - 4, 8, 8));
        g.setColor(Color.WHITE);
        g.setStroke(stroke(1.6));
        g.draw(new Line2D.Double(x - 2.2, y, x + 2.2, y));
        g.draw(new Line2D.Double(x, y - 2.2, x, y + 2.2));
    }
}
