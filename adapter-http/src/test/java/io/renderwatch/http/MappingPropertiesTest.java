package io.renderwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.renderwatch.core.model.JobId;
import io.renderwatch.core.model.JobSnapshot;
import io.renderwatch.core.port.SourceException;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 9: the JSON mapping under arbitrary and mutated bodies gives only typed outcomes: a
 * snapshot of the asked job, or a {@link SourceException}; never another exception.
 */
class MappingPropertiesTest {

  static final JobId ASKED = JobId.parse("265a7c1a-4985-4058-9208-68114f131a2b");
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final ResponseMapper MAPPER = new ResponseMapper("renderwatch/test (+java)");

  static final List<String> VALID = List.of(
      "{\"job_id\":\"265a7c1a-4985-4058-9208-68114f131a2b\",\"success\":true,"
          + "\"data\":{\"status\":\"in-progress\"}}",
      "{\"job_id\":\"265a7c1a-4985-4058-9208-68114f131a2b\",\"success\":true,"
          + "\"data\":{\"status\":\"in-progress\",\"renderProgress\":42,"
          + "\"renderProgressMessage\":\"Generating video\",\"renderState\":\"RUNNING\"}}",
      "{\"job_id\":\"265a7c1a-4985-4058-9208-68114f131a2b\",\"success\":false,"
          + "\"data\":{\"status\":\"failed\",\"error_code\":\"4001\",\"error_message\":\"x\"}}",
      "{\"job_id\":\"265a7c1a-4985-4058-9208-68114f131a2b\",\"success\":true,"
          + "\"data\":{\"status\":\"completed\",\"progress\":100,"
          + "\"videoURL\":\"https://cdn.test/v.mp4\",\"videoShareURL\":\"https://v.test/s\","
          + "\"videoEmbedURL\":\"https://v.test/e\",\"audioURL\":\"https://cdn.test/a.mp3\","
          + "\"thumbnail\":\"https://cdn.test/t.jpg\",\"srtFile\":\"https://cdn.test/s.srt\","
          + "\"txtFile\":\"https://cdn.test/t.txt\",\"vttFile\":\"https://cdn.test/s.vtt\","
          + "\"videoDuration\":63.5,\"encodingDuration\":41.2}}",
      "{\"job_id\":\"265a7c1a-4985-4058-9208-68114f131a2b\",\"success\":false,"
          + "\"data\":{\"error_code\":\"5000\",\"error_message\":\"JOB_NOT_FOUND\"}}",
      "{\"message\":\"Unauthorized\"}");

  static final List<String> FIELDS = List.of("job_id", "success", "data", "status",
      "renderProgress", "renderProgressMessage", "renderState", "videoURL", "videoDuration",
      "encodingDuration", "error_code", "error_message", "thumbnail");

  @Property(tries = 3000)
  void arbitraryBodiesGiveOnlyTypedOutcomes(@ForAll("statuses") int code,
      @ForAll("bodies") String body, @ForAll("contentTypes") String contentType,
      @ForAll("retryAfters") String retryAfter) {
    assertTypedOutcome(new HttpAnswer(code, contentType, retryAfter, body, false, NOW));
  }

  @Property(tries = 3000)
  void mutatedValidBodiesGiveOnlyTypedOutcomes(@ForAll("statuses") int code,
      @ForAll("mutatedBodies") String body) {
    assertTypedOutcome(new HttpAnswer(code, "application/json", null, body, false, NOW));
  }

  @Property(tries = 2000)
  void anyJsonValueInAnyFieldGivesOnlyTypedOutcomes(@ForAll("withReplacedField") String body) {
    assertTypedOutcome(new HttpAnswer(200, "application/json", null, body, false, NOW));
  }

  private static void assertTypedOutcome(HttpAnswer answer) {
    JobSnapshot snapshot;
    try {
      snapshot = MAPPER.map(ASKED, answer);
    } catch (SourceException e) {
      // What a user reads: the status and the job asked about, and a kind that follows from the
      // status (or says the job is unknown, when the body says so).
      assertThat(e.getMessage()).contains("HTTP " + answer.code()).contains(ASKED.toString());
      assertThat(e.kind()).isIn(kindsFor(answer.code()));
      return;
    }
    // Only a 2xx answer about the asked job becomes a snapshot, of that job, at the time the
    // answer arrived, keeping the body as it came.
    assertThat(answer.code()).isBetween(200, 299);
    assertThat(snapshot.id()).isEqualTo(ASKED);
    assertThat(snapshot.observedAt()).isEqualTo(NOW);
    assertThat(snapshot.rawPayload()).contains(answer.body());
  }

