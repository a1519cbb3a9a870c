package dev.junction.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import javax.management.MBeanServerFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.junction.config.NativeHeapTrim.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NativeHeapTrim}: scheduled when the JVM has the command and does not trim by
 * itself; the command runs.
 */
class NativeHeapTrimTests {

	private final HotSpotDiagnosticMXBean platformVm = ManagementFactory
		.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

	@Test
	void jvmTrimmingByItselfShouldBeLeftAlone() {
		assertThat(NativeHeapTrim.check(Duration.ofMinutes(1), ManagementFactory.getPlatformMBeanServer(),
				trimFlag(VMOption.Origin.VM_CREATION)))
			.isEqualTo(Outcome.ALREADY_SET);
	}

	@Test
	void zeroIntervalShouldNotTrim() {
		assertThat(NativeHeapTrim.check(Duration.ZERO, ManagementFactory.getPlatformMBeanServer(), this.platformVm))
			.isEqualTo(Outcome.DISABLED);
		assertThat(NativeHeapTrim.start(Duration.ZERO, ManagementFactory.getPlatformMBeanServer(), this.platformVm))
			.isNull();
	}

	@Test
	void serverWithoutTheCommandShouldNotTrim() {
		assertThat(NativeHeapTrim.check(Duration.ofMinutes(1), MBeanServerFactory.newMBeanServer(),
				trimFlag(VMOption.Origin.DEFAULT)))
			.isEqualTo(Outcome.UNAVAILABLE);
	}

	@Test
	void jvmWithTheCommandShouldTrimWhenAsked() {
		NativeHeapTrim trim = NativeHeapTrim.start(Duration.ofHours(1), ManagementFactory.getPlatformMBeanServer(),
				trimFlag(VMOption.Origin.DEFAULT));
		// This JDK (17.0.9 or later) has System.trim_native_heap.
		assertThat(trim).isNotNull();
		try {
			assertThat(trim.trim()).isTrue();
		}
		finally {
			trim.close();
		}
	}

	/**
	 * A JVM whose {@code TrimNativeHeapInterval} has the given origin.
	 */
	private static FakeDiagnosticVm trimFlag(VMOption.Origin origin) {
		return new FakeDiagnosticVm().with(NativeHeapTrim.JVM_INTERVAL,
				(origin == VMOption.Origin.DEFAULT) ? "0" : "60000", origin);
	}

}
