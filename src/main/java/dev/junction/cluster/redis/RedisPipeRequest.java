package dev.junction.cluster.redis;

import java.util.Map;

import dev.junction.cluster.PipeEnd;
import dev.junction.cluster.Pipes;

/**
 * An {@code open} read from this node's inbox, handed to the node's acceptor: accepting
 * it registers the new end before answering, so the other side's first data finds it.
 */
final class RedisPipeRequest implements Pipes.Request {

	private final RedisPipeInboxes inboxes;

	private final RedisPipeEnds ends;

	private final String pipeId;

	private final String fromNode;

	private final String greeting;

	private final long window;

	RedisPipeRequest(RedisPipeInboxes inboxes, RedisPipeEnds ends, String pipeId, String fromNode, String greeting,
			long window) {
		this.inboxes = inboxes;
		this.ends = ends;
		this.pipeId = pipeId;
		this.fromNode = fromNode;
		this.greeting = greeting;
		this.window = window;
	}

	@Override
	public String pipeId() {
		return this.pipeId;
	}

	@Override
	public String fromNode() {
		return this.fromNode;
	}

	@Override
	public String greeting() {
		return this.greeting;
	}

	@Override
	public PipeEnd accept(PipeEnd.Receiver receiver) {
		RedisPipeEnd end = new RedisPipeEnd(this.inboxes, this.ends, this.pipeId, this.fromNode, receiver, this.window);
		this.ends.add(RedisPipeEnds.key(this.fromNode, this.pipeId), end);
		end.sendControl("accept", Map.of());
		return end;
	}

	@Override
	public void refuse(String reason) {
		this.inboxes.append(this.fromNode, this.pipeId, "refuse", Map.of("r", RedisPipeInboxes.utf8(reason)))
			.subscribe();
	}

}
