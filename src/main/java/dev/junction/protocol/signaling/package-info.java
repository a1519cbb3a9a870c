/**
 * Junction's signaling package: the SLEAP-RTC signaling protocol (see docs/signaling.md).
 */
@NullMarked
package dev.junction.protocol.signaling;

import org.jspecify.annotations.NullMarked;
