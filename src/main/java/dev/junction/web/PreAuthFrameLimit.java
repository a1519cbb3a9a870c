package dev.junction.web;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * The small frame limit of a connection that has not authenticated yet. It sits in front
 * of Netty's WebSocket decoder and reads only the frame headers of the client's byte
 * stream, without buffering or changing anything: a frame, or a fragmented message, whose
 * announced payload exceeds the limit closes the connection 1009 before the decoder or
 * the aggregator have buffered its payload. Once the connection has authenticated the
 * handler takes itself out of the pipeline, and the endpoint's full limit applies.
 */
final class PreAuthFrameLimit extends ChannelInboundHandlerAdapter {

	/** The handler's name in the pipeline, in front of {@code wsdecoder}. */
	static final String NAME = "junction.preAuthFrameLimit";

	private final long limit;

	private final byte[] header = new byte[14];

	private int headerRead;

	private long payloadRemaining;

	private long messageBytes;

	private boolean refused;

	private volatile boolean lifted;

	private volatile @Nullable ChannelHandlerContext context;

	PreAuthFrameLimit(long limit) {
		this.limit = limit;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
	}

	/**
	 * The connection has authenticated: stop checking and leave the pipeline.
	 */
	void lift() {
		this.lifted = true;
		ChannelHandlerContext ctx = this.context;
		if (ctx != null) {
			ctx.channel().eventLoop().execute(() -> {
				if (ctx.pipeline().context(this) != null) {
					ctx.pipeline().remove(this);
				}
			});
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.refused) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (!this.lifted && msg instanceof ByteBuf bytes && !withinLimit(bytes)) {
			this.refused = true;
			ReferenceCountUtil.release(msg);
			ServerCloses.record(ctx.channel(), WebSocketCloseStatus.MESSAGE_TOO_BIG.code());
			// The rest of the stream is read and dropped until the socket closes, so that
			// the close frame is not lost to a reset over unread bytes.
			ctx.channel()
				.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
						"frame too large before authentication"))
				.addListener((future) -> ctx.executor().schedule(() -> ctx.channel().close(), 2, TimeUnit.SECONDS));
			return;
		}
		ctx.fireChannelRead(msg);
	}

	/**
	 * Follow the frames of this chunk of the stream.
	 * @return false when a frame or message goes over the limit
	 */
	private boolean withinLimit(ByteBuf bytes) {
		int index = bytes.readerIndex();
		int end = bytes.writerIndex();
		while (index < end) {
			if (this.payloadRemaining > 0) {
				long skipped = Math.min(this.payloadRemaining, end - index);
				index += (int) skipped;
				this.payloadRemaining -= skipped;
				continue;
			}
			this.header[this.headerRead++] = bytes.getByte(index++);
			if (this.headerRead < 2 || this.headerRead < headerLength()) {
				continue;
			}
			long length = payloadLength();
			int opcode = this.header[0] & 0x0F;
			boolean last = (this.header[0] & 0x80) != 0;
			this.headerRead = 0;
			this.payloadRemaining = length;
			if (opcode > 2) {
				// Control frames: at most 125 bytes, the decoder checks them.
				continue;
			}
			this.messageBytes = (opcode == 0) ? this.messageBytes + length : length;
			if (length < 0 || this.messageBytes > this.limit) {
				return false;
			}
			if (last) {
				this.messageBytes = 0;
			}
		}
		return true;
	}

	private int headerLength() {
		int length7 = this.header[1] & 0x7F;
		int extended = (length7 == 126) ? 2 : (length7 == 127) ? 8 : 0;
		int mask = ((this.header[1] & 0x80) != 0) ? 4 : 0;
		return 2 + extended + mask;
	}

	private long payloadLength() {
		int length7 = this.header[1] & 0x7F;
		if (length7 < 126) {
			return length7;
		}
		int bytes = (length7 == 126) ? 2 : 8;
		long length = 0;
		for (int i = 0; i < bytes; i++) {
			length = (length << 8) | (this.header[2 + i] & 0xFF);
		}
		return length;
	}

}
