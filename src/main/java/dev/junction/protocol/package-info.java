/**
 * The contract every wire protocol implements,
 * {@link dev.junction.protocol.RelayProtocol}; one subpackage per protocol.
 */
@NullMarked
package dev.junction.protocol;

import org.jspecify.annotations.NullMarked;
