package dev.junction.web;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Guards a connection until its handshake is done, right behind the HTTP codec. A request
 * head must arrive within the handshake timeout of the connection's accept (or of the
 * previous response, on a kept-alive connection), however it trickles in; otherwise the
 * connection is closed. A request that cannot be decoded (a client that dropped mid-head,
 * or sent something that is not HTTP) is answered and closed here, without a log line
 * above DEBUG. Once the connection is upgraded the guard leaves the pipeline.
 */
public final class RequestHeadGuard extends ChannelDuplexHandler {

	private static final Log logger = LogFactory.getLog(RequestHeadGuard.class);

	private final long timeoutNanos;

	private @Nullable ScheduledFuture<?> deadline;

	private int pendingResponses;

	private boolean refused;

	public RequestHeadGuard(long timeoutNanos) {
		this.timeoutNanos = timeoutNanos;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		arm(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.refused) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			cancel();
			if (request.decoderResult().isFailure()) {
				this.refused = true;
				ReferenceCountUtil.release(msg);
				refuse(ctx, request.decoderResult().cause());
				return;
			}
			this.pendingResponses++;
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response
				&& response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
			cancel();
			ctx.write(msg, promise);
			ctx.pipeline().remove(this);
			return;
		}
		if (msg instanceof LastHttpContent && --this.pendingResponses <= 0) {
			this.pendingResponses = 0;
			// Kept alive: the next request head is due within the timeout too.
			ctx.write(msg, promise.unvoid()).addListener((future) -> {
				if (future.isSuccess() && ctx.channel().isActive() && this.pendingResponses == 0) {
					arm(ctx);
				}
			});
			return;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		cancel();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancel();
	}

	private void arm(ChannelHandlerContext ctx) {
		cancel();
		this.deadline = ctx.executor().schedule(() -> {
			if (logger.isDebugEnabled()) {
				logger.debug("Closing " + ctx.channel().remoteAddress() + ": no request head within the timeout");
			}
			ctx.close();
		}, this.timeoutNanos, TimeUnit.NANOSECONDS);
	}

	private void cancel() {
		ScheduledFuture<?> scheduled = this.deadline;
		if (scheduled != null) {
			scheduled.cancel(false);
			this.deadline = null;
		}
	}

	private static void refuse(ChannelHandlerContext ctx, @Nullable Throwable cause) {
		if (logger.isDebugEnabled()) {
			logger.debug("Closing " + ctx.channel().remoteAddress() + ": undecodable request ("
					+ ((cause != null) ? cause.getClass().getSimpleName() : "unknown") + ")");
		}
		if (cause instanceof PrematureChannelClosureException || !ctx.channel().isActive()) {
			ctx.close();
			return;
		}
		HttpResponseStatus status = HttpResponseStatus.BAD_REQUEST;
		if (cause instanceof TooLongHttpLineException) {
			status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
		}
		else if (cause instanceof TooLongHttpHeaderException) {
			status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
		}
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
		response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
		response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

}
