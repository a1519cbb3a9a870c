/**
 * Junction's signaling package: the SLEAP-RTC signaling protocol (the README's Signaling
 * section).
 */
@NullMarked
package dev.junction.protocol.signaling;

import org.jspecify.annotations.NullMarked;
