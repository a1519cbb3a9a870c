package dev.junction.protocol.topics;

import java.util.HashMap;
import java.util.Map;

import dev.junction.core.Group;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * A live topic on this node: its fan-out group and the group subscriptions of its local
 * members, by connection id. Guarded by its own monitor; see {@link TopicRegistry}.
 */
final class Topic {

	final String name;

	final Group group;

	final Map<String, Disposable> subscriptions = new HashMap<>();

	@Nullable Disposable brokerSubscription;

	boolean deleted;

	Topic(String name) {
		this.name = name;
		this.group = new Group("topics", name);
	}

	String channel() {
		return TopicRegistry.CHANNEL_PREFIX + this.name;
	}

}
