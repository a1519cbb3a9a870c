package dev.junction.observability;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import dev.junction.core.Connection;
import dev.junction.core.ConnectionRegistry;
import dev.junction.core.Frame;
import dev.junction.core.NodeCounters;
import dev.junction.core.RelayEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

/**
 * Records {@link RelayEvents} as the meters of {@link JunctionMeters}. Meters are created
 * once per tag combination and cached, so recording a frame is a map lookup and an
 * increment.
 */
public class JunctionMetrics implements RelayEvents {

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> active = new ConcurrentHashMap<>();

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, FrameMeters> frameMeters = new ConcurrentHashMap<>();

	public JunctionMetrics(MeterRegistry registry, ConnectionRegistry connections, NodeCounters nodeCounters) {
		this.registry = registry;
		gauge(JunctionMeters.DRAINING, Tags.empty(), nodeCounters, (n) -> n.draining().get() ? 1 : 0);
		gauge(JunctionMeters.OUTBOUND_QUEUED_MESSAGES, Tags.empty(), connections,
				(all) -> all.all().stream().mapToLong(Connection::queuedMessages).sum());
		gauge(JunctionMeters.OUTBOUND_QUEUED_BYTES, Tags.empty(), connections,
				(all) -> all.all().stream().mapToLong(Connection::pendingBytes).sum());
		allocatorGauges(ByteBufAllocator.DEFAULT);
	}

	/**
	 * The memory of the allocator the server's channels use (Reactor Netty sets none of
	 * its own, so it is Netty's default: the adaptive allocator in Netty 4.2, or the one
	 * {@code -Dio.netty.allocator.type} names).
	 */
	private void allocatorGauges(ByteBufAllocator allocator) {
		if (allocator instanceof ByteBufAllocatorMetricProvider provider) {
			bytesGauge(JunctionMeters.NETTY_USED_DIRECT_MEMORY, provider, (p) -> p.metric().usedDirectMemory());
			bytesGauge(JunctionMeters.NETTY_USED_HEAP_MEMORY, provider, (p) -> p.metric().usedHeapMemory());
		}
	}

	private <T> void bytesGauge(JunctionMeters meter, T state, ToDoubleFunction<T> value) {
		Gauge.builder(meter.meterName(), state, value)
			.description(meter.description())
			.baseUnit(BaseUnits.BYTES)
			.register(this.registry);
	}

	@Override
	public void opened(String protocol) {
		activeCount(protocol).incrementAndGet();
		counter(JunctionMeters.CONNECTIONS_OPENED, "protocol", protocol).increment();
	}

	@Override
	public void closed(String protocol, int code) {
		activeCount(protocol).decrementAndGet();
		counter(JunctionMeters.CONNECTIONS_CLOSED, "protocol", protocol, "close.code", closeCodeTag(code)).increment();
	}

	/**
	 * The {@code close.code} tag of a close: the registered codes (1000 to 1015) and
	 * Junction's own 4409 as themselves, and everything else, which a client may choose
	 * freely from 3000 to 4999, as {@code other}, so that no client can add series.
	 * @param code the close code
	 * @return the tag value
	 */
	static String closeCodeTag(int code) {
		return ((code >= 1000 && code <= 1015) || code == 4409) ? Integer.toString(code) : "other";
	}

	@Override
	public void received(String protocol, Frame.Kind kind, int bytes) {
		frameMeters(protocol).received(kind, bytes);
	}

	@Override
	public void sent(String protocol, Frame.Kind kind, int bytes, long queuedNanos) {
		frameMeters(protocol).sent(kind, bytes, queuedNanos);
	}

	@Override
	public void refused(String reason) {
		counter(JunctionMeters.UPGRADES_REFUSED, "reason", tagValue(reason)).increment();
	}

	@Override
	public void authenticationRefused(String reason) {
		counter(JunctionMeters.AUTH_REFUSALS, "reason", tagValue(reason)).increment();
	}

	@Override
	public void limitHit(String limit) {
		counter(JunctionMeters.LIMIT_HITS, "limit", limit).increment();
	}

