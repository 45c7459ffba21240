package io.renderwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws detection delay p95 against requests per job, one point per policy per scenario, from
 * the CSV that {@link PolicySimulation} writes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.renderwatch.bench.PolicyPlot results.csv out.png}.
 */
public final class PolicyPlot {

  /** A never-seen p95 is drawn at this height, above every finite one. */
  static final double NEVER = 20_000;

  private PolicyPlot() {}

  /** Reads the CSV and writes the PNG. */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path csv = Path.of(args[0]);
    Path png = Path.of(args[1]);
    XYChart chart = new XYChartBuilder().width(960).height(640)
        .title("Detection delay p95 vs requests per job")
        .xAxisTitle("requests per job (log)")
        .yAxisTitle("detection delay p95, s (log; top row = some jobs never seen)")
        .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(12);
    Color[] palette = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd)};
    Marker[] shapes = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};
    Map<String, Color> colors = new LinkedHashMap<>();
    Map<String, Marker> markers = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      String scenario = cells[0];
      String policy = cells[1];
      double requests = Double.parseDouble(cells[3]);
      double p95 = Double.parseDouble(cells[6]);
      Color color = colors.computeIfAbsent(policy, k -> palette[colors.size() % palette.length]);
      Marker shape = markers.computeIfAbsent(scenario, k -> shapes[markers.size() % shapes.length]);
      XYSeries series = chart.addSeries(policy + " / " + scenario, new double[] {requests},
          new double[] {Double.isInfinite(p95) ? NEVER : Math.max(p95, 0.1)});
      series.setMarker(shape);
      series.setMarkerColor(color);
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
