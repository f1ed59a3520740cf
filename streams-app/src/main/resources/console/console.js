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

  var state = { token: sessionStorage.getItem("authwatch.token"), lastSummary: null, selected: null };

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
  function time(iso) { return iso ? new Date(iso).toLocaleString() : "–"; }
  function sum(obj) { return Object.keys(obj || {}).reduce(function (s, k) { return s + obj[k]; }, 0); }

  function api(path) {
    var headers = { "Accept": "application/json" };
    if (state.token) { headers["Authorization"] = "Bearer " + state.token; }
    return fetch(path, { headers: headers }).then(function (r) {
      if (r.status === 401) { $("token-panel").hidden = false; throw new Error("token required"); }
      return r.json().then(function (body) {
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
      $("window-label").textContent = "· window " + time(rows[0].window.start) + " – " + time(rows[0].window.end);
    }
    if (rows.length === 0) {
      body.appendChild(el("tr", {}, el("td", { colspan: "6", cls: "muted", text: "No app seen in the current window." })));
      return;
    }
    rows.forEach(function (row) {
      var open = function () { openApp(row.appId); };
      var tr = el("tr", { cls: "app-row" + (row.appId === state.selected ? " selected" : ""), "data-app": row.appId,
          onclick: open },
        el("td", {}, el("button", { cls: "app-link", type: "button", text: row.appId })),
        el("td", { cls: "num", text: fmt(row.window.activeUsers) }),
        el("td", { cls: "num", text: fmt(row.window.affectedUsers) }),
        el("td", { cls: "num", text: pct(row.window.affectedRate) }),
        el("td", { cls: "num", text: fmt(sum(row.window.violationsByRule)) }),
        el("td", {}, actionBadge(row.latestAction)));
      body.appendChild(tr);
    });
  }

  function renderFeed(violations) {
    var feed = clear($("feed"));
    if (violations.length === 0) { feed.appendChild(el("li", { cls: "muted", text: "No violations yet." })); return; }
    violations.forEach(function (v) {
      feed.appendChild(el("li", {},
        el("span", { cls: "muted small", text: time(v.detectedAt) }),
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
    var timeline = el("ol", { cls: "timeline", "data-testid": "timeline" });
    v.evidence.forEach(function (e) { timeline.appendChild(evidenceItem(e, t0)); });
    return el("article", { cls: "violation", "data-violation": v.violationId },
      el("div", { cls: "head" },
        el("strong", { text: RULE_LABELS[v.rule] || v.rule }),
        el("span", { cls: "badge badge-" + v.severity, text: v.severity }),
        el("span", { cls: "badge badge-" + v.confidence, text: v.confidence.replace("_", " ").toLowerCase() }),
        el("span", { cls: "muted small", text: time(v.eventTime) })),
      el("p", { cls: "reason", text: v.reason }),
      el("p", { cls: "muted small" }, "On ", el("span", { cls: "mono", text: v.path }),
        " (" + v.category.toLowerCase().replace(/_/g, " ") + ") · user ",
        el("span", { cls: "mono", text: v.userRef.substring(0, 10) }), " · session ",
        el("span", { cls: "mono", text: v.sessionId })),
      timeline);
  }

  function renderDrill(app) {
    var w = app.window;
    var body = clear($("drill-body"));
    $("drill-app").textContent = app.appId;
    body.appendChild(el("div", { cls: "counts" },
      el("div", {}, el("b", { text: fmt(w.activeUsers) }), "active users"),
      el("div", {}, el("b", { text: fmt(w.affectedUsers) }), "affected users"),
      el("div", {}, el("b", { text: pct(w.affectedRate) }), "affected rate"),
      el("div", {}, el("b", { text: fmt(sum(w.violationsByRule)) }), "counted violations")));
    var a = app.latestAction;
    body.appendChild(a
      ? el("div", { cls: "action " + a.action, "data-testid": "latest-action" },
          el("div", {}, actionBadge(a), " ", el("span", { cls: "muted small",
            text: "from " + time(a.effectiveFrom) + (a.expiresAt ? " until " + time(a.expiresAt) : "") })),
          el("p", { text: a.reason }))
      : el("p", { cls: "muted", text: "No enforcement action yet." }));
    body.appendChild(el("h3", { text: "Recent violations" }));
    if (app.recentViolations.length === 0) {
      body.appendChild(el("p", { cls: "muted", text: "None recorded." }));
    }
    app.recentViolations.forEach(function (v) { body.appendChild(violationCard(v)); });
  }

  function openApp(appId) {
    state.selected = appId;
    if (location.hash !== "#app=" + encodeURIComponent(appId)) { location.hash = "app=" + encodeURIComponent(appId); }
    Array.prototype.forEach.call(document.querySelectorAll("tr.app-row"), function (tr) {
      tr.classList.toggle("selected", tr.getAttribute("data-app") === appId);
    });
    return api("api/apps/" + encodeURIComponent(appId) + "?limit=10").then(function (app) {
      renderDrill(app);
      $("drill").hidden = false;
    }).catch(function (e) {
      clear($("drill-body")).appendChild(el("p", { cls: "muted", text: e.message }));
      $("drill-app").textContent = appId;
      $("drill").hidden = false;
    });
  }

  function poll() {
    refreshReady();
    Promise.all([
      api("api/summary").then(renderSummary),
      api("api/apps?limit=15").then(renderApps),
      api("api/violations?limit=12").then(renderFeed)
    ]).then(function () {
      $("token-panel").hidden = true;
      $("updated").textContent = "updated " + new Date().toLocaleTimeString();
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
