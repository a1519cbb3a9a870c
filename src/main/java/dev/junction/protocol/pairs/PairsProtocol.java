package dev.junction.protocol.pairs;

import java.time.Clock;

import tools.jackson.databind.ObjectMapper;

/**
 * What every pairs connection of a node shares.
 */
record PairsProtocol(PairRegistry sessions, PairsEncoder encoder, ObjectMapper mapper, PairsOptions options,
		Clock clock) {
}
