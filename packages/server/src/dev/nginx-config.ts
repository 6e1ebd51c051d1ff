/**
 * nginx in front of Loupe's API processes. loupeProxyConfig() is the part an operator puts in
 * /etc/nginx/conf.d/ (docs/deploy.md shows it, and a test checks the two agree); standaloneNginxConfig()
 * wraps it for an nginx run from a temporary prefix (npm run cluster, tests, benchmarks) without touching
 * the system's configuration.
 */

export interface LoupeProxyOptions {
  /** `host:port` nginx listens on. */
  readonly listen: string;
  /** `host:port` of every API process (`loupe serve --role api`). */
  readonly upstreams: readonly string[];
}

const indent = (lines: readonly string[], by = "    "): string[] =>
  lines.map((line) => (line === "" ? "" : `${by}${line}`));

export function loupeProxyConfig({ listen, upstreams }: LoupeProxyOptions): string {
  const servers = upstreams.map((address) => `    server ${address} max_fails=0;`).join("\n");
  return `upstream loupe_api {
    # Never marked down: a dead process on this host refuses at once and the request moves on, and when
    # every process answers 503 (database down) the client gets that 503 with its Retry-After, not a 502.
${servers}
    # Idle connections kept open to the processes, closed by nginx before Node's own 72 s idle timeout.
    keepalive 32;
    keepalive_timeout 60s;
}

# A request id from the client is kept; otherwise nginx makes one. The API logs and echoes it.
map $http_x_request_id $loupe_request_id {
    default $http_x_request_id;
    ""      $request_id;
}

server {
    listen ${listen};
    # The API refuses bodies over 64 KB itself (log uploads aside); refusing them here spares the processes.
    client_max_body_size 64k;

    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Request-Id $loupe_request_id;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_connect_timeout 2s;
    proxy_send_timeout 30s;
    proxy_read_timeout 60s;
    # A dying or restarting process is absorbed: the request goes to the next one. nginx never
    # retries a POST that reached a process (no non_idempotent here), so none is applied twice.
    proxy_next_upstream error timeout http_502 http_503 http_504;
    proxy_next_upstream_tries 2;
    proxy_next_upstream_timeout 10s;

    location / {
        proxy_pass http://loupe_api;
    }

    # Registering connections: up to 1,000 manifest rows in one JSON body (the API caps it at 1 MB).
    location = /api/connections {
        client_max_body_size 1m;
        proxy_pass http://loupe_api;
    }

    # Log uploads: Loupe streams the body to object storage and caps it (--max-log-bytes); nginx passes
    # it on as it arrives instead of holding it (and cannot retry it elsewhere once sent).
    location ~ ^/api/connections/[^/]+/logs/(client|server)$ {
        client_max_body_size 0;
        proxy_request_buffering off;
        proxy_pass http://loupe_api;
    }

    # Server-sent events (new connections for open dashboards): each event goes out as it is written.
    location = /api/events {
        proxy_buffering off;
        proxy_read_timeout 1h;
        proxy_pass http://loupe_api;
    }
}
`;
}

/** A complete nginx.conf that keeps every file nginx writes under `prefix` and runs in the foreground. */
export function standaloneNginxConfig(prefix: string, proxy: LoupeProxyOptions): string {
  return [
    "daemon off;",
    "worker_processes 1;",
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    "events {",
    "    worker_connections 4096;",
    "}",
    "http {",
    ...indent([
      "access_log off;",
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
        (kind) => `${kind}_temp_path ${prefix}/temp/${kind};`,
      ),
      "",
      ...loupeProxyConfig(proxy).trimEnd().split("\n"),
    ]),
    "}",
    "",
  ].join("\n");
}
