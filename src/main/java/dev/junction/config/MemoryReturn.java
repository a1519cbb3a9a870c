package dev.junction.config;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Makes the node give back what a burst grew: G1's periodic collection for the heap
 * ({@link PeriodicGc}) and a periodic trim of the C heap ({@link NativeHeapTrim}), as
 * {@code junction.memory.*} configures them.
 */
class MemoryReturn implements SmartInitializingSingleton, DisposableBean {

	private final MemoryProperties properties;

	private @Nullable NativeHeapTrim trim;

	MemoryReturn(MemoryProperties properties) {
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		PeriodicGc.applyAndLog(this.properties.getPeriodicGcInterval(), vm);
		this.trim = NativeHeapTrim.start(this.properties.getTrimNativeHeapInterval(),
				ManagementFactory.getPlatformMBeanServer(), vm);
	}

	@Override
	public void destroy() {
		NativeHeapTrim started = this.trim;
		if (started != null) {
			started.close();
		}
	}

}
