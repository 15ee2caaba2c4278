package dev.driftguard.compare.exec;

/** What the same work returned on each side. */
public record BothSides<T>(T source, T target) {}
