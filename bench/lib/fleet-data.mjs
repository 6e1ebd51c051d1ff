// A deterministic synthetic fleet of connections for the server benchmarks: usernames with a long tail
// (a few users own thousands of connections, most own one or two; 10% have none), versions that come and
// go over time, last_updated spread over 14 months, and for each connection a client log (85%) and a server
// log (95%) of which about half were ingested (summary columns filled) and the rest ended missing,
// unavailable or invalid. No log is pending, so a server started on this data has nothing to ingest.

/** mulberry32: small, fast, deterministic. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = (
  "james mary john patricia robert jennifer michael linda william elizabeth david barbara richard susan " +
  "joseph jessica thomas sarah charles karen daniel nancy matthew lisa anthony betty mark sandra donald " +
  "ashley steven kimberly paul emily andrew donna joshua michelle kenneth carol kevin amanda brian melissa " +
  "george deborah timothy stephanie ronald rebecca edward sharon jason laura jeffrey cynthia ryan amy " +
  "jacob kathleen gary angela nicholas shirley eric brenda jonathan emma stephen anna larry pamela justin " +
  "nicole scott samantha brandon katherine benjamin christine samuel debra gregory rachel alexander " +
  "carolyn frank janet patrick maria raymond olivia jack heather dennis helen jerry catherine tyler diane " +
  "aaron julie jose victoria adam joyce nathan lauren henry kelly zachary christina douglas ruth peter " +
  "joan kyle virginia noah judith ethan evelyn jeremy hannah walter andrea christian megan keith cheryl " +
  "roger jacqueline terry martha austin madison sean teresa gerald doris carl abigail harold sophia dylan " +
  "priya ananya wei li yuki hiroshi sven ingrid diego lucia pierre amara layla omar fatima chen arjun " +
  "mateo sofia kwame ama leo aria riley logan owen nathaniel miguel zoe ivan olga tariq yusuf mei kenji"
).split(" ");
const LAST = (
  "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez " +
  "wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark " +
  "ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams " +
  "nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz " +
  "edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson " +
  "bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray " +
  "mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins " +
  "perry russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez simmons romero " +
  "jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole hayes bryant " +
  "herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez " +
  "mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns crawford " +
  "olson simpson porter hunter gordon mensah okafor tanaka nakamura berg lindqvist kowalski novak dubois " +
  "rossi bianchi silva santos costa oliveira yilmaz kaya singh sharma gupta khan ali hassan ibrahim"
).split(" ");
const DOMAINS = [
  "example.com",
  "example.org",
  "example.net",
  "mail.example",
  "team.example",
  "studio.test",
  "design.example",
  "cs.uni.example",
];

/** The k-th distinct username (k ≥ 0), in one of the shapes the demo fleet uses. */
function usernameOf(k, random) {
  const f = FIRST[k % FIRST.length];
  const l = LAST[Math.floor(k / FIRST.length) % LAST.length];
  const n = Math.floor(k / (FIRST.length * LAST.length)); // 0 … ~6 for 200,000 names
  const d = DOMAINS[Math.floor(random() * DOMAINS.length)];
  const suffix = n === 0 ? "" : String(n * 97 + (k % 89));
  switch (Math.floor(random() * 6)) {
    case 0:
      return `${f}.${l}${suffix}@${d}`;
    case 1:
      return `${f}${l}${suffix}@${d}`;
    case 2:
      return `${f[0]}${l}${suffix}@${d}`;
    case 3:
      return `${f}_${l}${suffix}@${d}`;
    case 4:
      return `${f[0].toUpperCase()}${f.slice(1)}.${l[0].toUpperCase()}${l.slice(1)}${suffix}@${d}`;
    default:
      return `${l}.${f}${suffix}@${d}`;
  }
}

const HEX = "0123456789ABCDEF";
function versionName(i, random) {
  let s = "";
  for (let j = 0; j < 16; j++) s += HEX[Math.floor(random() * 16)];
  return i % 3 === 0 ? `${s.slice(0, 7).toLowerCase()}-${s.slice(8)}` : s;
}

export const FLEET_START = Date.UTC(2024, 0, 1);
export const FLEET_SPAN_MS = 425 * 24 * 3600_000; // ~14 months

