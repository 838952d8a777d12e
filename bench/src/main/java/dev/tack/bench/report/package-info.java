/**
 * The result of a load run as data ({@link dev.tack.bench.report.RunReport}, plain records that serialise
 * to the JSON the tool writes) and its outputs: the JSON file, HdrHistogram {@code .hgrm} percentile
 * distributions that the standard plotters read, the summary printed at the end, and the self-contained
 * HTML page with charts ({@link dev.tack.bench.report.HtmlReport}: the data, uPlot and {@code html/report.js}
 * from this package's resources inlined). {@link dev.tack.bench.report.CompareCommand} ({@code bench
 * compare}) puts the reports of several targets on one such page. Filled by {@code load} from
 * {@code stats}, {@code client} and {@code publish}.
 */
package dev.tack.bench.report;
