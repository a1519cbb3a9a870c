package dev.junction.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * A JVM's diagnostic bean with the flags a test gives it, recording which flags are set.
 * Only the flag methods are used by the code under test; heap dumps and the bean's name
 * are not, and refuse.
 */
final class FakeDiagnosticVm implements HotSpotDiagnosticMXBean {

	private final Map<String, VMOption> options = new HashMap<>();

	final List<String> sets = new ArrayList<>();

	FakeDiagnosticVm with(String name, String value, VMOption.Origin origin) {
		this.options.put(name, new VMOption(name, value, true, origin));
		return this;
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
		throw new UnsupportedOperationException("not used by the code under test");
	}

	@Override
	public ObjectName getObjectName() {
		throw new UnsupportedOperationException("not used by the code under test");
	}

}
