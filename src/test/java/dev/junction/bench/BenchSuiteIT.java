package dev.junction.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import dev.junction.support.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke run of the whole benchmark suite, tiny and short, against the packaged Junction
 * jar and the bare Netty relay, so that the suite cannot rot: every scenario runs, every
 * table and plot is written, and nothing is lost, duplicated or reordered. The cluster
 * scenarios run on one node and on two nodes in Redis cluster mode, on the test Redis. No
 * timing is asserted.
 */
class BenchSuiteIT {

	private static final Pattern ROW = Pattern.compile("^\\| (junction|bare) \\|.* (\\d+) \\|$", Pattern.MULTILINE);

	private static final Pattern CLUSTER_ROW = Pattern.compile("^\\| (one node|two nodes on Redis) \\|.* (\\d+) \\|$",
			Pattern.MULTILINE);

	@Test
	void quickSuiteShouldWriteEveryTableWithoutFaults() throws Exception {
		Path out = Path.of("target/bench/smoke.md");
		Files.deleteIfExists(out);
		List<Path> plots = Stream.of("s1-saturation-throughput", "s1-saturation-cpu", "s1-saturation-p99", "s5-churn")
			.map((name) -> out.resolveSibling(name + ".png"))
			.toList();
		for (Path plot : plots) {
			Files.deleteIfExists(plot);
		}
		BenchSuite
			.main(new String[] { "--quick", "--servers=junction,bare", "--scenarios=s1,s2,s3,s5", "--out=" + out });
		String report = Files.readString(out);
		List<String> tables = List.of("### S1 saturation, room of 10",
				"### S1 at 50% of the slowest maximum, room of 2", "### S2 tunnel, 1 pair(s), 64 KiB frames",
				"### S3 peer_message latency floor, 1 pair, 1000/s one way",
				"### S3 peer_message, 16 pairs both ways, 200/s per sender", "### S5 churn, 50 connections/s offered");
		assertThat(report).contains(tables);
		Matcher rows = ROW.matcher(report);
		int count = 0;
		while (rows.find()) {
			count++;
			assertThat(rows.group(2)).as(rows.group()).isEqualTo("0");
		}
		assertThat(count).isGreaterThanOrEqualTo(2 * tables.size());
		for (Path plot : plots) {
			assertThat(ImageIO.read(plot.toFile())).as(plot.toString()).isNotNull();
		}
	}

	@Test
	void quickClusterScenariosShouldDeliverEverythingAcrossNodes() throws Exception {
		Path out = Path.of("target/bench/cluster-smoke.md");
		Files.deleteIfExists(out);
		try (TestRedis redis = TestRedis.connect()) {
			BenchSuite.main(new String[] { "--quick", "--scenarios=c1,c2,c3", "--redis=" + redis.uri(),
					"--key-prefix=" + redis.prefix(), "--cluster-configurations=0,2", "--out=" + out });
		}
		String report = Files.readString(out);
		List<String> tables = List.of("### C1 room fan-out over 2 nodes, 10 receivers, 50 messages/s",
				"### C2 topic fan-out over 2 nodes, 10 subscribers, 50 messages/s",
				"### C3 tunnel across 2 nodes, 1 pair(s), 64 KiB frames");
		assertThat(report).contains(tables);
		Matcher rows = CLUSTER_ROW.matcher(report);
		int count = 0;
		while (rows.find()) {
			count++;
			assertThat(rows.group(2)).as(rows.group()).isEqualTo("0");
		}
		assertThat(count).isEqualTo(2 * tables.size());
	}

}
