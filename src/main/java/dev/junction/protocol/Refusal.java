package dev.junction.protocol;

/**
 * An upgrade refused with a plain-text HTTP response.
 *
 * @param status the HTTP status
 * @param message the response body
 */
public record Refusal(int status, String message) {

}
