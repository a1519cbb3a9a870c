package dev.junction.web;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A held {@link InboundPacer} asks for nothing more until it is let go: how a protocol
 * whose receiver on another node has not caught up stops reading a socket.
 */
class InboundPacerHoldTests {

	@Test
	void holdShouldStopDemandAfterWhatWasRequestedAndReleaseShouldResumeIt() {
		AtomicReference<InboundPacer> pacer = new AtomicReference<>();
		AtomicInteger handled = new AtomicInteger();
		AtomicLong requested = new AtomicLong();
		pacer.set(new InboundPacer((message) -> {
			if (handled.incrementAndGet() == 3) {
				pacer.get().hold(true);
			}
			return 0;
		}, () -> 0, () -> {
		}, Schedulers.single()));
		Flux<WebSocketMessage> messages = Flux.range(0, 100)
			.map((i) -> new WebSocketMessage(WebSocketMessage.Type.BINARY,
					DefaultDataBufferFactory.sharedInstance.wrap(new byte[] { 1 })))
			.doOnRequest(requested::addAndGet);
		pacer.get().read(messages).subscribe();
		assertThat(handled).hasValue(InboundPacer.BATCH);
		assertThat(requested).hasValue(InboundPacer.BATCH);
		pacer.get().hold(false);
		assertThat(handled).hasValue(100);
	}

}
