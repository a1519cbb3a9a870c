package dev.junction.cluster.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.junction.support.ClusterNodes;
import dev.junction.support.RoomsMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes in redis mode restarted one at a time while rooms with members on every
 * node keep talking: each drained client reconnects to a node that serves, rejoins its
 * room by code as the deployed client does, and finds it; once the last node has been
 * replaced every room has all its members again and what each sends reaches the others.
 */
class RedisRollingRestartWireTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int ROOMS = 3;

	private static final int MEMBERS = 3;

	private final List<Integer> serving = new CopyOnWriteArrayList<>();

	private final ExecutorService reconnecting = Executors.newSingleThreadExecutor();

	private final ScheduledExecutorService talking = Executors.newSingleThreadScheduledExecutor();

	private ClusterNodes nodes;

	@AfterEach
	void stop() throws InterruptedException {
		this.talking.shutdownNow();
		this.reconnecting.shutdownNow();
		this.talking.awaitTermination(10, TimeUnit.SECONDS);
		if (this.nodes != null) {
			this.nodes.close();
		}
	}

	@Test
	void drainedMembersShouldRejoinTheirRoomsOnTheOtherNodesAndKeepTalking() {
		this.nodes = ClusterNodes
			.redis(Map.of("junction.cluster.heartbeat-ttl", "2s", "junction.protocols.rooms.grace-period", "60s",
					"junction.shutdown.drain-spread", "200ms", "junction.shutdown.drain-timeout", "5s"));
		List<Integer> running = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			int node = this.nodes.start();
			running.add(node);
			this.serving.add(this.nodes.port(node));
		}
		List<List<RoomsMember>> rooms = new ArrayList<>();
		for (int room = 0; room < ROOMS; room++) {
			rooms.add(openRoom(room));
		}
		List<RoomsMember> everyone = rooms.stream().flatMap(List::stream).toList();
		everyone.forEach((member) -> await().atMost(TIMEOUT).until(() -> member.users().size() == MEMBERS));
		this.talking.scheduleAtFixedRate(() -> everyone.forEach(RoomsMember::talk), 0, 20, TimeUnit.MILLISECONDS);

		for (int i = 0; i < 3; i++) {
			int old = running.remove(0);
			int port = this.nodes.port(old);
			List<RoomsMember> drained = everyone.stream().filter((member) -> member.port() == port).toList();
			assertThat(drained).isNotEmpty();
			this.serving.remove(Integer.valueOf(port));
			this.nodes.stop(old);
			for (RoomsMember member : drained) {
				await().atMost(TIMEOUT).until(() -> member.port() != port && member.isInRoom());
			}
			int replacement = this.nodes.start();
			running.add(replacement);
			this.serving.add(this.nodes.port(replacement));
		}

		for (RoomsMember member : everyone) {
			assertThat(member.closes()).as("closes of %s", member.userId()).containsOnly(1012);
			assertThat(member.problems()).as("problems of %s", member.userId()).isEmpty();
		}
		assertThat(everyone).allMatch((member) -> member.closes().size() >= 1);
		// What the cluster holds, as a newcomer is told it: the members' own lists may
		// have been told in another order than the changes happened.
		for (int room = 0; room < ROOMS; room++) {
			RoomsMember newcomer = new RoomsMember("n" + room, null, this.reconnecting);
			newcomer.join(this.serving.get(room), rooms.get(room).get(0).code());
			List<String> ids = new ArrayList<>(rooms.get(room).stream().map(RoomsMember::userId).toList());
			ids.add(newcomer.userId());
			assertThat(newcomer.users()).containsExactlyInAnyOrderElementsOf(ids);
			assertThat(newcomer.problems()).isEmpty();
		}
		this.talking.shutdownNow();
		for (List<RoomsMember> room : rooms) {
			for (RoomsMember sender : room) {
				sender.send("{\"type\":\"last\",\"from\":\"" + sender.userId() + "\"}");
			}
			for (RoomsMember receiver : room) {
				for (RoomsMember sender : room) {
					if (sender != receiver) {
						await().atMost(TIMEOUT)
							.until(() -> receiver.count("\"type\":\"last\"",
									"\"sender_id\":\"" + sender.userId()) == 1);
					}
				}
			}
		}
		assertThat(everyone).allMatch((member) -> member.count("\"type\":\"chat\"") > 0);
	}

	private List<RoomsMember> openRoom(int room) {
		List<RoomsMember> members = new ArrayList<>();
		String code = null;
		for (int i = 0; i < MEMBERS; i++) {
			RoomsMember member = new RoomsMember("r" + room + "m" + i, this::anyServingPort, this.reconnecting);
			int port = this.serving.get((room + i) % this.serving.size());
			if (code == null) {
				code = member.create(port);
			}
			else {
				member.join(port, code);
			}
			members.add(member);
		}
		return members;
	}

	private int anyServingPort() {
		return this.serving.get(ThreadLocalRandom.current().nextInt(this.serving.size()));
	}

}
