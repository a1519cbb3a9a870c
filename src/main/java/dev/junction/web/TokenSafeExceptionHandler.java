package dev.junction.web;

import dev.junction.security.TokenRedaction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Handles, first, the errors of requests whose query carries a token, because the
 * framework's own error logging prints the full URI: such an error is logged here with
 * the token redacted and answered 500 (or the connection just ends when the response has
 * already started). A client that went away is not an error. Requests without a token in
 * the query, and client errors the framework answers without logging, are left to the
 * framework.
 */
public final class TokenSafeExceptionHandler implements WebExceptionHandler, Ordered {

	private static final Log logger = LogFactory.getLog(TokenSafeExceptionHandler.class);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpRequest request = exchange.getRequest();
		String query = request.getURI().getRawQuery();
		if (query == null || TokenRedaction.redact("?" + query).equals("?" + query)) {
			return Mono.error(ex);
		}
		ServerHttpResponse response = exchange.getResponse();
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			return Mono.empty();
		}
		if (!response.isCommitted() && ex instanceof ResponseStatusException status
				&& status.getStatusCode().is4xxClientError()) {
			return Mono.error(ex);
		}
		logger.error("Error on " + request.getMethod() + " " + request.getPath().value()
				+ TokenRedaction.redact("?" + query), withoutCheckpoints(ex, 8));
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
		return response.setComplete();
	}

	/**
	 * The error and its causes without what Reactor attached to them: its checkpoints
	 * name the request with its full URI.
	 */
	private static Throwable withoutCheckpoints(Throwable ex, int depth) {
		LoggedError copy = new LoggedError(ex.toString());
		copy.setStackTrace(ex.getStackTrace());
		Throwable cause = ex.getCause();
		if (cause != null && cause != ex && depth > 0) {
			copy.initCause(withoutCheckpoints(cause, depth - 1));
		}
		return copy;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * An error as logged: the original's text and stack, nothing suppressed.
	 */
	private static final class LoggedError extends RuntimeException {

		LoggedError(String message) {
			super(message, null, false, true);
		}

	}

}
