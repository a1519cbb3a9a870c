package dev.junction.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.junction.config.PeriodicGc.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PeriodicGc}: G1's periodic collection is set when the JVM runs G1 and nobody set
 * it, and left alone otherwise.
 */
class PeriodicGcTests {

	@Test
	void unsetIntervalOnG1ShouldBeSet() {
		FakeDiagnosticVm vm = vm(true, VMOption.Origin.DEFAULT);
		assertThat(PeriodicGc.apply(Duration.ofSeconds(30), vm)).isEqualTo(Outcome.APPLIED);
		assertThat(vm.getVMOption(PeriodicGc.INTERVAL).getValue()).isEqualTo("30000");
	}

	@Test
	void intervalTheOperatorSetShouldBeLeftAlone() {
		FakeDiagnosticVm vm = vm(true, VMOption.Origin.VM_CREATION);
		assertThat(PeriodicGc.apply(Duration.ofSeconds(30), vm)).isEqualTo(Outcome.ALREADY_SET);
		assertThat(vm.getVMOption(PeriodicGc.INTERVAL).getValue()).isEqualTo("0");
		assertThat(vm.sets).isEmpty();
	}

	@Test
	void otherCollectorShouldBeLeftAlone() {
		FakeDiagnosticVm vm = vm(false, VMOption.Origin.DEFAULT);
		assertThat(PeriodicGc.apply(Duration.ofSeconds(30), vm)).isEqualTo(Outcome.NOT_G1);
		assertThat(vm.sets).isEmpty();
	}

	@Test
	void zeroIntervalShouldChangeNothing() {
		FakeDiagnosticVm vm = vm(true, VMOption.Origin.DEFAULT);
		assertThat(PeriodicGc.apply(Duration.ZERO, vm)).isEqualTo(Outcome.DISABLED);
		assertThat(vm.sets).isEmpty();
	}

	@Test
	void runningJvmShouldAcceptTheFlagWhenItRunsG1() {
		HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		boolean g1 = Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue());
		boolean unset = vm.getVMOption(PeriodicGc.INTERVAL).getOrigin() == VMOption.Origin.DEFAULT;
		Outcome outcome = PeriodicGc.apply(Duration.ofMillis(3_600_123), vm);
		// The real flag is manageable: setting it neither throws nor is refused.
		if (g1 && unset) {
			assertThat(outcome).isEqualTo(Outcome.APPLIED);
			assertThat(vm.getVMOption(PeriodicGc.INTERVAL).getValue()).isEqualTo("3600123");
			assertThat(vm.getVMOption(PeriodicGc.INTERVAL).getOrigin()).isEqualTo(VMOption.Origin.MANAGEMENT);
		}
		else {
			assertThat(outcome).isIn(Outcome.NOT_G1, Outcome.ALREADY_SET);
		}
	}

	private static FakeDiagnosticVm vm(boolean g1, VMOption.Origin intervalOrigin) {
		return new FakeDiagnosticVm().with("UseG1GC", Boolean.toString(g1), VMOption.Origin.ERGONOMIC)
			.with(PeriodicGc.INTERVAL, "0", intervalOrigin);
	}

}
