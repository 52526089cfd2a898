// PxeKit's dashboard: reads the management API (docs/api.md) and follows its event stream. No framework, no build step.
// Every string from the server reaches the page as text (textContent, text nodes), never as HTML.
"use strict";

(() => {
  const api = "/api/v1";
  const maxTimeline = 512;     // events kept for the machine shown (the API sends at most 256; the stream adds)
  const maxVerdicts = 256;     // as many as the API keeps
  const maxStreamBuffer = 1 << 20; // one event larger than this is not an event of ours: the stream is dropped
  // Steps the timeline folds away, as `pxekit boot` does: a request is told by its outcome, the wire by the server.
  const folded = new Set(["TftpRequest", "HttpRequest", "WireDhcp", "WireTftp", "WireDhcpReply", "WireBootServer",
    "WireDhcpForwarded", "ServerReady"]);
  const stepNames = { KernelStarted: "kernel", Marker: "marker", Firmware: "firmware" };

  const byId = (id) => document.querySelector(`[data-testid="${id}"]`);
  const state = {
    selected: null,        // the MAC whose timeline is shown
    timeline: [],          // its events, oldest first
    timelineKeys: new Set(),
    verdicts: [],          // {time, mac, verdict}, newest first
    verdictKeys: new Set(),
    refreshTimer: 0,
    loadingMac: null,
  };

  // ---- the API ----

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  function token() {
    try {
      return localStorage.getItem("pxekit-token") || "";
    } catch {
      return "";
    }
  }

  function headers(extra) {
    const all = Object.assign({}, extra);
    const t = token();
    if (t) {
      all.Authorization = "Bearer " + t;
    }
    return all;
  }

  async function request(path, options) {
    const response = await fetch(api + path, Object.assign({ cache: "no-store" }, options));
    if (!response.ok) {
      throw new ApiError(response.status, await errorText(response));
    }
    return response;
  }

  async function getJson(path) {
    const response = await request(path, { headers: headers({ Accept: "application/json" }) });
    return response.json();
  }

  // What an error answer says, in its own words when it has some (JSON {error} or {errors}, or plain text).
  async function errorText(response) {
    let text = "";
    try {
      text = (await response.text()).trim();
    } catch {
      // no body
    }
    try {
      const body = JSON.parse(text);
      if (body && typeof body.error === "string" && Array.isArray(body.problems) && body.problems.length > 0) {
        return `${body.error}: ${body.problems.map(String).join("; ")}`;
      }
      if (body && typeof body.error === "string") {
        return body.error;
      }
      if (body && typeof body.title === "string") {
        return body.detail ? `${body.title} ${body.detail}` : body.title;
      }
    } catch {
      // not JSON: the text itself
    }
    return text.length > 500 ? text.slice(0, 500) + "…" : text || `HTTP ${response.status}`;
  }

  function showProblem(error) {
    const problem = byId("api-error");
    const tokenForm = byId("token-form");
    if (!error) {
      problem.hidden = true;
      problem.textContent = "";
      tokenForm.hidden = true;
      return;
    }
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      problem.textContent = token()
        ? "The server refused this browser's token. Enter the token from the server's token file."
        : "This server asks for a token. Enter the token from the server's token file.";
      tokenForm.hidden = false;
    } else if (error instanceof ApiError) {
      problem.textContent = `The server answered with an error (HTTP ${error.status}): ${error.message}`;
    } else {
      problem.textContent = "The server cannot be reached. The page tries again by itself.";
    }
    problem.hidden = false;
  }

  // ---- small helpers ----

  // An element with its text and attributes; children are elements or strings (made text nodes).
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) {
        continue;
      }
      if (name === "text") {
        node.textContent = String(value);
      } else if (name === "testid") {
        node.dataset.testid = value;
      } else if (name === "className") {
        node.className = value;
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child !== undefined && child !== null) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }

  // ISO 8601 with up to 7 decimals (.NET's "o" format) to milliseconds since the epoch; NaN when it is none.
  function parseTime(text) {
    if (typeof text !== "string") {
      return NaN;
    }
    const trimmed = text.replace(/(\.\d{3})\d+/, "$1");
    return Date.parse(trimmed);
  }

  function clock(text) {
    const ms = parseTime(text);
    if (Number.isNaN(ms)) {
      return text || "";
    }
    const date = new Date(ms);
    const time = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
    return sameDay(date, new Date()) ? time : `${date.toLocaleDateString()} ${time}`;
  }

  function sameDay(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  // .NET's TimeSpan ("[d.]hh:mm:ss[.fffffff]") in seconds; NaN when it is none.
  function timeSpanSeconds(text) {
    const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(String(text));
    if (!match) {
      return NaN;
    }
    return (Number(match[1] || 0) * 86400) + (Number(match[2]) * 3600) + (Number(match[3]) * 60) + Number(match[4]);
  }

  function byteSize(bytes) {
    if (bytes < 1024) {
      return `${bytes} B`;
    }
    if (bytes < 1024 * 1024) {
      return `${(bytes / 1024).toFixed(1)} KiB`;
    }
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  }

  // DhcpOffer -> dhcp-offer, as the terminal names steps.
  function stepName(step) {
    return stepNames[step] || String(step || "").replace(/(?!^)([A-Z])/g, "-$1").toLowerCase();
  }

  // One step in words, as `pxekit boot`'s timeline tells it: a finished transfer by its file, size and duration.
  function describe(e) {
    if ((e.step === "TftpComplete" || e.step === "HttpComplete") && e.file && !(e.http && e.http.method === "HEAD")) {
      const size = typeof e.bytes === "number" ? byteSize(e.bytes) : "?";
      const seconds = timeSpanSeconds(e.elapsed);
      return `${e.file}  ${size}  ${Number.isNaN(seconds) ? "" : seconds.toFixed(2) + " s"}`.trim();
    }
    const detail = e.detail || "";
    if (e.file && !detail.includes(e.file)) {
      return detail ? `${e.file}: ${detail}` : e.file;
    }
    return detail;
  }

  // A MAC in a path: its colons stay as they are (they are allowed there), anything else is escaped.
  function macPath(mac) {
    return encodeURIComponent(mac).replace(/%3A/gi, ":");
  }

  function sameMac(a, b) {
    return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
  }

  // ---- status ----

  async function loadStatus() {
    const status = await getJson("/status");
    // The version without its build metadata (0.1.0+COMMIT): the whole of it is the tooltip.
    const version = String(status.version || "");
    const parts = [`PxeKit ${version.split("+")[0]}`.trim()];
    byId("server-status").title = version ? `PxeKit ${version}` : "";
    if (status.mode) {
      parts.push(status.mode === "Proxy" ? "proxyDHCP" : "full DHCP server");
    }
    for (const i of status.interfaces || []) {
      parts.push(i.address ? `${i.name} ${i.address}` : i.name);
    }
    if (status.startedAt) {
      parts.push(`running since ${clock(status.startedAt)}`);
    }
    byId("server-status").textContent = parts.join(" · ");
  }

  function setLive(live, text) {
    const node = byId("live-status");
    node.dataset.state = live;
    node.textContent = text;
  }

  // ---- verdicts ----

  function verdictKey(v) {
    return `${v.time}|${v.verdict.fault}|${v.verdict.client || v.mac || ""}`;
  }

  function addVerdicts(list, atTop) {
    let added = false;
    for (const v of list) {
      if (!v || !v.verdict) {
        continue;
      }
      const key = verdictKey(v);
      if (state.verdictKeys.has(key)) {
        continue;
      }
      state.verdictKeys.add(key);
      if (atTop) {
        state.verdicts.unshift(v);
      } else {
        state.verdicts.push(v);
      }
      added = true;
    }
    if (!added) {
      return;
    }
    state.verdicts.sort((a, b) => (parseTime(b.time) || 0) - (parseTime(a.time) || 0));
    while (state.verdicts.length > maxVerdicts) {
      state.verdictKeys.delete(verdictKey(state.verdicts.pop()));
    }
    renderVerdicts();
  }

  function renderVerdicts() {
    const list = byId("verdicts");
    list.replaceChildren(...state.verdicts.map(verdictItem));
    byId("verdicts-empty").hidden = state.verdicts.length > 0;
  }

  function verdictItem(v) {
    const verdict = v.verdict;
    const who = verdict.client || v.mac;
    const certain = verdict.confidence !== "Likely";
    return el("li", { className: "verdict", testid: "verdict", "data-fault": verdict.fault, "data-mac": who },
      el("p", { className: "verdict-head" },
        el("span", { className: "fault", testid: "verdict-fault", text: verdict.fault }),
        who ? el("span", { className: "mac", text: who }) : null,
        el("span", { className: "when", text: clock(v.time) }),
        el("span", { className: certain ? "confidence certain" : "confidence likely", text: certain ? "certain" : "likely" })),
      el("p", { className: "cause" }, el("strong", { text: "Cause: " }), el("span", { testid: "verdict-cause", text: verdict.cause })),
      verdict.fix ? el("p", { className: "fix" }, el("strong", { text: "Fix: " }), el("span", { testid: "verdict-fix", text: verdict.fix })) : null,
      verdict.seen ? el("p", { className: "seen" }, el("strong", { text: "Seen: " }), el("span", { testid: "verdict-seen", text: verdict.seen })) : null);
  }

  async function loadVerdicts() {
    const body = await getJson("/verdicts");
    addVerdicts(body.verdicts || [], false);
  }

  // ---- clients ----

  async function loadClients() {
    const body = await getJson("/clients");
    const clients = body.clients || [];
    const rows = clients.map((c) => {
      const selected = sameMac(c.mac, state.selected);
      const choose = el("button", { type: "button", className: "link", testid: "client-select", "aria-pressed": selected ? "true" : "false", text: c.mac });
      choose.addEventListener("click", () => select(c.mac).catch(showProblem));
      return el("tr", { testid: "client", "data-mac": c.mac, className: selected ? "selected" : undefined, "aria-current": selected ? "true" : undefined },
        el("th", { scope: "row" }, choose),
        el("td", { text: c.address || "" }),
        el("td", { text: c.profile || "" }),
        el("td", { testid: "client-last-step", text: stepName(c.lastStep) }),
        el("td", { text: clock(c.lastSeen) }),
        el("td", { className: c.verdicts ? "bad" : undefined, text: c.verdicts ? String(c.verdicts) : "none" }));
    });
    byId("clients").querySelector("tbody").replaceChildren(...rows);
    byId("clients-empty").hidden = clients.length > 0;
    if (!state.selected && clients.length > 0) {
      await select(clients[0].mac).catch(showProblem);
    }
  }

  async function select(mac) {
    state.selected = mac;
    state.timeline = [];
    state.timelineKeys = new Set();
    history.replaceState(null, "", `#mac=${encodeURIComponent(mac)}`);
    for (const row of byId("clients").querySelectorAll("tbody tr")) {
      const on = sameMac(row.dataset.mac, mac);
      row.classList.toggle("selected", on);
      row.toggleAttribute("aria-current", on);
      row.querySelector("button").setAttribute("aria-pressed", on ? "true" : "false");
    }
    byId("timeline-mac").textContent = mac;
    byId("timeline-panel").hidden = false;
    renderTimeline();
    state.loadingMac = mac;
    try {
      const body = await getJson(`/clients/${macPath(mac)}`);
      if (sameMac(state.selected, mac)) {
        addTimeline(body.events || []);
      }
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        throw error;
      }
    } finally {
      state.loadingMac = null;
    }
  }

  // ---- the timeline of the machine shown ----

  function eventKey(e) {
    return `${e.time}|${e.step}|${e.source || ""}|${e.file || ""}|${e.detail || ""}`;
  }

  function addTimeline(events) {
    let added = false;
    for (const e of events) {
      const key = eventKey(e);
      if (state.timelineKeys.has(key)) {
        continue;
      }
      state.timelineKeys.add(key);
      state.timeline.push(e);
      added = true;
    }
    if (!added) {
      return;
    }
    state.timeline.sort((a, b) => (parseTime(a.time) || 0) - (parseTime(b.time) || 0));
    while (state.timeline.length > maxTimeline) {
      state.timelineKeys.delete(eventKey(state.timeline.shift()));
    }
    renderTimeline();
  }

  function renderTimeline() {
    const first = state.timeline.length > 0 ? parseTime(state.timeline[0].time) : NaN;
    const items = state.timeline.filter((e) => !folded.has(e.step)).map((e) => {
      const offset = (parseTime(e.time) - first) / 1000;
      const since = Number.isNaN(offset) ? "" : `${offset >= 0 ? "+" : "-"}${Math.abs(offset).toFixed(2)} s`;
      const bad = e.step === "Diagnosis" || /Failed|Refused|Nak|Dropped|Error/.test(e.step);
      return el("li", { testid: "timeline-step", "data-step": e.step, className: bad ? "step bad" : "step" },
        el("span", { className: "since", text: since }),
        el("span", { className: "name", text: stepName(e.step) }),
        el("span", { className: "what", testid: "timeline-detail", text: describe(e) }));
    });
    byId("timeline").replaceChildren(...items);
  }

  // ---- leases and profiles ----

  async function loadLeases() {
    const body = await getJson("/leases");
    const pools = (body.pools || []).map((p) => {
      const size = Number(p.size) || 0;
      const used = Number(p.used) || 0;
      const percent = size > 0 ? Math.round((used / size) * 100) : 0;
      return el("li", { testid: "pool", "data-scope": p.scope, className: "pool" },
        el("span", { className: "scope", text: p.scope }),
        el("meter", { min: 0, max: Math.max(size, 1), value: used, high: Math.max(size, 1) * 0.9, "aria-label": `${p.scope} in use` }),
        el("span", { className: "use", testid: "pool-use", text: `${used} of ${size} in use (${percent} %)` }));
    });
    byId("pools").replaceChildren(...pools);
    const leases = body.leases || [];
    const rows = leases.map((l) => el("tr", { testid: "lease", "data-mac": l.mac },
      el("td", { text: l.mac }), el("td", { text: l.address }), el("td", { text: l.hostName || "" }),
      el("td", { text: clock(l.expires) })));
    byId("leases").querySelector("tbody").replaceChildren(...rows);
    byId("leases-empty").hidden = leases.length > 0;
  }

  async function loadProfiles() {
    const body = await getJson("/profiles");
    const profiles = body.profiles || [];
    const items = profiles.map((p) => {
      const matched = p.matched || [];
      return el("li", { testid: "profile", "data-profile": p.name, className: "profile" },
        el("span", { className: "name", text: p.name }),
        p.boots ? el("span", { className: "boots", text: p.boots }) : null,
        p.bootOnce ? el("span", { className: "tag", text: "boots once" }) : null,
        el("span", { className: "matched", testid: "profile-matched",
          text: matched.length > 0 ? `matched: ${matched.join(", ")}` : "matched no machine yet" }));
    });
    byId("profiles").replaceChildren(...items);
    byId("profiles-empty").hidden = profiles.length > 0;
  }

  // ---- explain ----

  async function explain(form) {
    const data = new FormData(form);
    const body = { mac: String(data.get("mac") || "").trim(), arch: String(data.get("arch")) };
    for (const name of ["vendorClass", "userClass"]) {
      const value = String(data.get(name) || "").trim();
      if (value) {
        body[name] = value;
      }
    }
    const profile = byId("explain-profile");
    const text = byId("explain-text");
    profile.hidden = false;
    profile.textContent = "Asking the server…";
    text.hidden = true;
    try {
      const response = await request("/explain", {
        method: "POST",
        headers: headers({ "Content-Type": "application/json", Accept: "application/json" }),
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      profile.textContent = answer.profile
        ? `Profile: ${answer.profile}${answer.answered === false ? " (PxeKit would not answer it)" : ""}`
        : "No profile matches this machine: PxeKit would not offer it a boot.";
      text.textContent = answer.text || "";
      text.hidden = !answer.text;
    } catch (error) {
      profile.textContent = error instanceof ApiError
        ? `The server could not explain it: ${error.message}`
        : "The server cannot be reached.";
    }
  }

  // ---- the live stream ----

  // Server-Sent Events read through fetch, so that a token can go in a header (EventSource sends none).
  async function follow() {
    let delay = 1000;
    for (;;) {
      try {
        const response = await request("/events", { headers: headers({ Accept: "text/event-stream" }) });
        setLive("live", "Live updates: on");
        delay = 1000;
        await readStream(response.body);
        setLive("disconnected", "Live updates: the server closed the stream; reconnecting");
      } catch (error) {
        setLive("disconnected", "Live updates: off, reconnecting");
        if (error instanceof ApiError) {
          showProblem(error);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30000);
      scheduleRefresh();
    }
  }

  async function readStream(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
      if (buffer.length > maxStreamBuffer) {
        await reader.cancel();
        throw new Error("an event larger than any the server sends");
      }
    }
  }

  // One SSE block: "event:" and "data:" lines (comments start with ':').
  function dispatch(block) {
    let type = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) {
        continue;
      }
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") {
        type = value;
      } else if (field === "data") {
        data.push(value);
      }
    }
    if (type !== "boot" || data.length === 0) {
      return;
    }
    let e;
    try {
      e = JSON.parse(data.join("\n"));
    } catch {
      return;
    }
    if (e && typeof e === "object") {
      onEvent(e);
    }
  }

  function onEvent(e) {
    if (e.mac && sameMac(e.mac, state.selected)) {
      addTimeline([e]);
    }
    if (e.step === "Diagnosis" && e.verdict) {
      addVerdicts([{ time: e.time, mac: e.mac || e.verdict.client, verdict: e.verdict }], true);
    }
    scheduleRefresh();
  }

  // The lists follow the stream at most about once a second, however fast events come.
  function scheduleRefresh() {
    if (state.refreshTimer) {
      return;
    }
    state.refreshTimer = setTimeout(async () => {
      await refreshLists();
      state.refreshTimer = 0;
    }, 700);
  }

  async function refreshLists() {
    try {
      await Promise.all([loadClients(), loadVerdicts(), loadLeases(), loadProfiles()]);
      if (state.selected && state.loadingMac === null) {
        // Catch up on what the stream may have missed (a reconnect): the API's copy, merged without duplicates.
        const body = await getJson(`/clients/${macPath(state.selected)}`).catch(() => null);
        if (body && sameMac(body.mac, state.selected)) {
          addTimeline(body.events || []);
        }
      }
      showProblem(null);
    } catch (error) {
      showProblem(error);
    }
  }

  // ---- start ----

  function start() {
    const hash = /^#mac=(.+)$/.exec(location.hash);
    byId("explain-form").addEventListener("submit", (event) => {
      event.preventDefault();
      explain(event.target);
    });
    byId("token-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const value = String(new FormData(event.target).get("token") || "").trim();
      try {
        localStorage.setItem("pxekit-token", value);
      } catch {
        // storage refused: the token is not kept
      }
      event.target.reset();
      location.reload();
    });
    const first = hash ? select(decodeURIComponent(hash[1])).catch(showProblem) : Promise.resolve();
    first.then(() => Promise.all([loadStatus().catch(showProblem), refreshLists()])).then(follow);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
