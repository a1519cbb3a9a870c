package dev.junction.protocol;

import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * One live count of a protocol.
 *
 * @param groupKind the {@code kind} tag of {@code junction_groups_active}, or
 * {@code null} when the count is not of groups
 * @param healthField the health document's field it adds to ({@code rooms},
 * {@code sessions}, {@code topics}, {@code peers}), or {@code null}
 * @param value the current value
 */
public record LiveCount(@Nullable String groupKind, @Nullable String healthField, LongSupplier value) {

}
