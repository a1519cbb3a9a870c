package dev.junction.support;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.junction.JunctionApplication;
import dev.junction.cluster.Broker;
import dev.junction.cluster.Directory;
import dev.junction.cluster.ExpiringStore;
import dev.junction.cluster.Pipes;
import dev.junction.cluster.Presence;
import dev.junction.cluster.memory.InMemoryBroker;
import dev.junction.cluster.memory.InMemoryDirectory;
import dev.junction.cluster.memory.InMemoryExpiringStore;
import dev.junction.cluster.memory.InMemoryPipes;
import dev.junction.cluster.memory.InMemoryPresence;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Several Junction nodes in this JVM, each a whole application context on its own random
 * port, sharing one cluster: either one set of in-memory seams handed to every node (a
 * cluster without a backplane, to test the protocols' cross-node logic quickly) or a real
 * Redis under a key prefix of their own.
 */
public final class ClusterNodes implements AutoCloseable {

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final Map<String, Object> properties = new LinkedHashMap<>();

	private final @Nullable SharedSeams seams;

	private final @Nullable TestRedis redis;

	private ClusterNodes(Map<String, Object> properties, @Nullable SharedSeams seams, @Nullable TestRedis redis) {
		this.properties.putAll(properties);
		this.seams = seams;
		this.redis = redis;
	}

	/**
	 * Nodes that share one set of in-memory seams.
	 * @param properties settings for every node
	 * @return the cluster, with no node started yet
	 */
	public static ClusterNodes inMemory(Map<String, Object> properties) {
		return new ClusterNodes(properties, new SharedSeams(), null);
	}

	/**
	 * Nodes in cluster mode on the test Redis, under a key prefix of their own (whose
	 * keys go when the cluster is closed). Skips or fails the test as {@link TestRedis}
	 * does when no Redis answers.
	 * @param properties settings for every node
	 * @return the cluster, with no node started yet
	 */
	public static ClusterNodes redis(Map<String, Object> properties) {
		return redis(TestRedis.connect(), properties);
	}

	/**
	 * Nodes in cluster mode on a test Redis, under its key prefix.
	 * @param redis the test Redis, closed with the cluster
	 * @param properties settings for every node
	 * @return the cluster, with no node started yet
	 */
	public static ClusterNodes redis(TestRedis redis, Map<String, Object> properties) {
		Map<String, Object> settings = new LinkedHashMap<>(properties);
		settings.put("junction.cluster.mode", "redis");
		settings.put("spring.data.redis.url", redis.uri());
		settings.put("junction.cluster.key-prefix", redis.prefix());
		return new ClusterNodes(settings, null, redis);
	}

	/**
	 * Start one more node.
	 * @param extra settings for this node only
	 * @return the node's index
	 */
	public int start(Map<String, Object> extra) {
		Map<String, Object> settings = new LinkedHashMap<>(this.properties);
		settings.put("server.port", "0");
		settings.put("management.server.port", "0");
		settings.putAll(extra);
		// As arguments: they outrank application.yml, where default properties would not.
		String[] arguments = settings.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(JunctionApplication.class)
			.initializers((context) -> {
				if (this.seams != null) {
					this.seams.register(context);
				}
				// Event loops of its own: stopping one node must not stop the others',
				// as stopping the shared global ones would.
				ReactorResourceFactory resources = new ReactorResourceFactory();
				resources.setUseGlobalResources(false);
				context.getBeanFactory().registerSingleton("reactorResourceFactory", resources);
			});
		this.nodes.add(builder.run(arguments));
		return this.nodes.size() - 1;
	}

	public int start() {
		return start(Map.of());
	}

	/**
	 * The public port of a node.
	 * @param node the node's index
	 * @return the port
	 */
	public int port(int node) {
		return ((WebServerApplicationContext) this.nodes.get(node)).getWebServer().getPort();
	}

	/**
	 * The management port of a node, where the actuator answers.
	 * @param node the node's index
	 * @return the port
	 */
	public int managementPort(int node) {
		Integer port = this.nodes.get(node).getEnvironment().getProperty("local.management.port", Integer.class);
		if (port == null) {
			throw new IllegalStateException("Node " + node + " has no management port of its own");
		}
		return port;
	}

	/**
	 * A bean of a node.
	 * @param node the node's index
	 * @param type the bean's type
	 * @param <T> the type
	 * @return the bean
	 */
	public <T> T bean(int node, Class<T> type) {
		return this.nodes.get(node).getBean(type);
	}

	/**
	 * Stop a node the way a pod stops: its connections are drained with 1012.
	 * @param node the node's index
	 */
	public void stop(int node) {
		this.nodes.get(node).close();
	}

	@Override
	public void close() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		if (this.redis != null) {
			this.redis.close();
		}
	}

	/**
	 * One broker, presence, directory and store for every node.
	 */
	private static final class SharedSeams {

		private final Broker broker = new InMemoryBroker();

		private final Presence presence = new InMemoryPresence();

		private final Directory directory = new InMemoryDirectory(Clock.systemUTC());

		private final ExpiringStore store = new InMemoryExpiringStore(Clock.systemUTC());

		private final Pipes pipes = new InMemoryPipes(512 * 1024, Schedulers.parallel());

		void register(ConfigurableApplicationContext context) {
			context.getBeanFactory().registerSingleton("sharedBroker", this.broker);
			context.getBeanFactory().registerSingleton("sharedPresence", this.presence);
			context.getBeanFactory().registerSingleton("sharedDirectory", this.directory);
			context.getBeanFactory().registerSingleton("sharedExpiringStore", this.store);
			context.getBeanFactory().registerSingleton("sharedPipes", this.pipes);
		}

	}

}
