package io.renderwatch.web;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.JobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /}: one server-rendered page of job cards (the watched jobs and the most recent
 * stored ones), kept live by {@code dashboard.js} from {@code /events}. Nothing is fetched from
 * outside; output links are shown only when https or loopback http.
 */
final class Dashboard {

  static final int SHOWN = 100;
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline';"
      + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none';"
      + " frame-ancestors 'none'";

  private static final String[][] LINKS = {{"videoURL", "Video"},
      {"videoShareURL", "Share page"}, {"videoEmbedURL", "Embed"}, {"audioURL", "Audio"},
      {"thumbnail", "Thumbnail"}, {"srtFile", "SRT"}, {"vttFile", "VTT"},
      {"txtFile", "Transcript"}};
  private static final Map<String, String> LABELS = Map.of("in-progress", "rendering",
      "completed", "completed", "failed", "failed", "error", "watch error");

  private final String page = resource("dashboard.html");
  private final String script = resource("dashboard.js");
  private final JobStore store;
  private final JobFeed feed;
  private final Function<JobId, Optional<String>> objects;

  Dashboard(JobStore store, JobFeed feed, Function<JobId, Optional<String>> objects) {
    this.store = store;
    this.feed = feed;
    this.objects = objects;
  }

  String script() {
    return script;
  }

  /** The page, with the watched jobs first and then the most recently stored ones. */
  String render() {
    Map<JobId, String> shown = new LinkedHashMap<>();
    for (JobFeed.Latest latest : feed.recent()) {
      if (shown.size() >= SHOWN) {
        break;
      }
      shown.put(latest.id(), objects.apply(latest.id()).orElse(latest.json()));
    }
    for (JobSnapshot snapshot : store.page(Optional.empty(), SHOWN).items()) {
      if (shown.size() >= SHOWN) {
        break;
      }
      shown.computeIfAbsent(snapshot.id(), id -> JobJson.of(snapshot, Optional.empty()));
    }
    StringBuilder rows = new StringBuilder();
    for (String json : shown.values()) {
      rows.append(card(json));
    }
    if (shown.isEmpty()) {
      rows.append("<p class=\"empty\">No jobs yet. PUT /jobs/{id} to watch one, or point"
          + " Pictory's webhook here.</p>");
    }
    return page.replace("{{ROWS}}", rows);
  }

  static String card(String json) {
    @SuppressWarnings("unchecked")
    Map<String, Object> job = (Map<String, Object>) JsonReader.parse(json);
    String id = String.valueOf(job.get("job_id"));
    String status = String.valueOf(job.get("status"));
    double progress = job.get("progress") instanceof Double d ? d : 0;
    int percent = status.equals("in-progress") ? (int) progress : 100;
    String eta = status.equals("in-progress") && job.get("estimated_completion") instanceof String s
        ? s : "";
    StringBuilder html = new StringBuilder();
    html.append("<article class=\"job\" id=\"job-").append(escape(id))
        .append("\" data-status=\"").append(escape(status)).append("\">")
        .append("<div class=\"top\"><code class=\"id\">").append(escape(id))
        .append("</code><span class=\"badge\">")
        .append(escape(LABELS.getOrDefault(status, status))).append("</span></div>")
        .append("<div class=\"bar\" aria-valuenow=\"").append(percent)
        .append("\"><div class=\"fill\" style=\"width:").append(percent).append("%\"></div></div>")
        .append("<div class=\"meta\"><span class=\"stage\">").append(escape(outcome(job)))
        .append("</span><span class=\"eta\" data-eta=\"").append(escape(eta)).append("\">")
        .append(escape(timeLeft(eta))).append("</span></div><div class=\"links\">");
    for (String[] link : LINKS) {
      if (job.get(link[0]) instanceof String url && safe(url)) {
        html.append("<a href=\"").append(escape(url))
            .append("\" rel=\"noopener noreferrer\" target=\"_blank\">").append(link[1])
            .append("</a>");
      }
    }
    return html.append("</div></article>\n").toString();
  }

  private static String outcome(Map<String, Object> job) {
    String status = String.valueOf(job.get("status"));
    if (status.equals("completed")) {
      StringBuilder text = new StringBuilder("done");
      if (job.get("videoDuration") instanceof Double video) {
        text.append(" · video ").append(seconds(video));
      }
      if (job.get("encodingDuration") instanceof Double render) {
        text.append(" · render ").append(seconds(render));
      }
      return text.toString();
    }
    if (status.equals("failed") || status.equals("error")) {
      Object code = job.get("error_code");
      Object message = job.get("error_message");
      return (code == null || code.toString().isEmpty() ? status : code)
          + (message == null || message.toString().isEmpty() ? "" : ": " + message);
    }
    return job.get("stage") == null ? "" : job.get("stage").toString();
  }

  private static String timeLeft(String eta) {
    if (eta.isEmpty()) {
      return "";
    }
    long left = Duration.between(Instant.now(), Instant.parse(eta)).toSeconds();
    return left > 1 ? "about " + seconds(left) + " left" : "any moment now";
  }

  private static String seconds(double value) {
    long s = Math.round(value);
    return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
  }

  private static boolean safe(String url) {
    try {
      return JobJson.isSafe(new URI(url));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '&':
          out.append("&amp;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  private static String resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The dashboard resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
