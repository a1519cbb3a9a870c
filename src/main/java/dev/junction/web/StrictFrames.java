package dev.junction.web;

import java.nio.charset.StandardCharsets;

import dev.junction.core.CloseReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * RFC 6455 as strictly as the original relays' libraries apply it, installed on a channel
 * right after its handshake, before any frame is read. The frame decoder is replaced by
 * one that allows no extension (none is ever negotiated), so RSV bits close with 1002, as
 * do reserved opcodes and unmasked frames; text is checked as UTF-8 across fragments
 * (1007). This handler adds what the decoder leaves to others or gets wrong: a fragmented
 * message over the frame limit closes with 1009 (not with the {@code 1000} a failing
 * aggregator would send), and a close frame with a code that may not be sent is answered
 * with a close frame 1002 (the decoder dropped the connection without one, and took codes
 * of 5000 and more). Violations end the connection with a close frame; none reaches the
 * protocol or the log.
 */
final class StrictFrames extends ChannelInboundHandlerAdapter {

	/** The handshaker's name for the frame decoder. */
	static final String DECODER = "wsdecoder";

	private final int maxMessageLength;

	private long messageLength = -1;

	private boolean closing;

	private StrictFrames(int maxMessageLength) {
		this.maxMessageLength = maxMessageLength;
	}

	/**
	 * Make a freshly upgraded channel strict; a channel without the handshaker's decoder
	 * (already closed) is left alone.
	 * @param channel the channel
	 * @param maxMessageLength the largest message, in bytes, whole or fragmented
	 */
	static void install(Channel channel, int maxMessageLength) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(DECODER) == null) {
			return;
		}
		WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
			.maxFramePayloadLength(maxMessageLength)
			.expectMaskedFrames(true)
			.allowMaskMismatch(false)
			.allowExtensions(false)
			.closeOnProtocolViolation(true)
			.withUTF8Validator(true)
			.build();
		pipeline.replace(DECODER, DECODER, new Decoder(config));
		pipeline.addAfter(DECODER, "junction.utf8", new Utf8FrameValidator(true));
		pipeline.addAfter("junction.utf8", "junction.strictFrames", new StrictFrames(maxMessageLength));
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		if (this.closing) {
			ReferenceCountUtil.release(message);
			return;
		}
		if (message instanceof CloseWebSocketFrame close) {
			CloseReason refusal = checkClose(close.content());
			if (refusal != null) {
				close.release();
				refuse(ctx, refusal);
				return;
			}
		}
		if (message instanceof WebSocketFrame frame && isOverLimit(frame)) {
			frame.release();
			refuse(ctx, CloseReason.TOO_BIG);
			return;
		}
		ctx.fireChannelRead(message);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof CorruptedWebSocketFrameException corrupted) {
			// The decoder or the UTF-8 validator has already sent its close frame.
			ServerCloses.record(ctx.channel(), corrupted.closeStatus().code());
			this.closing = true;
			ctx.close();
			return;
		}
		ctx.fireExceptionCaught(cause);
	}

	/**
	 * Check a close frame's body: empty, or a code that may be sent (1000 to 1014 but
	 * 1004, 1005 and 1006; 3000 to 4999) and a UTF-8 reason.
	 * @return {@code null} when valid, otherwise the close to answer with
	 */
	static @Nullable CloseReason checkClose(ByteBuf body) {
		int length = body.readableBytes();
		if (length == 0) {
			return null;
		}
		if (length == 1) {
			return CloseReason.PROTOCOL_ERROR;
		}
		int code = body.getUnsignedShort(body.readerIndex());
		boolean registered = code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006;
		if (!registered && !(code >= 3000 && code <= 4999)) {
			return CloseReason.PROTOCOL_ERROR;
		}
		ByteBuf reason = body.slice(body.readerIndex() + 2, length - 2);
		return ByteBufUtil.isText(reason, StandardCharsets.UTF_8) ? null : CloseReason.INVALID_PAYLOAD;
	}

	private boolean isOverLimit(WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
			this.messageLength = frame.isFinalFragment() ? -1 : frame.content().readableBytes();
			return false;
		}
		if (frame instanceof ContinuationWebSocketFrame && this.messageLength >= 0) {
			this.messageLength += frame.content().readableBytes();
			boolean over = this.messageLength > this.maxMessageLength;
			if (frame.isFinalFragment()) {
				this.messageLength = -1;
			}
			return over;
		}
		return false;
	}

	private void refuse(ChannelHandlerContext ctx, CloseReason reason) {
		this.closing = true;
		ServerCloses.record(ctx.channel(), reason.code());
		ctx.writeAndFlush(new CloseWebSocketFrame(reason.code(), reason.reason()))
			.addListener(ChannelFutureListener.CLOSE);
	}

	/**
	 * The standard decoder without its close frame check, which answers an invalid code
	 * with no close frame at all; {@link #checkClose} does it instead.
	 */
	private static final class Decoder extends WebSocket13FrameDecoder {

		Decoder(WebSocketDecoderConfig config) {
			super(config);
		}

		@Override
		protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
		}

	}

}
