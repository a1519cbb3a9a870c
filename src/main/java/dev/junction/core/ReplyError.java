package dev.junction.core;

import org.jspecify.annotations.Nullable;

/**
 * An error reported to the client as a protocol message while its connection stays open.
 * Each protocol defines its own and decides how they are shaped on the wire. A
 * {@link CloseReason} is the other outcome, one that ends the connection.
 *
 * @param message the human-readable error text clients display or match on
 * @param code a machine-readable code, or {@code null} where the protocol has none
 * @param details why the input was refused, or {@code null}
 */
public record ReplyError(String message, @Nullable String code, @Nullable String details) {

}