/**
 * Generates the fleet in connection_id order and calls `onConnection(c)` / `onLog(l)` with plain rows
 * matching the `connections` and `logs` tables. Returns the parameters the benchmark searches for.
 */
export function generateFleet(
  { count, users = 440_000, seed = 20240101, ingestedShare = 0.5, insights = false },
  onLog,
  onConnection,
  onPattern,
) {
  const random = rng(seed);
  // Patterns and planted effects draw from a stream of their own: the fleet itself is the same with or without.
  const patternRandom = rng(seed ^ 0x5eed);
  // Distinct usernames drawn lazily: rank r's name is made the first time r is drawn.
  const names = new Map();
  const nameOf = (rank) => {
    let name = names.get(rank);
    if (name === undefined) {
      name = usernameOf(rank, random);
      names.set(rank, name);
    }
    return name;
  };
  // P(rank) ∝ 1/(rank + c): a long tail (the top user owns ~0.25% of the fleet, most own one or two).
  const c = 40;
  const logRatio = Math.log((users + c) / c);
  const drawRank = () => Math.min(users - 1, Math.floor(c * Math.exp(random() * logRatio) - c));

  // ~60 versions, each current for a stretch of time; a connection mostly runs one of the last few.
  const versions = Array.from({ length: 60 }, (_, i) => versionName(i, random));
  let logId = 0;
  const step = FLEET_SPAN_MS / count;
  const levelsOk = (entries, errors, warnings) =>
    JSON.stringify({ INFO: entries - errors - warnings, WARNING: warnings, ERROR: errors });
  const stat = (median) =>
    `{"count":${Math.floor(1000 + random() * 90000)},"min":${(median * 0.2).toFixed(3)},"max":${(median * 9).toFixed(3)},` +
    `"mean":${(median * 1.1).toFixed(3)},"median":${median.toFixed(3)},"p95":${(median * 2.7).toFixed(3)},"std":${(median * 0.8).toFixed(3)}}`;

  const makeLog = (side, connectionId, at, versionIndex) => {
    const id = ++logId;
    const url = `https://logs.example.com/${side}/${Math.floor(connectionId / 1000)}/${side}${connectionId}.txt`;
    const u = random();
    const base = {
      id,
      url,
      status: "ok",
      etag: null,
      last_modified: null,
      bytes: null,
      parser_version: null,
      attempts: 1,
      last_error: null,
      http_status: null,
      next_attempt_at: 0,
      priority: 0,
      entries: null,
      levels: null,
      errors: null,
      warnings: null,
      continuation_lines: null,
      unparsed_lines: null,
      invalid_values: null,
      first_time: null,
      last_time: null,
      duration_seconds: null,
      stats: null,
      median_latency: null,
      ingested_at: null,
    };
    if (u < ingestedShare) {
      const duration = 60 + Math.floor(random() * random() * 12 * 3600);
      const entries = Math.floor(duration * (side === "client" ? 8 : 3) * (0.8 + random() * 0.4));
      const errors = random() < 0.6 ? 0 : Math.floor(random() * random() * 400);
      const warnings = Math.floor(random() * 60);
      const latency = 8 + random() * random() * 120;
      // With `insights`: one build encodes 1.4× slower than the one before (a regression to find).
      const encodeFactor = insights && versionIndex === REGRESSED_VERSION ? 1.4 : 1;
      const stats =
        side === "client"
          ? `{"latency":${stat(latency)},"decode_time":${stat(2 + random() * 6)},"encode_time":null,"encode_size":null,"longest_encode_time":null,"longest_encode_size":null}`
          : `{"latency":null,"decode_time":null,"encode_time":${stat((3 + random() * 9) * encodeFactor)},"encode_size":${stat(20000 + random() * 90000)},"longest_encode_time":null,"longest_encode_size":null}`;
      Object.assign(base, {
        status: entries === 0 ? "invalid" : "ok",
        etag: `"${id.toString(16)}"`,
        bytes: entries * 84,
        parser_version: 1,
        entries,
        levels: levelsOk(entries, errors, warnings),
        errors,
        warnings,
        continuation_lines: Math.floor(random() * 50),
        unparsed_lines: 0,
        invalid_values: 0,
        first_time: at / 1000 - duration,
        last_time: at / 1000,
        duration_seconds: duration,
        stats,
        median_latency: side === "client" ? latency : null,
        ingested_at: at + 60_000,
      });
      if (insights) logPatterns(id, side, versionIndex, at / 1000 - duration, at / 1000, errors, warnings);
    } else if (u < ingestedShare + (1 - ingestedShare) * 0.86) {
      Object.assign(base, { status: "missing", http_status: 404, last_error: "HTTP 404" });
    } else if (u < ingestedShare + (1 - ingestedShare) * 0.98) {
      Object.assign(base, { status: "unavailable", attempts: 5, last_error: "HTTP 503 after 5 attempts" });
    } else {
      Object.assign(base, { status: "invalid", parser_version: 1, entries: 0, ingested_at: at });
    }
    onLog(base);
    return id;
  };

  /** A log's error patterns: each template of its side with its own probability, counts with a long tail. */
  const logPatterns = (logId, side, versionIndex, from, to, errors, warnings) => {
    for (const t of PATTERN_TEMPLATES[side]) {
      if (t.fromVersion !== undefined && (versionIndex === null || versionIndex < t.fromVersion)) continue;
      const budget = t.level === "WARNING" ? warnings : errors;
      if (budget === 0 && t.level !== "FATAL_ERROR") continue;
      if (patternRandom() >= t.probability) continue;
      const count = 1 + Math.floor(patternRandom() * patternRandom() * Math.max(1, budget));
      const first = from + patternRandom() * (to - from);
      onPattern?.({
        log_id: logId,
        pattern_id: t.id,
        level: t.level,
        template: t.template,
        example: t.example,
        count,
        first_time: first,
        last_time: first + patternRandom() * (to - first),
      });
    }
  };

  for (let i = 1; i <= count; i++) {
    const at = Math.round(FLEET_START + i * step + (random() - 0.5) * 6 * 3600_000);
    const era = Math.floor((i / count) * (versions.length - 4));
    const versionIndex = random() < 0.04 ? null : era + Math.floor(random() * random() * 4);
    const version = versionIndex === null ? null : versions[versionIndex];
    const username = random() < 0.1 ? null : nameOf(drawRank());
    const clientLogId = random() < 0.85 ? makeLog("client", i, at, versionIndex) : null;
    const serverLogId = random() < 0.95 ? makeLog("server", i, at, versionIndex) : null;
    onConnection({
      connection_id: i,
      username,
      username_lower: username === null ? null : username.toLowerCase(),
      ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      version,
      last_updated: at,
      client_log_id: clientLogId,
      server_log_id: serverLogId,
      imported_at: FLEET_START + FLEET_SPAN_MS,
    });
  }
  // The rarest drawn names make selective searches; the most common, a broad one.
  const byRank = [...names.entries()].sort((a, b) => a[0] - b[0]);
  return {
    distinctUsernames: names.size,
    versions,
    commonUsername: byRank[0][1],
    rareUsername: byRank.at(-1)[1],
  };
}