	private FrameMeters frameMeters(String protocol) {
		// Hot path: one lookup of a cached hash per frame, then array indexing.
		FrameMeters meters = this.frameMeters.get(protocol);
		return (meters != null) ? meters
				: this.frameMeters.computeIfAbsent(protocol, (key) -> new FrameMeters(this.registry, key));
	}

	/**
	 * Show a protocol's active connections, at zero, before its first connection.
	 * @param protocol the protocol's name
	 */
	public void expect(String protocol) {
		activeCount(protocol);
	}

	/**
	 * Register a live count as {@code junction_groups_active} of a kind.
	 * @param kind the {@code kind} tag
	 * @param value the count
	 */
	public void groups(String kind, Supplier<Number> value) {
		Gauge.builder(JunctionMeters.GROUPS_ACTIVE.meterName(), value)
			.description(JunctionMeters.GROUPS_ACTIVE.description())
			.tag("kind", kind)
			.strongReference(true)
			.register(this.registry);
	}

	private AtomicLong activeCount(String protocol) {
		return this.active.computeIfAbsent(protocol, (key) -> {
			AtomicLong count = new AtomicLong();
			gauge(JunctionMeters.CONNECTIONS_ACTIVE, Tags.of("protocol", key), count, AtomicLong::get);
			return count;
		});
	}

	private Counter counter(JunctionMeters meter, String... tags) {
		String key = meter.meterName() + String.join("|", tags);
		return this.counters.computeIfAbsent(key,
				(ignored) -> Counter.builder(meter.meterName())
					.description(meter.description())
					.tags(tags)
					.register(this.registry));
	}

	private <T> void gauge(JunctionMeters meter, Tags tags, T state, ToDoubleFunction<T> value) {
		Gauge.builder(meter.meterName(), state, value)
			.description(meter.description())
			.tags(tags)
			.register(this.registry);
	}

	static String tagValue(String reason) {
		return reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
	}

	/**
	 * The frame meters of one protocol, resolved once: counters by direction and kind,
	 * and the delivery latency timer.
	 */
	// Frame kinds index arrays: the meters of a frame are found with one array load.
	@SuppressWarnings("EnumOrdinal")
	private static final class FrameMeters {

		private static final Frame.Kind[] KINDS = Frame.Kind.values();

		private final Counter[] framesIn = new Counter[KINDS.length];

		private final Counter[] bytesIn = new Counter[KINDS.length];

		private final Counter[] framesOut = new Counter[KINDS.length];

		private final Counter[] bytesOut = new Counter[KINDS.length];

		private final Timer latency;

		FrameMeters(MeterRegistry registry, String protocol) {
			for (Frame.Kind kind : KINDS) {
				String kindTag = kind.name().toLowerCase(Locale.ROOT);
				Tags in = Tags.of("protocol", protocol, "direction", "in", "kind", kindTag);
				Tags out = Tags.of("protocol", protocol, "direction", "out", "kind", kindTag);
				this.framesIn[kind.ordinal()] = counter(registry, JunctionMeters.FRAMES, in);
				this.bytesIn[kind.ordinal()] = counter(registry, JunctionMeters.FRAME_BYTES, in);
				this.framesOut[kind.ordinal()] = counter(registry, JunctionMeters.FRAMES, out);
				this.bytesOut[kind.ordinal()] = counter(registry, JunctionMeters.FRAME_BYTES, out);
			}
			this.latency = Timer.builder(JunctionMeters.DELIVERY_LATENCY.meterName())
				.description(JunctionMeters.DELIVERY_LATENCY.description())
				.tag("protocol", protocol)
				.serviceLevelObjectives(JunctionMeters.LATENCY_SLOS)
				.register(registry);
		}

		void received(Frame.Kind kind, int bytes) {
			this.framesIn[kind.ordinal()].increment();
			this.bytesIn[kind.ordinal()].increment(bytes);
		}

		void sent(Frame.Kind kind, int bytes, long queuedNanos) {
			this.framesOut[kind.ordinal()].increment();
			this.bytesOut[kind.ordinal()].increment(bytes);
			if (kind != Frame.Kind.PING) {
				this.latency.record(queuedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
			}
		}

		private static Counter counter(MeterRegistry registry, JunctionMeters meter, Tags tags) {
			return Counter.builder(meter.meterName()).description(meter.description()).tags(tags).register(registry);
		}

	}

}
