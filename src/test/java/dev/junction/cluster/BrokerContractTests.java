package dev.junction.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.junction.core.Frame;
import dev.junction.core.NodeId;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link Broker} must do; each implementation runs this suite.
 */
public abstract class BrokerContractTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final NodeId node = new NodeId("node1");

	protected abstract Broker broker();

	@Test
	void publishShouldReachEverySubscriberOfTheChannelInOrder() {
		Broker broker = broker();
		List<Publication> first = new CopyOnWriteArrayList<>();
		List<Publication> second = new CopyOnWriteArrayList<>();
		List<Publication> other = new CopyOnWriteArrayList<>();
		subscribe(broker, "rooms:A", first);
		subscribe(broker, "rooms:A", second);
		subscribe(broker, "rooms:B", other);
		broker.publish("rooms:A", new Publication(this.node, "node1.1", 1, null, Frame.text("1")));
		broker.publish("rooms:A", new Publication(this.node, "node1.1", 2, "mobile", Frame.binary(new byte[] { 2 })));
		await().until(() -> first.size() == 2 && second.size() == 2);
		assertThat(first).extracting(Publication::frame)
			.extracting(Frame::kind)
			.containsExactly(Frame.Kind.TEXT, Frame.Kind.BINARY);
		Publication last = second.get(1);
		assertThat(last.audience()).isEqualTo("mobile");
		assertThat(last.origin()).isEqualTo(this.node);
		assertThat(last.senderId()).isEqualTo("node1.1");
		assertThat(last.sequence()).isEqualTo(2);
		assertThat(last.frame().bytes()).containsExactly(2);
		assertThat(other).isEmpty();
	}

	@Test
	void serverPublicationShouldHaveNoSender() {
		Broker broker = broker();
		List<Publication> received = new CopyOnWriteArrayList<>();
		subscribe(broker, "pairs:x", received);
		broker.publish("pairs:x", new Publication(this.node, null, 1, null, Frame.text("from the server")));
		await().until(() -> received.size() == 1);
		assertThat(received.get(0).senderId()).isNull();
		assertThat(received.get(0).frame().asText()).isEqualTo("from the server");
	}

	@Test
	void disposedSubscriptionShouldReceiveNothingMore() {
		Broker broker = broker();
		List<Publication> received = new CopyOnWriteArrayList<>();
		subscribe(broker, "pairs:x", received).dispose();
		broker.publish("pairs:x", new Publication(this.node, null, 1, null, Frame.text("late")));
		List<Publication> marker = new CopyOnWriteArrayList<>();
		subscribe(broker, "pairs:x", marker);
		broker.publish("pairs:x", new Publication(this.node, null, 2, null, Frame.text("marker")));
		await().until(() -> marker.size() == 1);
		assertThat(received).isEmpty();
	}

	@Test
	void eachSendersPublicationsShouldArriveInOrderWhileOthersPublish() throws InterruptedException {
		Broker broker = broker();
		List<Publication> received = new CopyOnWriteArrayList<>();
		subscribe(broker, "topics:t", received);
		int senders = 4;
		int each = 500;
		ExecutorService executor = Executors.newFixedThreadPool(senders);
		CountDownLatch start = new CountDownLatch(1);
		try {
			for (int s = 0; s < senders; s++) {
				String sender = this.node + "." + s;
				executor.execute(() -> {
					awaitQuietly(start);
					for (int i = 1; i <= each; i++) {
						broker.publish("topics:t", new Publication(this.node, sender, i, null, Frame.text("" + i)));
					}
				});
			}
			start.countDown();
			await().until(() -> received.size() == senders * each);
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		for (int s = 0; s < senders; s++) {
			String sender = this.node + "." + s;
			assertThat(received.stream()
				.filter((p) -> sender.equals(p.senderId()))
				.map((p) -> Integer.parseInt(p.frame().asText()))).isSorted().hasSize(each);
		}
	}

	@Test
	void subscriptionShouldStartOnlyWhenSubscribed() {
		Broker broker = broker();
		List<Publication> unsubscribed = new CopyOnWriteArrayList<>();
		broker.subscribe("rooms:lazy", unsubscribed::add);
		List<Publication> marker = new CopyOnWriteArrayList<>();
		subscribe(broker, "rooms:lazy", marker);
		broker.publish("rooms:lazy", new Publication(this.node, null, 1, null, Frame.text("x")));
		await().until(() -> marker.size() == 1);
		assertThat(unsubscribed).isEmpty();
	}

	@Test
	void publicationShouldRefuseANetworkBuffer() {
		Frame external = Frame.external(Frame.Kind.BINARY, new Object(), 1, () -> {
		});
		assertThatIllegalArgumentException().isThrownBy(() -> new Publication(this.node, null, 1, null, external));
	}

	private Disposable subscribe(Broker broker, String channel, List<Publication> into) {
		Disposable[] subscription = new Disposable[1];
		StepVerifier.create(broker.subscribe(channel, into::add))
			.consumeNextWith((disposable) -> subscription[0] = disposable)
			.expectComplete()
			.verify(TIMEOUT);
		return subscription[0];
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
