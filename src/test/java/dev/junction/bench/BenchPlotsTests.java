package dev.junction.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BenchPlots} and {@link BenchFigures} on fixed data: the PNG decodes, has the
 * figure's size and shows more than a background; degenerate series do not break it.
 */
class BenchPlotsTests {

	@TempDir
	Path directory;

	@Test
	void writeShouldProduceADecodablePngOfTheFigureSizeWithEverySeriesDrawn() throws Exception {
		BenchPlots.Chart chart = new BenchPlots.Chart("room of 10", "offered deliveries/s", "delivered/s",
				List.of(series("junction", 20_000, 19_900, 36_000, 35_800, 64_800, 41_000),
						series("bare", 20_000, 19_950, 36_000, 35_900, 64_800, 52_000)));
		Path file = this.directory.resolve("plots/s1.png");
		BenchPlots.write(new BenchPlots.Figure("S1", "bench.sh --quick", 900, 500, 1, List.of(chart)), file);
		BufferedImage image = ImageIO.read(file.toFile());
		assertThat(image).isNotNull();
		assertThat(image.getWidth()).isEqualTo(900);
		assertThat(image.getHeight()).isEqualTo(500);
		Set<Integer> colours = colours(image);
		assertThat(colours).hasSizeGreaterThan(10);
		// The first two palette colours, for the two series' lines, markers and legend.
		assertThat(colours).contains(0x1f77b4, 0xd62728);
	}

	@Test
	void drawWhenSeriesHaveNoPointOnePointOrNonFiniteValuesShouldStillDrawTheFigure() {
		BenchPlots.Chart chart = new BenchPlots.Chart("degenerate", "x", "y",
				List.of(new BenchPlots.Series("empty", List.of()),
						new BenchPlots.Series("one", List.of(new BenchPlots.Point(5, 5))),
						new BenchPlots.Series("nan",
								List.of(new BenchPlots.Point(Double.NaN, 1),
										new BenchPlots.Point(1, Double.POSITIVE_INFINITY)))),
				List.of(new BenchPlots.Span(4, 6, "abuse")));
		BenchPlots.Chart nothing = new BenchPlots.Chart("nothing", "x", "y", List.of());
		BufferedImage image = BenchPlots
			.draw(new BenchPlots.Figure("degenerate", "", 400, 300, 2, List.of(chart, nothing)));
		assertThat(image.getWidth()).isEqualTo(400);
		assertThat(colours(image)).contains(0xd62728);
	}

	@Test
	void seriesShouldTakeTheMedianOfTheRoundsAtEachOfferedRateInOrder() {
		Map<String, List<Map<String, String>>> servers = new LinkedHashMap<>();
		servers.put("junction", List.of(line(500, 440), line(200, 199), line(500, 470), line(500, 357)));
		List<BenchPlots.Series> series = BenchFigures.series(servers, (line) -> BenchResults.number(line, "rate"),
				(line) -> BenchResults.number(line, "conn/s"));
		assertThat(series).singleElement()
			.satisfies((junction) -> assertThat(junction.points()).containsExactly(new BenchPlots.Point(200, 199),
					new BenchPlots.Point(500, 440)));
	}

	@Test
	void figuresShouldBeWrittenForTheStepsAndTheChurnThatRan() throws Exception {
		BenchResults results = new BenchResults();
		Map<String, String> step = new LinkedHashMap<>(
				Map.of("offered", "20000", "deliveries/s", "19900", "cpuPerDelivery", "13.5"));
		results.addStep("S1 saturation steps, room of 10", "junction", 1, step);
		results.add("S5 churn, 50 connections/s offered", "junction", 1,
				BenchResults.parse("S5 rate=50 conn/s=50 p99=2000us cpuPerConnection=2500.00us"));
		List<Path> files = BenchFigures.write(results, "test", this.directory);
		assertThat(files).extracting((file) -> file.getFileName().toString())
			.containsExactly("s1-saturation-throughput.png", "s1-saturation-cpu.png", "s1-saturation-p99.png",
					"s5-churn.png");
		for (Path file : files) {
			assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(900);
		}
	}

	@Test
	void seriesShouldMarkAStepThatFailedInAnyRoundAsOpen() {
		Map<String, List<Map<String, String>>> servers = new LinkedHashMap<>();
		servers.put("bare", List.of(step(20_000, "true"), step(36_000, "true"), step(36_000, "false")));
		List<BenchPlots.Series> series = BenchFigures.series(servers, (line) -> BenchResults.number(line, "offered"),
				(line) -> BenchResults.number(line, "deliveries/s"));
		assertThat(series.get(0).points()).extracting(BenchPlots.Point::open).containsExactly(false, true);
	}

	@Test
	void axisShouldTickAtRoundStepsAndWidenASinglePoint() {
		assertThat(new PlotAxis(0, 105).ticks()).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0);
		BenchPlots.Chart one = new BenchPlots.Chart("", "x", "y",
				List.of(new BenchPlots.Series("one", List.of(new BenchPlots.Point(50, 5)))));
		assertThat(PlotAxis.of(one, true)).isEqualTo(new PlotAxis(45, 55));
		assertThat(PlotAxis.of(new BenchPlots.Chart("", "x", "y", List.of()), false)).isEqualTo(new PlotAxis(0, 1));
	}

	@Test
	void labelShouldShortenThousandsAndMillions() {
		assertThat(BenchPlots.label(0)).isEqualTo("0");
		assertThat(BenchPlots.label(2.5)).isEqualTo("2.5");
		assertThat(BenchPlots.label(5000)).isEqualTo("5000");
		assertThat(BenchPlots.label(20_000)).isEqualTo("20k");
		assertThat(BenchPlots.label(1_500_000)).isEqualTo("1.5M");
	}

	private static BenchPlots.Series series(String name, double... xy) {
		List<BenchPlots.Point> points = new ArrayList<>();
		for (int i = 0; i < xy.length; i += 2) {
			points.add(new BenchPlots.Point(xy[i], xy[i + 1]));
		}
		return new BenchPlots.Series(name, points);
	}

	private static Map<String, String> step(int offered, String kept) {
		return new LinkedHashMap<>(
				Map.of("offered", Integer.toString(offered), "deliveries/s", Integer.toString(offered), "kept", kept));
	}

	private static Map<String, String> line(int rate, int achieved) {
		return new LinkedHashMap<>(Map.of("rate", Integer.toString(rate), "conn/s", Integer.toString(achieved)));
	}

	private static Set<Integer> colours(BufferedImage image) {
		Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				colours.add(image.getRGB(x, y) & 0xffffff);
			}
		}
		return colours;
	}

}
