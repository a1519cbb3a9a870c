package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time a process has used so far, user plus system, from {@code /proc/<pid>/stat},
 * with that of its descendants: the living ones' own, and the exited ones' as their
 * parent's {@code cutime} and {@code cstime}. Servers that fork a process per connection
 * (socat) are measured whole; for the others the children add nothing.
 */
final class ProcessCpu {

	/** USER_HZ: the unit of utime and stime on Linux, 100 on every common kernel. */
	private static final double TICKS_PER_SECOND = 100.0;

	private ProcessCpu() {
	}

	/**
	 * Seconds of CPU used by the process and its descendants, or {@code -1} when there is
	 * no such process.
	 */
	static double seconds(long pid) {
		if (pid <= 0) {
			return -1;
		}
		try {
			return ticks(pid) / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static long ticks(long pid) throws IOException {
		long total = 0;
		// Children first: one that exits meanwhile is then found in the parent's cutime.
		for (long child : children(pid)) {
			try {
				total += ticks(child);
			}
			catch (IOException ex) {
				// Gone already: counted in this process's cutime and cstime below.
			}
		}
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		// The command name may hold spaces; fields are counted from after its ")".
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		for (int field = 11; field <= 14; field++) {
			// utime, stime, cutime, cstime
			total += Long.parseLong(fields[field]);
		}
		return total;
	}

	private static List<Long> children(long pid) throws IOException {
		List<Long> children = new ArrayList<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					for (String child : Files.readString(task.resolve("children")).trim().split(" ")) {
						if (!child.isEmpty()) {
							children.add(Long.parseLong(child));
						}
					}
				}
				catch (IOException ex) {
					// The thread ended while listing.
				}
			}
		}
		return children;
	}

}
