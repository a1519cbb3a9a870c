package dev.junction.web;

import dev.junction.protocol.Refusal;

import org.springframework.http.HttpStatus;

/**
 * An upgrade refused with a plain-text HTTP answer.
 *
 * @param status the status code
 * @param message the body
 */
public record HttpRefusal(HttpStatus status, String message) {

	/**
	 * The HTTP answer of a protocol's refusal.
	 * @param refusal the refusal
	 * @return the answer
	 */
	public static HttpRefusal of(Refusal refusal) {
		return new HttpRefusal(HttpStatus.valueOf(refusal.status()), refusal.message());
	}

}
