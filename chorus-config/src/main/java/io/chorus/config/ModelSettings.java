package io.chorus.config;

/** Settings for one model ({@code provider:model}): its limits and its price, both optional. */
public record ModelSettings(LimitsSettings limits, PriceSettings price) {}
