package dev.junction.core;

import org.jspecify.annotations.Nullable;

/**
 * A frame on its way through a {@link Group}: who sent it and who may receive it.
 *
 * @param senderId the sending connection's id, unique in the cluster because it holds its
 * node's id (so it is never delivered back to it, whichever node relays it), or
 * {@code null} for a message from the server
 * @param audience the member tag that receives it, or {@code null} for every member
 * @param frame the encoded frame, shared by all receivers
 */
public record Envelope(@Nullable String senderId, @Nullable String audience, Frame frame) {

	boolean isFor(String memberId, @Nullable String memberTag) {
		return !memberId.equals(this.senderId) && (this.audience == null || this.audience.equals(memberTag));
	}

}
