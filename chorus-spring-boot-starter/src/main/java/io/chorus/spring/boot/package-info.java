/**
 * Chorus in a Spring Boot application: {@link io.chorus.spring.boot.ChorusAutoConfiguration} builds
 * the {@link io.chorus.core.Engine} from the {@code chorus.*} properties.
 *
 * <p>Every type here is null-marked: nothing is null unless {@code @Nullable} says so.
 */
@NullMarked
package io.chorus.spring.boot;

import org.jspecify.annotations.NullMarked;
