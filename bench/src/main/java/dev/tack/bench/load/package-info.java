/**
 * The {@code bench load} command: {@link dev.tack.bench.load.LoadCommand} turns the command line into a
 * {@link dev.tack.bench.load.LoadConfig}, and {@link dev.tack.bench.load.LoadRun} runs the phases (start
 * the origin, connect the {@code client} swarm, probe until every subscription is live, publish through
 * {@code publish}, drain, and optionally a reconnect storm) while a progress line or bar ticks and a
 * {@code Sampler} records the time series, then assembles the {@code report}. The only package
 * that knows the order of things; the others each do one part.
 */
package dev.tack.bench.load;
