package dev.junction.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.junction.core.Envelope;
import dev.junction.core.Frame;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link Broker} must do; each implementation runs this suite.
 */
abstract class BrokerContractTests {

	protected abstract Broker broker();

	@Test
	void publishShouldReachEverySubscriberOfTheChannelInOrder() {
		Broker broker = broker();
		List<Envelope> first = new CopyOnWriteArrayList<>();
		List<Envelope> second = new CopyOnWriteArrayList<>();
		List<Envelope> other = new CopyOnWriteArrayList<>();
		broker.subscribe("rooms:A", first::add);
		broker.subscribe("rooms:A", second::add);
		broker.subscribe("rooms:B", other::add);
		Envelope one = new Envelope("s", null, Frame.text("1"));
		Envelope two = new Envelope("s", "mobile", Frame.binary(new byte[] { 2 }));
		broker.publish("rooms:A", one);
		broker.publish("rooms:A", two);
		await().until(() -> first.size() == 2 && second.size() == 2);
		assertThat(first).extracting(Envelope::frame)
			.extracting(Frame::kind)
			.containsExactly(Frame.Kind.TEXT, Frame.Kind.BINARY);
		assertThat(second.get(1).audience()).isEqualTo("mobile");
		assertThat(other).isEmpty();
	}

	@Test
	void disposedSubscriptionShouldReceiveNothingMore() {
		Broker broker = broker();
		List<Envelope> received = new CopyOnWriteArrayList<>();
		Disposable subscription = broker.subscribe("pairs:x", received::add);
		subscription.dispose();
		broker.publish("pairs:x", new Envelope(null, null, Frame.text("late")));
		List<Envelope> marker = new CopyOnWriteArrayList<>();
		broker.subscribe("pairs:x", marker::add);
		broker.publish("pairs:x", new Envelope(null, null, Frame.text("marker")));
		await().until(() -> marker.size() == 1);
		assertThat(received).isEmpty();
	}

}
