package dev.junction.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChurnTimeline} on fixed data and on counters it is handed: the printed line
 * reads back, the plot decodes at the figure's size with every series drawn, and a sample
 * takes the interval's counts, rates and handshakes.
 */
class ChurnTimelineTests {

	@TempDir
	Path directory;

	@Test
	void plotShouldWriteADecodablePngOfTheFigureSizeWithEverySeriesDrawn() throws Exception {
		List<ChurnTimeline.Sample> samples = new ArrayList<>();
		for (int i = 1; i <= 60; i++) {
			samples.add(new ChurnTimeline.Sample(i * 10, 199 + (i % 3), (i == 30) ? 4 : 0, 1200 + i * 5,
					30_000 + i * 100, (300L + i % 5) * 1048576, 16 + i % 4, 40 + i % 7));
		}
		Path file = this.directory.resolve("plots/s5-churn-10min.png");
		ChurnTimeline.plot(samples, 200, 64, "LoadGenerator --scenario=s5 --rate=200   2026-12-07T18:00:00Z", file);
		BufferedImage image = ImageIO.read(file.toFile());
		assertThat(image).isNotNull();
		assertThat(image.getWidth()).isEqualTo(1000);
		assertThat(image.getHeight()).isEqualTo(1050);
		Set<Integer> colours = colours(image);
		assertThat(colours).hasSizeGreaterThan(10);
		// completed, failed, then (after the grey guide of the offered rate, which takes
		// its turn in the palette) p50, p99, server CPU, RSS, open files.
		assertThat(colours).contains(0x1f77b4, 0xd62728, 0x999999, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf);
	}

	@Test
	void figureShouldHaveAPanelPerQuantityWithTheSamplesAsPoints() {
		List<ChurnTimeline.Sample> samples = List.of(new ChurnTimeline.Sample(10, 200, 0, 1500, 20_000, -1, -1, -1),
				new ChurnTimeline.Sample(20, 150, 50, -1, -1, 2 * 1048576, 17, 55.5));
		BenchPlots.Figure figure = ChurnTimeline.figure(samples, 200, 64, "cmd");
		assertThat(figure.panels()).extracting(BenchPlots.Chart::title)
			.containsExactly("connections per second", "handshake p50", "handshake p99", "server CPU", "server RSS",
					"server open files");
		assertThat(figure.panels().get(0).series()).extracting(BenchPlots.Series::name)
			.containsExactly("completed", "failed", "offered");
		assertThat(figure.panels().get(0).series().get(1).points()).containsExactly(new BenchPlots.Point(10, 0),
				new BenchPlots.Point(20, 50));
		// Unknown values (-1) are left out of the lines, not drawn as -1.
		assertThat(figure.panels().get(2).series().get(0).finitePoints()).containsExactly(new BenchPlots.Point(10, 20));
		assertThat(figure.panels().get(4).series().get(0).finitePoints()).containsExactly(new BenchPlots.Point(20, 2));
		assertThat(figure.panels().get(5).series().get(0).finitePoints()).containsExactly(new BenchPlots.Point(20, 17));
		// The offered rate spans the samples, as every other line does.
		assertThat(figure.panels().get(0).series().get(2).points()).containsExactly(new BenchPlots.Point(10, 200),
				new BenchPlots.Point(20, 200));
	}

	@Test
	void sampleLineShouldReadBackAndKeepTheResultLinePrefixFree() {
		ChurnTimeline.Sample sample = new ChurnTimeline.Sample(10, 199.5, 0.5, 1234, 56_789, 300 * 1048576L, 16, 42.5);
		String line = sample.toString();
		assertThat(line).isEqualTo("churn-sample t=10.0s completed/s=199.5 failed/s=0.5 p50=1234us p99=56789us "
				+ "rssMB=300.0 openFiles=16 serverCpuPct=42.5");
		// The suite takes the generator's last line starting with "S" as its result.
		assertThat(line).doesNotStartWith("S");
		assertThat(ChurnTimeline.Sample.parse(line)).isEqualTo(sample);
	}

	@Test
	void endShouldSampleTheCountsAndHandshakesOfTheIntervalAsRates() {
		AtomicLong completed = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		Histogram handshakes = new Histogram(3);
		List<String> lines = new CopyOnWriteArrayList<>();
		// Started two seconds ago, never scheduled: end() takes the one sample.
		ChurnTimeline timeline = new ChurnTimeline(ProcessHandle.current().pid(), System.nanoTime() - 2_000_000_000L,
				completed::get, failed::get, () -> {
					Histogram copy = handshakes.copy();
					handshakes.reset();
					return copy;
				}, lines::add);
		completed.set(400);
		failed.set(10);
		for (int i = 1; i <= 100; i++) {
			handshakes.recordValue(i * 1000L);
		}
		List<ChurnTimeline.Sample> samples = timeline.end();
		assertThat(samples).singleElement().satisfies((sample) -> {
			assertThat(sample.second()).isBetween(2.0, 60.0);
			assertThat(sample.completedPerSecond()).isBetween(400 / 60.0, 200.0);
			assertThat(sample.failedPerSecond()).isBetween(10 / 60.0, 5.0);
			assertThat(sample.p50Micros()).isBetween(49_000L, 51_000L);
			assertThat(sample.p99Micros()).isBetween(98_000L, 100_000L);
			// This JVM stands in for the server.
			assertThat(sample.rssBytes()).isPositive();
			assertThat(sample.openFiles()).isPositive();
			assertThat(sample.serverCpuPercent()).isGreaterThanOrEqualTo(0);
		});
		assertThat(lines).containsExactly(samples.get(0).toString());
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
