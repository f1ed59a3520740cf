// authwatch ops console: polls the monitor's own JSON API and renders it. No framework, no build step.
// Everything from the API is inserted as text (never as HTML), so app-supplied paths cannot inject markup.
(function () {
  "use strict";

  var POLL_MS = 5000;
  var RULE_LABELS = {
    FIRST_SCREEN_PROMPT: "1.1 Prompt on the first screen",
    CONTENT_GATED_ENTRY: "1.2 Content hidden until authorized",
    NON_ESSENTIAL_SECTION_PROMPT: "2 Forced to browse",
    NON_ESSENTIAL_SCENE_PROMPT: "3 Forced in an in-store scene",
    REPROMPT_AFTER_DENIAL: "4 Asked again after refusal"
  };
  var TIERS = ["WARNING", "RESTRICT_PHONE_AUTH", "SUSPEND_PHONE_AUTH"];
  var TIER_LABELS = { WARNING: "Warning", RESTRICT_PHONE_AUTH: "Restrict", SUSPEND_PHONE_AUTH: "Suspend" };
  var EVIDENCE_ROLES = {
    AppLaunch: ["saw", "User opened"],
    PageView: ["saw", "User saw"],
    OrderContext: ["saw", "Scene"],
    UserInteraction: ["did", "User did"],
    PhoneAuthPrompt: ["asked", "App asked"],
    PhoneAuthResult: ["answered", "User answered"]
  };

  var DAY_MS = 86400000;
  var SVG = "http://www.w3.org/2000/svg";
  var HISTORY_DAYS = 14;

  var state = { token: sessionStorage.getItem("authwatch.token"), lastSummary: null, selected: null,
    zone: "Asia/Shanghai", ruleFilter: "", next: null };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      if (k === "text") { node.textContent = a[k]; }
      else if (k === "cls") { node.className = a[k]; }
      else if (k.indexOf("on") === 0) { node.addEventListener(k.substring(2), a[k]); }
      else { node.setAttribute(k, a[k]); }
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) { continue; }
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  function fmt(n) { return Math.round(n).toLocaleString(); }
  function pct(x) { return (x * 100).toFixed(1) + " %"; }
  // Every time is shown in the enforcement zone (enforce.zone, from /api/summary), which it names: the
  // windows are that zone's days, and the actions' reasons use it too.
  function localParts(date) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: state.zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).formatToParts(date)
      .forEach(function (p) { parts[p.type] = p.value; });
    return parts;
  }
  function stamp(iso, withSeconds) {
    var p = localParts(new Date(iso));
    return p.year + "-" + p.month + "-" + p.day + " " + p.hour + ":" + p.minute + (withSeconds ? ":" + p.second : "");
  }
  function day(iso) { var p = localParts(new Date(iso)); return p.month + "-" + p.day; }
  function time(iso, withSeconds) {
    if (!iso) { return el("span", { text: "–" }); }
    return el("time", { cls: "ts", datetime: iso, text: stamp(iso, withSeconds) + " " + state.zone });
  }
  function timeLeft(iso) {
    if (!iso) { return "no end"; }
    var ms = new Date(iso) - Date.now();
    if (ms <= 0) { return "expired"; }
    var d = Math.floor(ms / DAY_MS);
    var h = Math.floor((ms % DAY_MS) / 3600000);
    var m = Math.floor((ms % 3600000) / 60000);
    return d > 0 ? d + " d " + h + " h left" : (h > 0 ? h + " h " + m + " min left" : m + " min left");
  }
  function sum(obj) { return Object.keys(obj || {}).reduce(function (s, k) { return s + obj[k]; }, 0); }

  function api(path) {
    var headers = { "Accept": "application/json" };
    if (state.token) { headers["Authorization"] = "Bearer " + state.token; }
    return fetch(path, { headers: headers }).then(function (r) {
      if (r.status === 401) { $("token-panel").hidden = false; throw new Error("token required"); }
      return r.json().then(function (body) {
        if (!r.ok && body && body.error) { body.error = "HTTP " + r.status + ": " + body.error; }
        if (!r.ok) { throw new Error(body && body.error ? body.error : "HTTP " + r.status); }
        return body;
      });
    });
  }

  function refreshReady() {
    fetch("readyz").then(function (r) { return r.json(); }).then(function (b) {
      var pill = $("ready");
      pill.textContent = b.status === "READY" ? "running" : (b.streamsState || "not ready").toLowerCase();
      pill.className = "pill " + (b.status === "READY" ? "pill-ok" : "pill-bad");
    }).catch(function () {
      $("ready").textContent = "unreachable";
      $("ready").className = "pill pill-bad";
    });
  }

  function renderSummary(s) {
    var events = sum(s.eventsByType);
    var prev = state.lastSummary;
    if (prev) {
      var seconds = (new Date(s.generatedAt) - new Date(prev.generatedAt)) / 1000;
      var delta = events - sum(prev.eventsByType);
      if (seconds > 0 && delta >= 0) { $("events-rate").textContent = (delta / seconds).toFixed(1); }
    }
    state.lastSummary = s;
    if (s.zone) { state.zone = s.zone; }
    $("events-total").textContent = fmt(events);
    $("violations-total").textContent = fmt(sum(s.violationsByRule));
    $("dlq-total").textContent = fmt(s.dlqRecords);
    renderRules(s.violationsByRule || {});
    renderTiers(s.actionsByTier || {});
    $("quality").textContent = "Duplicates " + fmt(s.duplicateEvents) + " · sequence gaps " + fmt(s.sequenceGaps)
      + " · late events " + fmt(s.lateEvents) + " · instances " + s.instances
      + (s.unreachableInstances ? " (" + s.unreachableInstances + " unreachable)" : "");
  }

  function renderRules(byRule) {
    var box = clear($("by-rule"));
    var rules = Object.keys(byRule).filter(function (r) { return byRule[r] > 0; })
      .sort(function (a, b) { return byRule[b] - byRule[a]; });
    if (rules.length === 0) { box.appendChild(el("p", { cls: "muted", text: "No violations yet." })); return; }
    var max = byRule[rules[0]];
    rules.forEach(function (r) {
      var fill = el("div", { cls: "fill" });
      fill.style.width = (100 * byRule[r] / max).toFixed(1) + "%";
      box.appendChild(el("div", { cls: "bar", "data-rule": r },
        el("span", { text: RULE_LABELS[r] || r }), el("div", { cls: "track" }, fill),
        el("span", { cls: "count", text: fmt(byRule[r]) })));
    });
  }

  function renderTiers(byTier) {
    var box = clear($("by-tier"));
    TIERS.forEach(function (t) {
      box.appendChild(el("div", { cls: "tier" }, el("span", { cls: "badge badge-" + t, text: TIER_LABELS[t] }),
        el("div", { cls: "n", text: fmt(byTier[t] || 0) })));
    });
  }

  function actionBadge(action) {
    if (!action) { return el("span", { cls: "badge badge-none", text: "none" }); }
    return el("span", { cls: "badge badge-" + action.action, text: TIER_LABELS[action.action] || action.action });
  }

  function renderApps(rows) {
    var body = clear($("apps-body"));
    if (rows.length > 0) {
      clear($("window-label")).appendChild(el("span", {}, "· window ", time(rows[0].window.start), " – ",
        time(rows[0].window.end)));
    }
    if (rows.length === 0) {
      body.appendChild(el("tr", {}, el("td", { colspan: "6", cls: "muted", text: "No app seen in the current window." })));
      return;
    }
    rows.forEach(function (row) {
      var open = function () { openApp(row.appId); };
      var tr = el("tr", { cls: "app-row" + (row.appId === state.selected ? " selected" : ""), "data-app": row.appId,
          onclick: open },
        el("td", { "data-label": "App" }, el("button", { cls: "app-link", type: "button", text: row.appId })),
        el("td", { cls: "num", "data-label": "Active users", text: fmt(row.window.activeUsers) }),
        el("td", { cls: "num", "data-label": "Affected users", text: fmt(row.window.affectedUsers) }),
        el("td", { cls: "num", "data-label": "Affected rate", text: pct(row.window.affectedRate) }),
        el("td", { cls: "num", "data-label": "Violations", text: fmt(sum(row.window.violationsByRule)) }),
        el("td", { "data-label": "Latest action" }, actionBadge(row.latestAction)));
      body.appendChild(tr);
    });
  }

  function renderFeed(page) {
    var violations = page.violations;
    var feed = clear($("feed"));
    if (violations.length === 0) { feed.appendChild(el("li", { cls: "muted", text: "No violations yet." })); return; }
    violations.forEach(function (v) {
      feed.appendChild(el("li", {},
        el("span", { cls: "muted small" }, time(v.detectedAt, true)),
        el("button", { cls: "app-link", type: "button", text: v.appId, onclick: function () { openApp(v.appId); } }),
        el("span", { cls: "badge badge-" + v.severity, text: v.severity }),
        el("span", { text: v.reason })));
    });
  }

  function evidenceItem(e, t0) {
    var role = EVIDENCE_ROLES[e.type] || ["", e.type];
    var offset = ((new Date(e.eventTime) - t0) / 1000).toFixed(1);
    return el("li", { cls: role[0], "data-type": e.type },
      el("span", { cls: "t", text: "+" + offset + " s" }),
      el("span", { cls: "who", text: role[1] }),
      el("span", { text: e.detail || e.type }),
      e.path ? el("span", { cls: "mono muted", text: "  " + e.path }) : null);
  }

  function violationCard(v) {
    var t0 = v.evidence.length > 0 ? new Date(v.evidence[0].eventTime) : new Date(v.eventTime);
    var timeline = el("ol", { cls: "timeline", "data-testid": "timeline", "aria-label": "Evidence, from "
      + stamp(t0.toISOString(), true) + " " + state.zone });
    v.evidence.forEach(function (e) { timeline.appendChild(evidenceItem(e, t0)); });
    var from = el("p", { cls: "muted small" }, "Evidence from ", time(t0.toISOString(), true), ", in seconds after it:");
    return el("article", { cls: "violation", "data-violation": v.violationId },
      el("div", { cls: "head" },
        el("strong", { text: RULE_LABELS[v.rule] || v.rule }),
        el("span", { cls: "badge badge-" + v.severity, text: v.severity }),
        el("span", { cls: "badge badge-" + v.confidence, text: v.confidence.replace("_", " ").toLowerCase() }),
        el("span", { cls: "muted small" }, time(v.eventTime, true))),
      el("p", { cls: "reason", text: v.reason }),
      el("p", { cls: "muted small" }, "On ", el("span", { cls: "mono", text: v.path }),
        " (" + v.category.toLowerCase().replace(/_/g, " ") + ") · user ",
        el("span", { cls: "mono", text: v.userRef.substring(0, 10) }), " · session ",
        el("span", { cls: "mono", text: v.sessionId })),
      from, timeline);
  }

  function actionLine(a) {
    return el("div", {}, actionBadge(a), " ", el("span", { cls: "muted small" }, "from ", time(a.effectiveFrom),
      a.expiresAt ? " until " : "", a.expiresAt ? time(a.expiresAt) : null, " · ",
      el("span", { cls: "time-left", "data-expires": a.expiresAt || "", text: timeLeft(a.expiresAt) })));
  }

  function renderDrill(app) {
    var w = app.window;
    var body = clear($("drill-body"));
    $("drill-app").textContent = app.appId;
    body.appendChild(el("p", { cls: "muted small" }, "Current window ", time(w.start), " – ", time(w.end)));
    body.appendChild(el("div", { cls: "counts" },
      el("div", {}, el("b", { text: fmt(w.activeUsers) }), "active users"),
      el("div", {}, el("b", { text: fmt(w.affectedUsers) }), "affected users"),
      el("div", {}, el("b", { text: pct(w.affectedRate) }), "affected rate"),
      el("div", {}, el("b", { text: fmt(sum(w.violationsByRule)) }), "counted violations")));
    var a = app.latestAction;
    body.appendChild(a
      ? el("div", { cls: "action " + a.action, "data-testid": "latest-action" }, actionLine(a), el("p", { text: a.reason }))
      : el("p", { cls: "muted", text: "No enforcement action yet." }));
    body.appendChild(el("h3", { text: "Last " + HISTORY_DAYS + " days" }));
    body.appendChild(el("div", { id: "history", "data-testid": "history" }, el("p", { cls: "muted", text: "Loading…" })));
    var select = el("select", { id: "rule-filter", "aria-label": "Rule", onchange: function () {
      state.ruleFilter = select.value;
      loadViolations(app.appId, null);
    } }, el("option", { value: "", text: "every rule" }));
    Object.keys(RULE_LABELS).forEach(function (r) {
      var o = el("option", { value: r, text: RULE_LABELS[r] });
      if (r === state.ruleFilter) { o.selected = true; }
      select.appendChild(o);
    });
    body.appendChild(el("div", { cls: "card-head" }, el("h3", { text: "Recent violations" }),
      el("label", { cls: "small muted" }, "Rule ", select)));
    body.appendChild(el("div", { id: "app-violations" }));
    body.appendChild(el("button", { id: "older", cls: "link", type: "button", hidden: "hidden", text: "Older violations",
      onclick: function () { loadViolations(app.appId, state.next); } }));
  }

  function loadViolations(appId, before) {
    var q = "api/violations?limit=10&appId=" + encodeURIComponent(appId)
      + (state.ruleFilter ? "&rule=" + state.ruleFilter : "") + (before ? "&before=" + encodeURIComponent(before) : "");
    return api(q).then(function (page) {
      var box = $("app-violations");
      if (!before) { clear(box); }
      if (!before && page.violations.length === 0) {
        box.appendChild(el("p", { cls: "muted", text: "None recorded." }));
      }
      page.violations.forEach(function (v) { box.appendChild(violationCard(v)); });
      state.next = page.next;
      $("older").hidden = !page.next;
    });
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    for (var i = 2; i < arguments.length; i++) { if (arguments[i]) { node.appendChild(arguments[i]); } }
    return node;
  }

  function title(text) { var t = document.createElementNS(SVG, "title"); t.textContent = text; return t; }

  // A round number at or above x: 1, 2, 5 × 10^n.
  function niceCeil(x) {
    if (x <= 0) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(x)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * p >= x) { return steps[i] * p; } }
    return 10 * p;
  }

  // The app's windows as bars of affected users (left axis) and a line of the affected rate (right
  // axis), with each tier's thresholds as dashed lines and each action as a marker where it took effect.
  // Every number drawn is the API's, kept on the element (data-*) so that it can be checked.
  function historyChart(h, width) {
    // drawn at the width it is shown at, so that its labels keep their size on a phone
    var W = Math.max(300, Math.min(1000, width || 640)), H = W < 500 ? 220 : 260;
    var L = 44, R = 44, T = 18, B = 34, pw = W - L - R, ph = H - T - B;
    var windows = h.windows.slice().reverse();
    var end = Date.now();
    windows.forEach(function (w) { end = Math.max(end, new Date(w.end).getTime()); });
    var start = end - h.days * DAY_MS;
    var maxUsers = 0, maxRate = 0;
    windows.forEach(function (w) { maxUsers = Math.max(maxUsers, w.affectedUsers); maxRate = Math.max(maxRate, w.affectedRate); });
    var userTiers = h.tiers.map(function (t) { return t.minUsers; }).sort(function (a, b) { return a - b; });
    var nextTier = userTiers.filter(function (u) { return u > maxUsers; })[0];
    var yMax = niceCeil(Math.max(maxUsers, nextTier || maxUsers, 1));
    var rateTiers = h.tiers.filter(function (t) { return t.minRate > 0; });
    var rMax = Math.min(1, niceCeil(Math.max(maxRate, Math.max.apply(null, rateTiers.map(function (t) { return t.minRate; }).concat([0.01])) * 1.2)));
    var x = function (ms) { return L + (ms - start) / (end - start) * pw; };
    var y = function (u) { return T + ph - u / yMax * ph; };
    var yr = function (r) { return T + ph - r / rMax * ph; };
    var chart = svg("svg", { id: "history-chart", viewBox: "0 0 " + W + " " + H, role: "img", "data-y-max": yMax,
      "data-rate-max": rMax, "data-plot-height": ph, "aria-label": "Affected users and affected rate per window, last "
        + h.days + " days, in " + h.zone });
    chart.appendChild(svg("rect", { x: L, y: T, width: pw, height: ph, "class": "plot" }));
    [0, yMax / 2, yMax].forEach(function (u) {
      chart.appendChild(svg("text", { x: L - 6, y: y(u) + 4, "text-anchor": "end", "class": "axis" })).textContent = fmt(u);
    });
    [0, rMax / 2, rMax].forEach(function (r) {
      chart.appendChild(svg("text", { x: L + pw + 6, y: yr(r) + 4, "class": "axis rate" })).textContent = (r * 100).toFixed(0) + "%";
    });
    h.tiers.forEach(function (t) {
      if (t.minUsers <= yMax) {
        chart.appendChild(svg("line", { x1: L, x2: L + pw, y1: y(t.minUsers), y2: y(t.minUsers),
          "class": "threshold users " + t.action, "data-tier": t.action, "data-users": t.minUsers },
          title(TIER_LABELS[t.action] + " at " + t.minUsers + " affected users")));
      }
      if (t.minRate > 0 && t.minRate <= rMax) {
        chart.appendChild(svg("line", { x1: L, x2: L + pw, y1: yr(t.minRate), y2: yr(t.minRate),
          "class": "threshold rate " + t.action, "data-tier": t.action, "data-rate": t.minRate },
          title(TIER_LABELS[t.action] + " also needs a rate of " + pct(t.minRate))));
      }
    });
    var points = [];
    windows.forEach(function (w) {
      var x0 = x(new Date(w.start).getTime()), x1 = x(new Date(w.end).getTime());
      var gap = Math.min(4, (x1 - x0) * 0.15);
      chart.appendChild(svg("rect", { x: x0 + gap, width: Math.max(1, x1 - x0 - 2 * gap), y: y(w.affectedUsers),
        height: ph - (y(w.affectedUsers) - T), "class": "bar", "data-start": w.start, "data-affected": w.affectedUsers,
        "data-active": w.activeUsers, "data-rate": w.affectedRate },
        title(stamp(w.start) + " " + h.zone + ": " + w.affectedUsers + " of " + w.activeUsers + " active users affected ("
          + pct(w.affectedRate) + ")")));
      var cx = (x0 + x1) / 2;
      points.push(cx + "," + yr(w.affectedRate));
      chart.appendChild(svg("circle", { cx: cx, cy: yr(w.affectedRate), r: 3, "class": "rate-point", "data-start": w.start,
        "data-rate": w.affectedRate }));
      var every = Math.ceil(windows.length / Math.max(2, Math.floor(pw / 48)));
      if (windows.indexOf(w) % every === 0) {
        chart.appendChild(svg("text", { x: cx, y: H - B + 16, "text-anchor": "middle", "class": "axis" })).textContent = day(w.start);
      }
      w.actions.forEach(function (a, i) {
        var ax = x(new Date(a.effectiveFrom).getTime());
        chart.appendChild(svg("path", { d: "M" + (ax - 6) + "," + (T - 12 + i * 0) + " l6,10 l6,-10 z",
          "class": "action-mark " + a.action, "data-action": a.action, "data-effective": a.effectiveFrom },
          title(TIER_LABELS[a.action] + " from " + stamp(a.effectiveFrom) + " " + h.zone)));
      });
    });
    if (points.length > 1) {
      chart.insertBefore(svg("polyline", { points: points.join(" "), "class": "rate-line" }), chart.querySelector(".rate-point"));
    }
    return chart;
  }

  function renderHistory(h) {
    var box = clear($("history"));
    if (h.windows.length === 0) {
      box.appendChild(el("p", { cls: "muted", text: "No activity in the last " + h.days + " days." }));
      return;
    }
    box.appendChild(historyChart(h, box.clientWidth));
    box.appendChild(el("p", { cls: "legend small muted" },
      el("span", { cls: "key bar-key" }), "affected users per window (left) ",
      el("span", { cls: "key rate-key" }), "affected rate (right) ",
      el("span", { cls: "key threshold-key" }), "tier thresholds ",
      el("span", { cls: "key mark-key" }), "actions · days in " + h.zone));
  }

  function renderActions(actions) {
    var box = clear($("actions"));
    if (actions.length === 0) { box.appendChild(el("li", { cls: "muted", text: "No action in force." })); return; }
    actions.forEach(function (a) {
      box.appendChild(el("li", { cls: "action-row action " + a.action, "data-action-id": a.actionId, "data-app": a.appId },
        el("div", { cls: "head" }, el("button", { cls: "app-link", type: "button", text: a.appId,
          onclick: function () { openApp(a.appId); } }), actionLine(a)),
        el("p", { cls: "small", text: a.reason })));
    });
  }

  function openApp(appId) {
    var changed = state.selected !== appId;
    state.selected = appId;
    if (changed) { state.ruleFilter = ""; }
    if (location.hash !== "#app=" + encodeURIComponent(appId)) { location.hash = "app=" + encodeURIComponent(appId); }
    Array.prototype.forEach.call(document.querySelectorAll("tr.app-row"), function (tr) {
      tr.classList.toggle("selected", tr.getAttribute("data-app") === appId);
    });
    return api("api/apps/" + encodeURIComponent(appId) + "?limit=1").then(function (app) {
      renderDrill(app);
      $("drill").hidden = false;
      return Promise.all([
        api("api/apps/" + encodeURIComponent(appId) + "/history?days=" + HISTORY_DAYS).then(renderHistory),
        loadViolations(appId, null)]);
    }).catch(function (e) {
      clear($("drill-body")).appendChild(el("p", { cls: "muted", text: e.message }));
      $("drill-app").textContent = appId;
      $("drill").hidden = false;
    });
  }

  function poll() {
    refreshReady();
    // the summary first: it names the zone every time is shown in
    api("api/summary").then(renderSummary).then(function () {
      return Promise.all([
        api("api/actions?active=true&limit=50").then(renderActions),
        api("api/apps?limit=15").then(renderApps),
        api("api/violations?limit=12").then(renderFeed)
      ]);
    }).then(function () {
      $("token-panel").hidden = true;
      clear($("updated")).appendChild(el("span", {}, "updated ", time(new Date().toISOString(), true)));
    }).catch(function (e) {
      $("updated").textContent = e.message;
    });
  }

  $("token-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    state.token = $("token-input").value.trim();
    sessionStorage.setItem("authwatch.token", state.token);
    poll();
  });
  $("drill-close").addEventListener("click", function () {
    state.selected = null;
    $("drill").hidden = true;
    history.replaceState(null, "", location.pathname);
  });

  var m = /^#app=(.+)$/.exec(location.hash);
  if (m) { openApp(decodeURIComponent(m[1])); }
  poll();
  setInterval(poll, POLL_MS);
}());
