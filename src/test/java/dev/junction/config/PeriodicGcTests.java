package dev.junction.config;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;
import java.util.ArrayList;

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
		FakeVm vm = new FakeVm(true, VMOption.Origin.DEFAULT);
		assertThat(PeriodicGc.apply(Duration.ofSeconds(30), vm)).isEqualTo(Outcome.APPLIED);
		assertThat(vm.getVMOption(PeriodicGc.INTERVAL).getValue()).isEqualTo("30000");
	}

	@Test
	void intervalTheOperatorSetShouldBeLeftAlone() {
		FakeVm vm = new FakeVm(true, VMOption.Origin.VM_CREATION);
		assertThat(PeriodicGc.apply(Duration.ofSeconds(30), vm)).isEqualTo(Outcome.ALREADY_SET);
		assertThat(vm.getVMOption(PeriodicGc.INTERVAL).getValue()).isEqualTo("0");
		assertThat(vm.sets).isEmpty();
	}

	@Test
	void otherCollectorShouldBeLeftAlone() {
		FakeVm vm = new FakeVm(false, VMOption.Origin.DEFAULT);
		assertThat(PeriodicGc.apply(Duration.ofSeconds(30), vm)).isEqualTo(Outcome.NOT_G1);
		assertThat(vm.sets).isEmpty();
	}

	@Test
	void zeroIntervalShouldChangeNothing() {
		FakeVm vm = new FakeVm(true, VMOption.Origin.DEFAULT);
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

	/**
	 * A JVM's diagnostic bean with two flags.
	 */
	private static final class FakeVm implements HotSpotDiagnosticMXBean {

		private final Map<String, VMOption> options = new HashMap<>();

		final List<String> sets = new ArrayList<>();

		FakeVm(boolean g1, VMOption.Origin intervalOrigin) {
			this.options.put("UseG1GC",
					new VMOption("UseG1GC", Boolean.toString(g1), false, VMOption.Origin.ERGONOMIC));
			this.options.put(PeriodicGc.INTERVAL, new VMOption(PeriodicGc.INTERVAL, "0", true, intervalOrigin));
		}

		@Override
		public VMOption getVMOption(String name) {
			VMOption option = this.options.get(name);
			if (option == null) {
				throw new IllegalArgumentException(name);
			}
			return option;
		}

		@Override
		public void setVMOption(String name, String value) {
			this.sets.add(name);
			this.options.put(name, new VMOption(name, value, true, VMOption.Origin.MANAGEMENT));
		}

		@Override
		public List<VMOption> getDiagnosticOptions() {
			return List.copyOf(this.options.values());
		}

		@Override
		public void dumpHeap(String outputFile, boolean live) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ObjectName getObjectName() {
			throw new UnsupportedOperationException();
		}

	}

}
