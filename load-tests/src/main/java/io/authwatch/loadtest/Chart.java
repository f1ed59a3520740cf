package io.authwatch.loadtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Line charts drawn with the JDK alone (java.awt, headless), a few stacked panels in one PNG. */
final class Chart {

    /** One line: its name, colour and points (NaN values leave a gap). */
    record Series(String name, Color color, double[] x, double[] y) {
    }

    /** One panel: a title, axis labels and its lines. */
    record Panel(String title, String xLabel, String yLabel, List<Series> series) {
    }

    static final Color BLUE = new Color(0x1f77b4);
    static final Color ORANGE = new Color(0xff7f0e);
    static final Color GREEN = new Color(0x2ca02c);
    static final Color RED = new Color(0xd62728);
    static final Color GREY = new Color(0x7f7f7f);

    private static final int WIDTH = 1000;
    private static final int PANEL_HEIGHT = 260;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 36;
    private static final int BOTTOM = 44;

    private Chart() {
    }

    static void write(Path file, String heading, List<Panel> panels) throws IOException {
        System.setProperty("java.awt.headless", "true");
        final int height = 40 + PANEL_HEIGHT * Math.max(1, panels.size());
        final BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(heading, LEFT, 26);
            for (int i = 0; i < panels.size(); i++) {
                draw(g, panels.get(i), 40 + i * PANEL_HEIGHT);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(Graphics2D g, Panel panel, int top) {
        final int x0 = LEFT;
        final int y0 = top + TOP;
        final int w = WIDTH - LEFT - RIGHT;
        final int h = PANEL_HEIGHT - TOP - BOTTOM;
        double maxX = 1;
        double maxY = 0;
        for (final Series s : panel.series()) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isNaN(s.y()[i])) {
                    maxX = Math.max(maxX, s.x()[i]);
                    maxY = Math.max(maxY, s.y()[i]);
                }
            }
        }
        maxY = niceCeiling(maxY == 0 ? 1 : maxY * 1.05);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), x0, top + 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int t = 0; t <= 5; t++) {
            final int yy = y0 + h - t * h / 5;
            final int xx = x0 + t * w / 5;
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(x0, yy, x0 + w, yy);
            g.setColor(Color.DARK_GRAY);
            final String yl = label(maxY * t / 5);
            g.drawString(yl, x0 - 8 - g.getFontMetrics().stringWidth(yl), yy + 4);
            final String xl = label(maxX * t / 5);
            g.drawString(xl, xx - g.getFontMetrics().stringWidth(xl) / 2, y0 + h + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, w, h);
        g.drawString(panel.xLabel(), x0 + w / 2 - g.getFontMetrics().stringWidth(panel.xLabel()) / 2, y0 + h + 32);
        final Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(panel.yLabel(), -(y0 + h / 2 + rotated.getFontMetrics().stringWidth(panel.yLabel()) / 2), 16);
        rotated.dispose();
        int legendX = x0 + w;
        for (int k = panel.series().size() - 1; k >= 0; k--) {
            final Series s = panel.series().get(k);
            legendX -= g.getFontMetrics().stringWidth(s.name()) + 34;
            g.setColor(s.color());
            g.fillRect(legendX, top + 13, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), legendX + 22, top + 19);
        }
        g.setStroke(new BasicStroke(1.6f));
        for (final Series s : panel.series()) {
            g.setColor(s.color());
            final Path2D path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isNaN(s.y()[i])) {
                    pen = false;
                    continue;
                }
                final double px = x0 + s.x()[i] / maxX * w;
                final double py = y0 + h - s.y()[i] / maxY * h;
                if (pen) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    pen = true;
                }
            }
            g.draw(path);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static double niceCeiling(double v) {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (final double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double v) {
        if (v >= 10_000) {
            return String.format("%.0fk", v / 1000);
        }
        return v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}
