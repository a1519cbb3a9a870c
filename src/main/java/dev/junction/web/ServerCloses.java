package dev.junction.web;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;

/**
 * The close code a handler below the WebSocket session sent on a channel (a frame over
 * the limit, a protocol error), so that the connection's end is counted with the code the
 * client received, not as an abnormal closure.
 */
final class ServerCloses {

	private static final AttributeKey<Integer> CODE = AttributeKey.valueOf(ServerCloses.class, "code");

	private ServerCloses() {
	}

	static void record(Channel channel, int code) {
		channel.attr(CODE).setIfAbsent(code);
	}

	static @Nullable Integer recorded(@Nullable Channel channel) {
		return (channel != null) ? channel.attr(CODE).get() : null;
	}

}
