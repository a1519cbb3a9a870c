package dev.junction.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Line charts of the suite's own results as PNG, drawn with the JDK alone (headless AWT
 * and {@link ImageIO}): one figure holds a title, a subtitle (the command and date), a
 * legend naming each series once, and one or more panels with axes, tick labels and
 * units. A series keeps its colour in every panel of a figure.
 */
final class BenchPlots {

	static {
		// Benchmarks run on machines without a display.
		System.setProperty("java.awt.headless", "true");
	}

	private static final Color[] PALETTE = { new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
			new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf) };

	private static final Color GRID = new Color(0xe4e4e4);

	private static final Color REFERENCE = new Color(0x999999);

	private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
			new float[] { 6, 4 }, 0);

	private static final Color SPAN = new Color(0xfff1d6);

	private static final int TITLE_HEIGHT = 54;

	private static final int LEGEND_HEIGHT = 24;

	private BenchPlots() {
	}

	/**
	 * Draws a figure of {@code panels} laid out in {@code columns} columns.
	 */
	static BufferedImage draw(Figure figure) {
		BufferedImage image = new BufferedImage(figure.width(), figure.height(), BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, figure.width(), figure.height());
			g.setColor(Color.BLACK);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
			g.drawString(figure.title(), 12, 22);
			g.setColor(Color.DARK_GRAY);
			// A long command line gets a smaller font rather than being cut off.
			for (int size = 11; size >= 7; size--) {
				g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
				if (g.getFontMetrics().stringWidth(figure.subtitle()) <= figure.width() - 24) {
					break;
				}
			}
			g.drawString(figure.subtitle(), 12, 40);
			Map<String, Color> colours = colours(figure.panels());
			legend(g, colours, 12, TITLE_HEIGHT + 4);
			int columns = Math.max(1, figure.columns());
			int rows = Math.max(1, (figure.panels().size() + columns - 1) / columns);
			int top = TITLE_HEIGHT + LEGEND_HEIGHT;
			int panelWidth = figure.width() / columns;
			int panelHeight = (figure.height() - top) / rows;
			for (int i = 0; i < figure.panels().size(); i++) {
				panel(g, figure.panels().get(i), colours, (i % columns) * panelWidth, top + (i / columns) * panelHeight,
						panelWidth, panelHeight);
			}
		}
		finally {
			g.dispose();
		}
		return image;
	}

	/** Draws the figure and writes it as PNG, creating the directory. */
	static void write(Figure figure, Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		if (!ImageIO.write(draw(figure), "png", file.toFile())) {
			throw new IOException("no PNG writer");
		}
	}

	private static Map<String, Color> colours(List<Chart> panels) {
		Map<String, Color> colours = new LinkedHashMap<>();
		for (Chart chart : panels) {
			for (Series series : chart.series()) {
				colours.computeIfAbsent(series.name(),
						(name) -> series.reference() ? REFERENCE : PALETTE[colours.size() % PALETTE.length]);
			}
		}
		return colours;
	}

	private static void legend(Graphics2D g, Map<String, Color> colours, int x, int y) {
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		FontMetrics metrics = g.getFontMetrics();
		int left = x;
		for (Map.Entry<String, Color> entry : colours.entrySet()) {
			boolean reference = entry.getValue() == REFERENCE;
			g.setColor(entry.getValue());
			g.setStroke(reference ? DASHED : new BasicStroke(2.5f));
			g.drawLine(left, y + 8, left + 22, y + 8);
			if (!reference) {
				g.fillOval(left + 8, y + 5, 6, 6);
			}
			g.setColor(Color.BLACK);
			g.drawString(entry.getKey(), left + 28, y + 12);
			left += 28 + metrics.stringWidth(entry.getKey()) + 20;
		}
	}

	private static void panel(Graphics2D g, Chart chart, Map<String, Color> colours, int x, int y, int width,
			int height) {
		int left = x + 70;
		int right = x + width - 16;
		int top = y + 26;
		int bottom = y + height - 44;
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
		centred(g, chart.title(), (left + right) / 2, y + 16);
		PlotAxis xs = PlotAxis.of(chart, true);
		PlotAxis ys = PlotAxis.of(chart, false).fromZero();
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
		for (Span span : chart.spans()) {
			int from = xs.scale(span.from(), left, right);
			int to = xs.scale(span.to(), left, right);
			g.setColor(SPAN);
			g.fillRect(Math.min(from, to), top, Math.abs(to - from), bottom - top);
			g.setColor(Color.GRAY);
			g.drawString(span.label(), Math.min(from, to) + 3, top + 12);
		}
		FontMetrics metrics = g.getFontMetrics();
		for (double tick : xs.ticks()) {
			int px = xs.scale(tick, left, right);
			g.setColor(GRID);
			g.setStroke(new BasicStroke(1f));
			g.drawLine(px, top, px, bottom);
			g.setColor(Color.DARK_GRAY);
			centred(g, label(tick), px, bottom + 14);
		}
		for (double tick : ys.ticks()) {
			int py = ys.scale(tick, bottom, top);
			g.setColor(GRID);
			g.drawLine(left, py, right, py);
			g.setColor(Color.DARK_GRAY);
			String text = label(tick);
			g.drawString(text, left - 6 - metrics.stringWidth(text), py + 4);
		}
		g.setColor(Color.BLACK);
		g.drawLine(left, bottom, right, bottom);
		g.drawLine(left, top, left, bottom);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		centred(g, chart.xLabel(), (left + right) / 2, bottom + 32);
		Graphics2D rotated = (Graphics2D) g.create();
		rotated.rotate(-Math.PI / 2);
		centred(rotated, chart.yLabel(), -(top + bottom) / 2, x + 14);
		rotated.dispose();
		boolean empty = true;
		List<Series> drawn = new ArrayList<>(chart.series());
		drawn.sort(Comparator.comparing((series) -> !series.reference()));
		for (Series series : drawn) {
			List<Point> points = series.finitePoints();
			empty &= points.isEmpty();
			g.setColor(colours.get(series.name()));
			g.setStroke(series.reference() ? DASHED : new BasicStroke(2f));
			Path2D line = new Path2D.Double();
			for (int i = 0; i < points.size(); i++) {
				double px = xs.scale(points.get(i).x(), left, right);
				double py = ys.scale(points.get(i).y(), bottom, top);
				if (i == 0) {
					line.moveTo(px, py);
				}
				else {
					line.lineTo(px, py);
				}
			}
			g.draw(line);
			if (!series.reference()) {
				g.setStroke(new BasicStroke(1.5f));
				for (Point point : points) {
					marker(g, point, xs.scale(point.x(), left, right), ys.scale(point.y(), bottom, top));
				}
			}
		}
		if (empty) {
			g.setColor(Color.GRAY);
			centred(g, "no data", (left + right) / 2, (top + bottom) / 2);
		}
	}

	/** A filled dot, or a hollow one for a point marked open. */
	private static void marker(Graphics2D g, Point point, int x, int y) {
		if (point.open()) {
			Color colour = g.getColor();
			g.setColor(Color.WHITE);
			g.fillOval(x - 4, y - 4, 9, 9);
			g.setColor(colour);
			g.drawOval(x - 4, y - 4, 9, 9);
		}
		else {
			g.fillOval(x - 3, y - 3, 7, 7);
		}
	}

	private static void centred(Graphics2D g, String text, int x, int y) {
		g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
	}

	/** A tick label: 1.5k, 20k, 2M, 0.25. */
	static String label(double value) {
		double magnitude = Math.abs(value);
		if (magnitude >= 1e6) {
			return trim(value / 1e6) + "M";
		}
		if (magnitude >= 1e4) {
			return trim(value / 1e3) + "k";
		}
		return trim(value);
	}

	private static String trim(double value) {
		String text = String.format(Locale.ROOT, "%.2f", value);
		return text.contains(".") ? text.replaceFirst("\\.?0+$", "") : text;
	}

	/**
	 * One figure.
	 *
	 * @param title the headline
	 * @param subtitle the command and date that produced the data
	 * @param width in pixels
	 * @param height in pixels
	 * @param columns panels per row
	 * @param panels the charts, row by row
	 */
	record Figure(String title, String subtitle, int width, int height, int columns, List<Chart> panels) {

	}

	/**
	 * One panel.
	 *
	 * @param title above the panel
	 * @param xLabel the x axis and its unit
	 * @param yLabel the y axis and its unit
	 * @param series the lines, each named in the figure's legend
	 * @param spans shaded ranges of x, labelled
	 */
	record Chart(String title, String xLabel, String yLabel, List<Series> series, List<Span> spans) {

		Chart(String title, String xLabel, String yLabel, List<Series> series) {
			this(title, xLabel, yLabel, series, List.of());
		}

	}

	/**
	 * One line; points that are not finite are left out.
	 *
	 * @param name the legend's name
	 * @param points in the order they are joined
	 * @param reference a grey dashed guide line without markers, drawn under the others
	 */
	record Series(String name, List<Point> points, boolean reference) {

		Series(String name, List<Point> points) {
			this(name, points, false);
		}

		List<Point> finitePoints() {
			return this.points.stream().filter((p) -> Double.isFinite(p.x()) && Double.isFinite(p.y())).toList();
		}

	}

	/**
	 * One point.
	 *
	 * @param x its x value
	 * @param y its y value
	 * @param open drawn as a hollow marker (a step that did not pass, say)
	 */
	record Point(double x, double y, boolean open) {

		Point(double x, double y) {
			this(x, y, false);
		}

	}

	/**
	 * A shaded range of x.
	 *
	 * @param from where it starts
	 * @param to where it ends
	 * @param label written at its top
	 */
	record Span(double from, double to, String label) {

	}

}