  /** The kinds of failure an answer with this status may give. */
  private static List<SourceException.Kind> kindsFor(int code) {
    SourceException.Kind byStatus;
    if (code >= 200 && code < 300) {
      byStatus = SourceException.Kind.BAD_RESPONSE;
    } else if (code == 401) {
      byStatus = SourceException.Kind.UNAUTHORIZED;
    } else if (code == 403) {
      byStatus = SourceException.Kind.FORBIDDEN;
    } else if (code == 404 || code == 410) {
      byStatus = SourceException.Kind.NOT_FOUND;
    } else if (code == 429) {
      byStatus = SourceException.Kind.RATE_LIMITED;
    } else if (code == 408 || code >= 500) {
      byStatus = SourceException.Kind.UNAVAILABLE;
    } else {
      byStatus = SourceException.Kind.BAD_RESPONSE;
    }
    return List.of(byStatus, SourceException.Kind.NOT_FOUND);
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.oneOf(Arbitraries.of(200, 200, 200, 201, 204, 301, 400, 401, 403, 404,
        408, 410, 418, 429, 500, 502, 503), Arbitraries.integers().between(100, 599));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("application/json", "text/html; charset=utf-8", "", "x/y").injectNull(0.2);
  }

  @Provide
  Arbitrary<String> retryAfters() {
    return Arbitraries.oneOf(Arbitraries.of("0", "1", "-1", "99999999999999999999", "1.5",
        "Wed, 21 Oct 2015 07:28:00 GMT", "Thu, 01 Jan 2099 00:00:00 GMT", "soon"),
        Arbitraries.strings().ofMaxLength(40)).injectNull(0.5);
  }

  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+truefalsn \\u").ofMaxLength(200),
        jsonValues(4).map(Object::toString),
        Arbitraries.of("null", "[]", "{}", "\"\"", "1e999", "{\"data\":null}",
            "{\"data\":[]}", "{\"data\":{\"status\":null}}", "{\"data\":{\"status\":[1]}}",
            "<html>Just a moment...</html>", "\uFEFF{}", "[".repeat(300) + "]".repeat(300)))
        .injectNull(0.05);
  }

  @Provide
  Arbitrary<String> mutatedBodies() {
    Arbitrary<String> base = Arbitraries.of(VALID);
    return Combinators.combine(base, Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 50),
        Arbitraries.strings().ofMaxLength(12))
        .as((body, how, at, length, text) -> {
          int from = at % (body.length() + 1);
          int to = Math.min(body.length(), from + length);
          switch (how) {
            case 0:
              return body.substring(0, from) + body.substring(to);
            case 1:
              return body.substring(0, from) + text + body.substring(from);
            case 2:
              return body.substring(0, from) + text + body.substring(to);
            case 3:
              return body.substring(0, from);
            default:
              return body.replace("265a7c1a", "365a7c1a").substring(0, Math.max(0, to));
          }
        });
  }

  @Provide
  Arbitrary<String> withReplacedField() {
    return Combinators.combine(Arbitraries.of(VALID), Arbitraries.of(FIELDS), jsonValues(3))
        .as((body, field, value) -> {
          String key = "\"" + field + "\":";
          int at = body.indexOf(key);
          if (at < 0) {
            return "{" + key + value + "," + body.substring(1);
          }
          int start = at + key.length();
          int end = valueEnd(body, start);
          return body.substring(0, start) + value + body.substring(end);
        });
  }

  /** Where the JSON value starting at {@code start} ends (flat scan, good enough for VALID). */
  private static int valueEnd(String body, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < body.length(); i++) {
      char c = body.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
          if (depth == 0) {
            return i + 1;
          }
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return body.length();
  }

  private static Arbitrary<String> jsonValues(int depth) {
    Arbitrary<String> scalars = Arbitraries.oneOf(
        Arbitraries.of("null", "true", "false", "0", "-1", "100", "101", "1e308", "-1e308",
            "1e999", "NaN", "4.9e-324", "99999999999999999999999", "42.7", "\"\"", "\"42\"",
            "\"-5\"", "\"Infinity\"", "\"NaN\"", "\"completed\"", "\"failed\"",
            "\"in-progress\"", "\"JOB_NOT_FOUND\"", "\"http://evil.test/x\"",
            "\"javascript:alert(1)\"", "\"https://\"", "\"265a7c1a-4985-4058-9208-68114f131a2b\""),
        Arbitraries.strings().ofMaxLength(20).map(MappingPropertiesTest::quote),
        Arbitraries.doubles().map(String::valueOf));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<String> inner = jsonValues(depth - 1);
    return Arbitraries.oneOf(scalars, scalars,
        inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
        Combinators.combine(Arbitraries.of(FIELDS), inner).as((k, v) -> quote(k) + ":" + v)
            .list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}"));
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
