// Ingestion job page: poll the job's progress and move the bar; reload once the job has finished
// so the page lists what was added and rejected.
(function () {
  "use strict";
  var card = document.querySelector("[data-progress-url]");
  if (!card || card.dataset.finished === "true") { return; }
  var url = card.dataset.progressUrl;
  var bar = card.querySelector("progress");
  var delay = 700;

  function show(job) {
    bar.value = job.percent;
    bar.textContent = job.percent + "%";
    Object.keys(job).forEach(function (key) {
      var field = card.querySelector('[data-field="' + key + '"]');
      if (field) { field.textContent = job[key]; }
    });
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (job) {
        show(job);
        if (job.finished) {
          window.setTimeout(function () { window.location.reload(); }, 400);
        } else {
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        delay = Math.min(delay * 2, 10000);
        window.setTimeout(poll, delay);
      });
  }
  poll();
})();
