/**
 * Junction's signaling package: the SLEAP-RTC signaling protocol (SIGNALING.md).
 */
@NullMarked
package dev.junction.protocol.signaling;

import org.jspecify.annotations.NullMarked;
