package dev.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, user plus system, from {@code /proc/<pid>/stat}.
 */
final class ProcessCpu {

	/** USER_HZ: the unit of utime and stime on Linux, 100 on every common kernel. */
	private static final double TICKS_PER_SECOND = 100.0;

	private ProcessCpu() {
	}

	/**
	 * Seconds of CPU used by the process, or {@code -1} when there is no such process.
	 */
	static double seconds(long pid) {
		if (pid <= 0) {
			return -1;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// The command name may hold spaces; fields are counted from after its ")".
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long utime = Long.parseLong(fields[11]);
			long stime = Long.parseLong(fields[12]);
			return (utime + stime) / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