/** With `insights`: the build (index into the fleet's versions) whose encode time regressed. */
const REGRESSED_VERSION = 31;

/**
 * Templates in the shapes the core's masking produces (ids as the core computes them: FNV-1a 64 of the
 * UTF-8 template; bench/scale-insights.mjs checks one against the core). `probability`: share of ingested
 * logs of that side that have it; `fromVersion`: a late pattern, only from that build on.
 */
const template = (level, template, example, probability, fromVersion) => ({
  level,
  template,
  example,
  probability,
  fromVersion,
  id: fnv1a64(template),
});
const PATTERN_TEMPLATES = {
  client: [
    template(
      "WARNING",
      "Audio capture buffer overflow, <num> frames discarded",
      "Audio capture buffer overflow, 2400 frames discarded",
      0.8,
    ),
    template(
      "WARNING",
      "Frame <num> too large (<num> packets), splitting",
      "Frame 18211 too large (812 packets), splitting",
      0.6,
    ),
    template(
      "WARNING",
      "Packet loss <num>% over the last <num> s",
      "Packet loss 12% over the last 5 s",
      0.45,
    ),
    template(
      "WARNING",
      "Clipboard too large (<num> bytes), not synchronized",
      "Clipboard too large (9123456 bytes), not synchronized",
      0.15,
    ),
    template(
      "WARNING",
      "Cursor image <hex> not cached, fetching",
      "Cursor image 0x7ff73a1c not cached, fetching",
      0.1,
    ),
    template(
      "ERROR",
      "Failed to decode video frame <num>: error <num>",
      "Failed to decode video frame 9912: error -11",
      0.55,
    ),
    template("ERROR", "recvfrom failed with error <num>", "recvfrom failed with error 10054", 0.4),
    template(
      "ERROR",
      "Could not send ping <num>: socket error <num>",
      "Could not send ping 77: socket error 10060",
      0.3,
    ),
    template(
      "ERROR",
      "Render took <num> ms, dropping frame <num>",
      "Render took 212 ms, dropping frame 4411",
      0.2,
    ),
    template(
      "ERROR",
      "Audio device <str> could not be opened",
      "Audio device 'Speakers (Realtek)' could not be opened",
      0.05,
    ),
    template("FATAL_ERROR", "Segmentation fault at <hex>", "Segmentation fault at 0x7ff73a10c2e0", 0.01),
  ],
  server: [
    template(
      "WARNING",
      "Encoder queue full (<num> frames), dropping oldest",
      "Encoder queue full (12 frames), dropping oldest",
      0.6,
    ),
    template(
      "WARNING",
      "Client <ip> slow to acknowledge (<num> ms)",
      "Client 10.4.2.1 slow to acknowledge (320 ms)",
      0.35,
    ),
    template("WARNING", "Capture returned stale frame <num>", "Capture returned stale frame 33", 0.2),
    template("ERROR", "sendto failed with error <num>", "sendto failed with error 10055", 0.5),
    template(
      "ERROR",
      "nvEncEncodePicture failed with status <num>",
      "nvEncEncodePicture failed with status 10",
      0.3,
    ),
    template("ERROR", "DuplicateOutput failed: <hex>", "DuplicateOutput failed: 0x887a0004", 0.15),
    template("ERROR", "Unknown client message type <num>", "Unknown client message type 201", 0.08),
    template(
      "ERROR",
      "Failed to allocate hardware encoder session <num>",
      "Failed to allocate hardware encoder session 17",
      0.35,
      44,
    ),
  ],
};
// A long tail: rarer messages from every part of the code (40 per side, 2–10% of logs each).
for (const side of ["client", "server"]) {
  for (let k = 0; k < 40; k++) {
    const level = k % 4 === 0 ? "ERROR" : "WARNING";
    PATTERN_TEMPLATES[side].push(
      template(
        level,
        `${side === "client" ? "Client" : "Server"} subsystem ${k} reported condition <num> on <str>`,
        `${side === "client" ? "Client" : "Server"} subsystem ${k} reported condition ${k * 7 + 3} on 'worker-${k}'`,
        0.02 + ((k * 37) % 9) / 100,
      ),
    );
  }
}

/** 64-bit FNV-1a of the UTF-8 bytes as 16 hex digits (the core's patternId, for ASCII templates). */
function fnv1a64(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, "utf8")) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, "0");
}

/** The columns the bulk loaders write (SQLite inserts, PostgreSQL COPY), in the fleet rows' field names. */
export const LOG_COLUMNS = [
  "id",
  "url",
  "status",
  "etag",
  "last_modified",
  "bytes",
  "parser_version",
  "attempts",
  "last_error",
  "http_status",
  "next_attempt_at",
  "priority",
  "entries",
  "levels",
  "errors",
  "warnings",
  "continuation_lines",
  "unparsed_lines",
  "invalid_values",
  "first_time",
  "last_time",
  "duration_seconds",
  "stats",
  "median_latency",
  "ingested_at",
];
export const PATTERN_COLUMNS = [
  "log_id",
  "pattern_id",
  "level",
  "template",
  "example",
  "count",
  "first_time",
  "last_time",
];
export const CONNECTION_COLUMNS = [
  "connection_id",
  "username",
  "username_lower",
  "ip",
  "version",
  "last_updated",
  "client_log_id",
  "server_log_id",
  "imported_at",
];
