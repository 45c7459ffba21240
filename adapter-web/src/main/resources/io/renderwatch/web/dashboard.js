// Renderwatch dashboard: keeps the server-rendered cards up to date from /events.
(function () {
  "use strict";
  var LINKS = [["videoURL", "Video"], ["videoShareURL", "Share page"], ["videoEmbedURL", "Embed"],
    ["audioURL", "Audio"], ["thumbnail", "Thumbnail"], ["srtFile", "SRT"], ["vttFile", "VTT"],
    ["txtFile", "Transcript"]];
  var LABELS = {"in-progress": "rendering", "completed": "completed", "failed": "failed",
    "error": "watch error"};
  var jobs = document.getElementById("jobs");

  function safe(url) {
    try {
      var u = new URL(url);
      if (u.protocol === "https:") { return true; }
      var h = u.hostname.replace(/^\[|\]$/g, "");
      return u.protocol === "http:" && (h === "localhost" || h === "::1" || /^127\./.test(h));
    } catch (e) { return false; }
  }

  function seconds(s) {
    if (s == null) { return ""; }
    s = Math.round(s);
    return s < 60 ? s + " s" : Math.floor(s / 60) + " min " + (s % 60) + " s";
  }

  function outcome(job) {
    if (job.status === "completed") {
      var parts = ["done"];
      if (job.videoDuration != null) { parts.push("video " + seconds(job.videoDuration)); }
      if (job.encodingDuration != null) { parts.push("render " + seconds(job.encodingDuration)); }
      return parts.join(" · ");
    }
    if (job.status === "failed" || job.status === "error") {
      return (job.error_code || job.status) + (job.error_message ? ": " + job.error_message : "");
    }
    return job.stage || "";
  }

  function card(id) {
    var el = document.getElementById("job-" + id);
    if (el) { return el; }
    el = document.createElement("article");
    el.className = "job";
    el.id = "job-" + id;
    el.innerHTML = '<div class="top"><code class="id"></code><span class="badge"></span></div>' +
      '<div class="bar"><div class="fill"></div></div>' +
      '<div class="meta"><span class="stage"></span><span class="eta"></span></div>' +
      '<div class="links"></div>';
    el.querySelector(".id").textContent = id;
    var empty = jobs.querySelector(".empty");
    if (empty) { empty.remove(); }
    jobs.insertBefore(el, jobs.firstChild);
    return el;
  }

  function render(job) {
    var el = card(job.job_id);
    el.dataset.status = job.status;
    el.querySelector(".badge").textContent = LABELS[job.status] || job.status;
    var pct = job.status === "in-progress" ? (job.progress || 0) : 100;
    el.querySelector(".fill").style.width = pct + "%";
    el.querySelector(".bar").setAttribute("aria-valuenow", String(pct));
    el.querySelector(".stage").textContent = outcome(job);
    var eta = el.querySelector(".eta");
    eta.dataset.eta = job.status === "in-progress" && job.estimated_completion ? job.estimated_completion : "";
    if (job.status !== "in-progress") { eta.textContent = ""; }
    var links = el.querySelector(".links");
    links.textContent = "";
    LINKS.forEach(function (pair) {
      var url = job[pair[0]];
      if (typeof url === "string" && safe(url)) {
        var a = document.createElement("a");
        a.href = url; a.textContent = pair[1]; a.rel = "noopener noreferrer"; a.target = "_blank";
        links.appendChild(a);
      }
    });
    tick();
    count();
  }

  function tick() {
    var now = Date.now();
    Array.prototype.forEach.call(document.querySelectorAll(".eta"), function (eta) {
      if (!eta.dataset.eta) { return; }
      var left = (Date.parse(eta.dataset.eta) - now) / 1000;
      eta.textContent = left > 1 ? "about " + seconds(left) + " left" : "any moment now";
    });
  }

  function count() {
    ["in-progress", "completed", "failed", "error"].forEach(function (status) {
      document.getElementById("count-" + status).textContent =
        String(jobs.querySelectorAll('.job[data-status="' + status + '"]').length);
    });
  }

  var live = document.getElementById("live");
  var liveText = document.getElementById("live-text");
  var source = new EventSource("/events");
  source.onopen = function () { live.dataset.state = "live"; liveText.textContent = "live"; };
  source.onerror = function () { live.dataset.state = "connecting"; liveText.textContent = "reconnecting…"; };
  source.addEventListener("job", function (e) {
    try { render(JSON.parse(e.data)); } catch (err) { /* ignore a malformed event */ }
  });
  setInterval(tick, 1000);
  tick();
  count();
}());
