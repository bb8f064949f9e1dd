/* The entity dashboard: the timeline chart and the world map, drawn from the page's json_script data. */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var DAY = 86400000;

  function toTime(iso) {
    return Date.parse(iso + "T00:00:00Z");
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function drawTimeline() {
    var data = readJson("timeline-data");
    var canvas = document.getElementById("timeline-chart");
    if (!data || !canvas || !window.Chart || !data.steps.length) {
      return;
    }
    var end = toTime(data.as_of);
    var un = data.steps.map(function (s) { return { x: toTime(s[0]), y: s[1] }; });
    var all = data.steps.map(function (s) { return { x: toTime(s[0]), y: s[2] }; });
    var last = data.steps[data.steps.length - 1];
    un.push({ x: end, y: last[1] });
    all.push({ x: end, y: last[2] });
    var agree = [];
    var disagree = [];
    data.claims.forEach(function (c) {
      var point = { x: toTime(c.as_of), y: c.number, ledger: c.ledger, counted: c.counted };
      (c.agrees ? agree : disagree).push(point);
    });
    var start = un[0].x;
    new window.Chart(canvas, {
      type: "line",
      data: {
        datasets: [
          { label: "UN members recognizing (ledger)", data: un, stepped: "after", borderColor: "#1f4e79",
            backgroundColor: "#1f4e79", pointRadius: 0, borderWidth: 2 },
          { label: "All states recognizing (ledger)", data: all, stepped: "after", borderColor: "#8aa4c0",
            backgroundColor: "#8aa4c0", pointRadius: 0, borderWidth: 1.5, borderDash: [5, 4] },
          { label: "Cable claim agreeing with the ledger", type: "scatter", data: agree, pointStyle: "rectRot",
            pointRadius: 7, borderColor: "#2e7d32", backgroundColor: "#2e7d32" },
          { label: "Cable claim disagreeing with the ledger", type: "scatter", data: disagree, pointStyle: "triangle",
            pointRadius: 9, borderColor: "#c62828", backgroundColor: "#c62828" }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: "nearest", intersect: false },
        scales: {
          x: { type: "linear", min: start - DAY, max: end + DAY,
               title: { display: true, text: "Date" },
               ticks: { maxTicksLimit: 8, callback: function (value) { return isoDay(value); } } },
          y: { beginAtZero: true, title: { display: true, text: "States recognizing" } }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? isoDay(items[0].parsed.x) : ""; },
              label: function (item) {
                var raw = item.raw;
                if (raw.ledger !== undefined) {
                  var what = raw.counted === "recognized_or_announced" ? "recognized or announced" : "recognized";
                  return "Cable claims " + raw.y + " " + what + "; ledger " + raw.ledger;
                }
                return item.dataset.label + ": " + item.parsed.y;
              }
            }
          }
        }
      }
    });
  }

  /* Natural Earth projection (Šavrič et al. 2011 polynomial), in radians. */
  function project(lon, lat) {
    var l = lat * Math.PI / 180;
    var p2 = l * l;
    var p4 = p2 * p2;
    var x = (lon * Math.PI / 180) * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
    var y = l * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
    return [x * 160, -y * 160];
  }

  /* A ring that crosses the antimeridian (Russia, Fiji) is drawn on one side, past the edge, where the view cuts it. */
  function ringPath(ring) {
    var out = "";
    var east = ring.some(function (p) { return p[0] > 160; });
    var west = ring.some(function (p) { return p[0] < -160; });
    var shift = east && west ? 360 : 0;
    for (var i = 0; i < ring.length; i += 1) {
      var lon = ring[i][0] < 0 ? ring[i][0] + shift : ring[i][0];
      var pt = project(lon, ring[i][1]);
      out += (i ? "L" : "M") + pt[0].toFixed(1) + "," + pt[1].toFixed(1);
    }
    return out + "Z";
  }

  function geometryPath(geometry) {
    if (!geometry) {
      return "";
    }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.map(function (polygon) { return polygon.map(ringPath).join(""); }).join("");
  }

  var SVG = "http://www.w3.org/2000/svg";

  function drawMap() {
    var box = document.getElementById("world-map");
    var data = readJson("map-data");
    if (!box || !data || !window.topojson) {
      return;
    }
    fetch(box.dataset.topology, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (topology) {
        var features = window.topojson.feature(topology, topology.objects.countries).features;
        var svg = document.createElementNS(SVG, "svg");
        svg.setAttribute("viewBox", "-440 -220 880 370");
        svg.setAttribute("class", "map-svg");
        svg.setAttribute("aria-hidden", "true");
        features.forEach(function (feature) {
          var name = feature.properties && feature.properties.name;
          if (feature.id === "010") {
            return; /* Antarctica */
          }
          var path = document.createElementNS(SVG, "path");
          path.setAttribute("d", geometryPath(feature.geometry));
          var title = document.createElementNS(SVG, "title");
          var state = feature.id !== undefined ? data.states[feature.id] : undefined;
          var isEntity = (data.entity.numeric && feature.id === data.entity.numeric) ||
            (feature.id === undefined && name === data.entity.short);
          var node = path;
          if (isEntity) {
            path.setAttribute("class", "state state-entity");
            title.textContent = data.entity.name;
          } else if (state) {
            path.setAttribute("class", "state state-" + state[0]);
            title.textContent = state[3];
            var link = document.createElementNS(SVG, "a");
            link.setAttribute("href", state[2]);
            link.setAttribute("tabindex", "-1");
            link.appendChild(path);
            node = link;
          } else {
            path.setAttribute("class", "state state-none");
            title.textContent = name || "Unknown";
          }
          path.appendChild(title);
          svg.appendChild(node);
        });
        box.textContent = "";
        box.appendChild(svg);
      })
      .catch(function () {
        box.textContent = "The map could not be drawn; the lists below give the same information.";
      });
  }

  drawTimeline();
  drawMap();
}());
