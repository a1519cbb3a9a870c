package dev.junction.observability;

import java.util.List;

import dev.junction.protocol.RelayProtocol;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Finds a room, topic, pair or signaling room by its code in every protocol and lists its
 * members on this node: connection or peer ids, never anything they sent.
 */
final class MemberLookup {

	/**
	 * The longest code looked up; longer ones are refused before any protocol sees them.
	 */
	static final int MAX_CODE_LENGTH = 256;

	private final ObjectProvider<RelayProtocol> protocols;

	MemberLookup(ObjectProvider<RelayProtocol> protocols) {
		this.protocols = protocols;
	}

	/**
	 * Whether a code may be looked up at all: not blank, not too long, no control
	 * characters.
	 * @param code the code
	 * @return true when it may
	 */
	static boolean acceptable(String code) {
		return !code.isBlank() && code.length() <= MAX_CODE_LENGTH && code.chars().noneMatch(Character::isISOControl);
	}

	/**
	 * Ask every protocol for the group with this code.
	 * @param code the code, as an operator typed it
	 * @return the groups that have it, one per protocol
	 */
	Mono<Result> find(String code) {
		return Flux.fromStream(this.protocols.orderedStream())
			.concatMap((protocol) -> protocol.members(code).map((ids) -> new Group(protocol.name(), List.copyOf(ids))))
			.collectList()
			.map((groups) -> new Result(code, groups));
	}

	/**
	 * The answer to a lookup.
	 *
	 * @param code the code looked up
	 * @param groups the groups with that code, empty when none has it
	 */
	record Result(String code, List<Group> groups) {

	}

	/**
	 * One protocol's group with the code.
	 *
	 * @param protocol the protocol's name
	 * @param members the member ids on this node, in arrival order where the protocol
	 * keeps one
	 */
	record Group(String protocol, List<String> members) {

	}

}
