package dev.junction.core;

import java.util.ArrayList;
import java.util.List;

import dev.junction.support.RecordingTransport;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fan-out through a group: no echo, audiences, shared frames, order, and one slow member
 * not holding up the others.
 */
class GroupTests {

	private final Group group = new Group("rooms", "ABC234");

	@Test
	void deliveryShouldReachEveryMemberButTheSenderAndShareTheFrame() {
		Connection a = connection("a", 100);
		Connection b = connection("b", 100);
		Connection c = connection("c", 100);
		List.of(a, b, c).forEach((member) -> this.group.join(member, null));
		Frame frame = Frame.binary(new byte[] { 1, 2, 3 });
		this.group.deliver(new Envelope("a", null, frame));
		assertThat(drain(a)).isEmpty();
		assertThat(drain(b)).singleElement().isSameAs(frame);
		assertThat(drain(c)).singleElement().isSameAs(frame);
	}

	@Test
	void audienceShouldSelectMembersByTag() {
		Connection desktop = connection("d", 100);
		Connection cli = connection("c", 100);
		Connection mobile = connection("m", 100);
		this.group.join(desktop, "desktop-side");
		this.group.join(cli, "desktop-side");
		this.group.join(mobile, "mobile");
		this.group.deliver(new Envelope("m", "desktop-side", Frame.text("to desktops")));
		this.group.deliver(new Envelope(null, "mobile", Frame.text("to mobile")));
		assertThat(drain(desktop)).extracting(Frame::asText).containsExactly("to desktops");
		assertThat(drain(cli)).extracting(Frame::asText).containsExactly("to desktops");
		assertThat(drain(mobile)).extracting(Frame::asText).containsExactly("to mobile");
	}

	@Test
	void slowMemberShouldBeClosedWhileOthersKeepEverythingInOrder() {
		Connection slow = connection("slow", 5);
		Connection fast = connection("fast", 1000);
		this.group.join(slow, null);
		this.group.join(fast, null);
		for (int i = 0; i < 100; i++) {
			this.group.deliver(new Envelope("sender", null, Frame.text(Integer.toString(i))));
		}
		assertThat(slow.closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER);
		List<String> received = drain(fast).stream().map(Frame::asText).toList();
		assertThat(received).hasSize(100);
		for (int i = 0; i < 100; i++) {
			assertThat(received.get(i)).isEqualTo(Integer.toString(i));
		}
	}

	@Test
	void disposedSubscriptionShouldStopDeliveries() {
		Connection a = connection("a", 100);
		Disposable subscription = this.group.join(a, null);
		assertThat(this.group.subscriberCount()).isOne();
		subscription.dispose();
		this.group.deliver(new Envelope(null, null, Frame.text("gone")));
		assertThat(drain(a)).isEmpty();
		assertThat(this.group.subscriberCount()).isZero();
	}

	private static Connection connection(String id, int maxMessages) {
		return new Connection(id, "rooms", "127.0.0.1", new OutboundLimits(maxMessages, 1 << 20),
				new RecordingTransport(), 0);
	}

	private static List<Frame> drain(Connection connection) {
		List<Frame> frames = new ArrayList<>();
		connection.markClosed();
		connection.outbound().subscribe(frames::add);
		return frames;
	}

}
