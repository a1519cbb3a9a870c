package dev.junction.bench;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link ServerMemory} reads jcmd's output and tells JVMs from other processes.
 */
class ServerMemoryTests {

	@Test
	void histogramShouldGiveTheLiveTotalAndEachClass() {
		ServerMemory.Histogram histogram = ServerMemory.Histogram.parse("""
				10224:
				 num     #instances         #bytes  class name (module)
				-------------------------------------------------------
				   1:         38597        2464712  [B (java.base@17.0.15)
				   2:         37178         892272  java.lang.String (java.base@17.0.15)
				2022:             1             16  tools.jackson.databind.ser.std.ToStringSerializer
				Total        225436        9693808
				""");
		assertThat(histogram).isNotNull();
		assertThat(histogram.liveBytes()).isEqualTo(9693808);
		assertThat(histogram.bytesByClass()).containsEntry("[B", 2464712L)
			.containsEntry("java.lang.String", 892272L)
			.containsEntry("tools.jackson.databind.ser.std.ToStringSerializer", 16L);
		assertThat(histogram.instancesByClass()).containsEntry("[B", 38597L);
	}

	@Test
	void nativeMemoryShouldSplitDirectFromTheRest() {
		ServerMemory.NativeMemory nativeMemory = ServerMemory.NativeMemory.parse("""
				10224:

				Native Memory Tracking:

				(Omitting categories weighting less than 1KB)

				Total: reserved=7864952KB, committed=520916KB
				       malloc: 30512KB #151520
				       mmap:   reserved=7834440KB, committed=490404KB

				-                 Java Heap (reserved=6172672KB, committed=397312KB)
				                            (mmap: reserved=6172672KB, committed=397312KB)

				-                    Thread (reserved=21560KB, committed=1048KB)
				                            (thread #21)

				-                     Other (reserved=3850KB, committed=3850KB)
				                            (malloc=3850KB #2) (at peak)

				-    Native Memory Tracking (reserved=2393KB, committed=2393KB)
				""");
		assertThat(nativeMemory).isNotNull();
		assertThat(nativeMemory.committed()).isEqualTo(520916L * 1024);
		assertThat(nativeMemory.heapCommitted()).isEqualTo(397312L * 1024);
		assertThat(nativeMemory.direct()).isEqualTo(3850L * 1024);
		assertThat(nativeMemory.jvmNative()).isEqualTo((520916L - 397312 - 3850) * 1024);
		assertThat(nativeMemory.category("Native Memory Tracking")).isEqualTo(2393L * 1024);
	}

	@Test
	void outputWithoutTotalsShouldGiveNothing() {
		assertThat(ServerMemory.Histogram.parse("1234:\ncom.sun.tools.attach.AttachNotSupportedException")).isNull();
		assertThat(ServerMemory.NativeMemory.parse("1234:\nNative memory tracking is not enabled")).isNull();
	}

	@Test
	void onlyJvmsShouldBeTakenForJvms() throws Exception {
		assertThat(ServerMemory.isJvm(ProcessHandle.current().pid())).isTrue();
		Process sleep = new ProcessBuilder("sleep", "30").start();
		try {
			assertThat(ServerMemory.isJvm(sleep.pid())).isFalse();
			assertThat(new ServerMemory(sleep.pid(), false).rss()).isPositive();
			assertThat(new ServerMemory(sleep.pid(), false).histogram()).isNull();
		}
		finally {
			sleep.destroy();
			sleep.waitFor(5, TimeUnit.SECONDS);
		}
	}

}
