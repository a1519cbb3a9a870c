package dev.junction.channel;

import dev.junction.cluster.Directory;
import dev.junction.cluster.Presence;
import dev.junction.core.NodeId;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Clears away a node that has gone without saying goodbye: its presence entries go, each
 * protocol tells the groups they were in (through the {@link ChannelHub}'s departures),
 * and its directory claims are released. Whoever notices a node's death calls
 * {@link #reap}; when several nodes do at once, presence hands each entry to one of them,
 * so every leave is told once.
 */
public final class NodeReaper {

	private static final Log logger = LogFactory.getLog(NodeReaper.class);

	private final ChannelHub hub;

	private final Presence presence;

	private final Directory directory;

	public NodeReaper(ChannelHub hub, Presence presence, Directory directory) {
		this.hub = hub;
		this.presence = presence;
		this.directory = directory;
	}

	/**
	 * Remove a gone node's members and claims.
	 * @param gone the node
	 * @return how many members it had; completes once presence and the directory are
	 * clear of it (the protocols' leave messages are on their way by then)
	 */
	public Mono<Long> reap(NodeId gone) {
		// Presence first: the leave messages list the members that remain.
		return this.presence.removeNode(gone)
			.doOnNext(this.hub::departed)
			.count()
			.flatMap((members) -> this.directory.releaseNode(gone).map((claims) -> {
				logger.info("Node " + gone + " has gone: removed " + members + " members and " + claims + " claims");
				return members;
			}));
	}

}
