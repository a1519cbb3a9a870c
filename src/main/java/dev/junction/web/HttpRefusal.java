package dev.junction.web;

import org.springframework.http.HttpStatus;

/**
 * An upgrade refused with a plain-text HTTP answer.
 *
 * @param status the status code
 * @param message the body
 */
public record HttpRefusal(HttpStatus status, String message) {

}
