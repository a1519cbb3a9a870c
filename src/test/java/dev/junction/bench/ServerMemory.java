package dev.junction.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Memory of a server process, read from outside: RSS and open files from {@code /proc}
 * for any process, and for a HotSpot JVM the live heap and the JVM's native memory
 * through {@code jcmd}.
 *
 * <p>
 * Why these sources: {@code GC.class_histogram} forces a full collection and sums the
 * live objects, the same way for every collector (the layout of {@code GC.heap_info}
 * differs per collector), and it names what the bytes are. Native Memory Tracking
 * ({@code -XX:NativeMemoryTracking=summary} on the server) accounts for everything the
 * JVM itself maps or mallocs; its {@code Other} category is
 * {@code Unsafe.allocateMemory}, which is where both NIO direct buffers and Netty's
 * cleaner-less direct buffers come from, so it is the direct memory (the JMX
 * {@code direct} buffer pool misses Netty's). Memory that native libraries malloc on
 * their own (the epoll transport's) is only in the RSS. JMX would need a JMX port on the
 * server or the attach API in the generator; jcmd needs neither, and only the JDK that
 * runs the generator.
 */
final class ServerMemory {

	private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

	private static final Pattern HISTOGRAM_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

	private static final Pattern NMT_TOTAL = Pattern.compile("(?m)^Total: reserved=(\\d+)KB, committed=(\\d+)KB");

	private static final Pattern NMT_CATEGORY = Pattern
		.compile("(?m)^-\\s+(\\S.*?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

	private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

	private final long pid;

	private final boolean jvm;

	private final String jcmd;

	private boolean tracksNativeMemory = true;

	ServerMemory(long pid, boolean jvm) {
		this.pid = pid;
		this.jvm = jvm;
		Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
		Path sibling = java.resolveSibling("jcmd");
		this.jcmd = Files.isExecutable(sibling) ? sibling.toString() : "jcmd";
	}

	/**
	 * Whether the process runs a HotSpot JVM, judged by {@code libjvm.so} among its
	 * mappings. Only then may jcmd be pointed at it: the attach handshake sends
	 * {@code SIGQUIT}, which would kill most other programs.
	 */
	static boolean isJvm(long pid) {
		try (Stream<String> maps = Files.lines(Path.of("/proc/" + pid + "/maps"))) {
			return maps.anyMatch((line) -> line.endsWith("/libjvm.so"));
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	boolean jvm() {
		return this.jvm;
	}

	/**
	 * Resident set size in bytes, or {@code -1} when there is no such process.
	 */
	long rss() {
		if (this.pid <= 0) {
			return -1;
		}
		try {
			Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc/" + this.pid + "/status")));
			return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Open file descriptors, or {@code -1} when they cannot be listed.
	 */
	long openFiles() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/" + this.pid + "/fd"))) {
			return fds.count();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * The live heap after a full collection, or {@code null} when it cannot be read.
	 */
	@Nullable Histogram histogram() {
		if (!this.jvm) {
			return null;
		}
		return Histogram.parse(jcmd("GC.class_histogram"));
	}

	/**
	 * The JVM's native memory by NMT category, or {@code null} when it cannot be read
	 * (not a JVM, or NMT not enabled; then it is not asked again).
	 */
	@Nullable NativeMemory nativeMemory() {
		if (!this.jvm || !this.tracksNativeMemory) {
			return null;
		}
		NativeMemory nativeMemory = NativeMemory.parse(jcmd("VM.native_memory", "summary"));
		this.tracksNativeMemory = nativeMemory != null;
		return nativeMemory;
	}

	private String jcmd(String... command) {
		String[] arguments = new String[command.length + 2];
		arguments[0] = this.jcmd;
		arguments[1] = Long.toString(this.pid);
		System.arraycopy(command, 0, arguments, 2, command.length);
		try {
			Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
			String output;
			try (InputStream in = process.getInputStream()) {
				output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroy();
				return "";
			}
			return output;
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/**
	 * Live objects by class after a full collection.
	 *
	 * @param liveBytes all live objects' bytes
	 * @param bytesByClass each class's live bytes
	 * @param instancesByClass each class's live instances
	 */
	record Histogram(long liveBytes, Map<String, Long> bytesByClass, Map<String, Long> instancesByClass) {

		static @Nullable Histogram parse(String output) {
			Matcher total = HISTOGRAM_TOTAL.matcher(output);
			if (!total.find()) {
				return null;
			}
			Map<String, Long> bytes = new LinkedHashMap<>();
			Map<String, Long> instances = new LinkedHashMap<>();
			Matcher row = HISTOGRAM_ROW.matcher(output);
			while (row.find()) {
				bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
				instances.merge(row.group(3), Long.parseLong(row.group(1)), Long::sum);
			}
			return new Histogram(Long.parseLong(total.group(2)), bytes, instances);
		}

	}

	/**
	 * NMT's committed bytes: the total, and per category ({@code Java Heap},
	 * {@code Other}, {@code Thread}, …).
	 *
	 * @param committed all committed bytes
	 * @param committedByCategory committed bytes per category
	 */
	record NativeMemory(long committed, Map<String, Long> committedByCategory) {

		static @Nullable NativeMemory parse(String output) {
			Matcher total = NMT_TOTAL.matcher(output);
			if (!total.find()) {
				return null;
			}
			Map<String, Long> categories = new LinkedHashMap<>();
			Matcher category = NMT_CATEGORY.matcher(output);
			while (category.find()) {
				categories.put(category.group(1).trim(), Long.parseLong(category.group(3)) * 1024);
			}
			return new NativeMemory(Long.parseLong(total.group(2)) * 1024, categories);
		}

		long category(String name) {
			return this.committedByCategory.getOrDefault(name, 0L);
		}

		/**
		 * {@code Unsafe.allocateMemory}: direct buffers, Netty's included.
		 */
		long direct() {
			return category("Other");
		}

		long heapCommitted() {
			return category("Java Heap");
		}

		/**
		 * Everything else the JVM commits: class metadata, thread stacks, code cache, GC
		 * structures, symbols, compiler arenas and so on.
		 */
		long jvmNative() {
			return this.committed - heapCommitted() - direct();
		}

	}

}
