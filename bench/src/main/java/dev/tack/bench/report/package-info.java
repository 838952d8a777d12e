/**
 * The result of a load run as data ({@link dev.tack.bench.report.RunReport}, plain records that serialise
 * to the JSON the tool writes) and its outputs: the JSON file, HdrHistogram {@code .hgrm} percentile
 * distributions that the standard plotters read, and the summary printed at the end. Filled by {@code load}
 * from {@code stats}, {@code client} and {@code publish}.
 */
package dev.tack.bench.report;
