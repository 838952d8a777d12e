/**
 * {@code bench soak}: Tack under abuse, scenario by scenario (docs/reliability.md). Each scenario starts Tack as a
 * process of its own ({@link dev.tack.bench.soak.TackProcess}), keeps a population of healthy subscribers
 * ({@link dev.tack.bench.soak.Healthy}) receiving numbered messages, abuses Tack in one way, and reports whether it
 * crashed, how many healthy connections were affected, how many messages they lost, its peak memory and how long it
 * took to recover.
 */
package dev.tack.bench.soak;
