package dev.junction.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * An axis of a {@link BenchPlots} chart: its range and its ticks at 1, 2 or 5 times a
 * power of ten.
 *
 * @param min the value at the axis's start
 * @param max the value at its end
 */
record PlotAxis(double min, double max) {

	/** The range of x (spans included) or y over a chart's finite points. */
	static PlotAxis of(BenchPlots.Chart chart, boolean x) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (BenchPlots.Series series : chart.series()) {
			for (BenchPlots.Point point : series.finitePoints()) {
				double value = x ? point.x() : point.y();
				min = Math.min(min, value);
				max = Math.max(max, value);
			}
		}
		for (BenchPlots.Span span : x ? chart.spans() : List.<BenchPlots.Span>of()) {
			min = Math.min(min, Math.min(span.from(), span.to()));
			max = Math.max(max, Math.max(span.from(), span.to()));
		}
		if (min > max) {
			return new PlotAxis(0, 1);
		}
		if (min == max) {
			double pad = (min == 0) ? 1 : Math.abs(min) * 0.1;
			return new PlotAxis(min - pad, max + pad);
		}
		return new PlotAxis(min, max);
	}

	PlotAxis fromZero() {
		return new PlotAxis(Math.min(0, this.min), (this.max > 0) ? this.max * 1.05 : this.max);
	}

	double step() {
		double raw = (this.max - this.min) / 6;
		double power = Math.pow(10, Math.floor(Math.log10(raw)));
		double fraction = raw / power;
		return ((fraction <= 1) ? 1 : (fraction <= 2) ? 2 : (fraction <= 5) ? 5 : 10) * power;
	}

	List<Double> ticks() {
		double step = step();
		List<Double> ticks = new ArrayList<>();
		for (double tick = Math.ceil(this.min / step) * step; tick <= this.max + step * 1e-9; tick += step) {
			ticks.add((Math.abs(tick) < step * 1e-9) ? 0 : tick);
		}
		return ticks;
	}

	int scale(double value, int from, int to) {
		return (int) Math.round(from + (value - this.min) / (this.max - this.min) * (to - from));
	}

}
