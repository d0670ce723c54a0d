/**
 * Voting: voters, robust answer parsing ({@link io.chorus.patterns.vote.AnswerParser}), option
 * matching ({@link io.chorus.patterns.vote.Choices}), aggregators ({@link
 * io.chorus.patterns.vote.Aggregators}), tallies, adaptive early stopping and self-consistency
 * ({@link io.chorus.patterns.vote.Voting}).
 */
@NullMarked
package io.chorus.patterns.vote;

import org.jspecify.annotations.NullMarked;
