package dev.customerpulse.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * The evaluation as a self-contained HTML page: a table of every score's measures, ROC curves of all
 * scores and the calibration of the two that are probabilities, as SVG.
 */
public final class EvaluationChart {
  private static final int SIZE = 360;
  private static final int MARGIN = 48;
  /** One colour per score, in the order of {@link Evaluation#scores()}. */
  private static final String[] COLOURS = {"#c0392b", "#2471a3", "#7d8c2b", "#8e44ad", "#d68910"};

  private EvaluationChart() {}

  public static String html(Evaluation e) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Customer Pulse evaluation</title>\n")
        .append("<style>body{font-family:sans-serif;margin:2em;color:#222}figure{display:inline-block;margin:0 2em 2em 0}")
        .append("text{font-size:12px}table{border-collapse:collapse;margin-bottom:1.5em}td,th{padding:2px 10px;text-align:right}")
        .append("td:first-child,th:first-child{text-align:left}</style></head><body>\n")
        .append("<h1>Customer Pulse: churn scores against the holdout</h1>\n")
        .append(String.format(Locale.ROOT, "<p>%,d customers scored as of %s; %,d made no purchase by %s. "
            + "Holdout purchase days expected by the purchase-count model %,.1f, actual %,d.</p>\n",
            e.cases().size(), e.calibrationEnd(), e.churned(), e.holdoutEnd(), e.expectedHoldoutPurchases(), e.holdoutPurchases()));
    h.append(table(e));
    h.append("<figure>").append(rocSvg(e)).append("<figcaption>ROC: true against false positive rate</figcaption></figure>\n");
    h.append("<figure>").append(calibrationSvg(e))
        .append("<figcaption>Calibration: observed no-purchase rate against mean score, per tenth of customers</figcaption></figure>\n");
    h.append("</body></html>\n");
    return h.toString();
  }

  private static String table(Evaluation e) {
    StringBuilder t = new StringBuilder("<table><tr><th>score</th><th>ROC AUC</th><th>Brier</th><th>calibration error</th>")
        .append("<th>no purchase in top tenth</th></tr>\n");
    for (ScoreMetrics s : e.scores()) {
      t.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%s</td><td>%s</td><td>%.4f</td></tr>\n",
          s.name().replace("-", "&minus;"), s.roc().area(), EvaluationReport.number(s.brier()),
          EvaluationReport.number(s.calibrationError()), s.topTenthRate()));
    }
    ScoreMetrics best = e.bestBaseline();
    return t.append(String.format(Locale.ROOT, "</table>\n<p>Churn risk against the best baseline (%s): <b>%+.4f</b> ROC AUC.</p>\n",
        best.name().replace("-", "&minus;"), e.churnRisk().area() - best.roc().area())).toString();
  }

  private static String rocSvg(Evaluation e) {
    StringBuilder s = frame("false positive rate", "true positive rate");
    line(s, 0, 0, 1, 1, "#999", "4 3");
    List<ScoreMetrics> scores = e.scores();
    for (int i = 0; i < scores.size(); i++) {
      s.append(polyline(scores.get(i).roc().points().stream()
          .map(p -> new double[] {p.falsePositiveRate(), p.truePositiveRate()}).toList(), COLOURS[i]));
      legend(s, i, scores.size(), String.format(Locale.ROOT, "%s (AUC %.3f)", scores.get(i).name(), scores.get(i).roc().area()), COLOURS[i]);
    }
    return s.append("</svg>").toString();
  }

  private static String calibrationSvg(Evaluation e) {
    StringBuilder s = frame("mean score", "observed no-purchase rate");
    line(s, 0, 0, 1, 1, "#999", "4 3");
    List<ScoreMetrics> probabilities = e.scores().stream().filter(ScoreMetrics::probability).toList();
    for (int i = 0; i < probabilities.size(); i++) {
      ScoreMetrics m = probabilities.get(i);
      String colour = COLOURS[e.scores().indexOf(m)];
      points(s, m.calibration(), colour);
      legend(s, i, probabilities.size(), String.format(Locale.ROOT, "%s (ECE %.3f)", m.name(), m.calibrationError()), colour);
    }
    return s.append("</svg>").toString();
  }

  private static StringBuilder frame(String xLabel, String yLabel) {
    int full = SIZE + 2 * MARGIN;
    StringBuilder s = new StringBuilder();
    s.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", full, full, full, full));
    s.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>", MARGIN, MARGIN, SIZE, SIZE));
    for (int tick = 0; tick <= 10; tick += 2) {
      double v = tick / 10.0;
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>", x(v), MARGIN + SIZE + 16, v));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>", MARGIN - 6, y(v) + 4, v));
    }
    s.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", MARGIN + SIZE / 2, MARGIN + SIZE + 36, xLabel));
    s.append(String.format("<text transform=\"translate(14 %d) rotate(-90)\" text-anchor=\"middle\">%s</text>", MARGIN + SIZE / 2, yLabel));
    return s;
  }

  /** Entry {@code i} of {@code n} in the lower right corner, top to bottom. */
  private static void legend(StringBuilder s, int i, int n, String label, String colour) {
    int top = MARGIN + SIZE - 18 * n - 4 + 18 * i;
    s.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>", MARGIN + SIZE - 200, top, colour));
    s.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>", MARGIN + SIZE - 182, top + 4, label));
  }

  private static void line(StringBuilder s, double x1, double y1, double x2, double y2, String colour, String dash) {
    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"%s\"/>",
        x(x1), y(y1), x(x2), y(y2), colour, dash));
  }

  private static String polyline(List<double[]> points, String colour) {
    StringBuilder s = new StringBuilder("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"");
    for (double[] p : points) {
      s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p[0]), y(p[1])));
    }
    return s.append("\"/>").toString();
  }

  private static void points(StringBuilder s, List<CalibrationTable.Row> rows, String colour) {
    s.append(polyline(rows.stream().map(r -> new double[] {r.meanScore(), r.observedRate()}).toList(), colour));
    for (CalibrationTable.Row r : rows) {
      s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>", x(r.meanScore()), y(r.observedRate()), colour));
    }
  }

  private static double x(double v) {
    return MARGIN + v * SIZE;
  }

  private static double y(double v) {
    return MARGIN + SIZE - v * SIZE;
  }
}
