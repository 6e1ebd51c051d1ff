/**
 * A minimal browser for the sign-in tests: real HTTP (fetch), redirects followed by hand, a cookie jar
 * (host and path matched; ports ignored, as browsers do), and HTML forms filled in and posted.
 */

interface StoredCookie {
  readonly host: string;
  readonly path: string;
  readonly name: string;
  readonly value: string;
  readonly attributes: string;
}

export interface Page {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class Browser {
  readonly #cookies = new Map<string, StoredCookie>();
  /** Every Set-Cookie this browser received, as sent (for checking attributes). */
  readonly setCookies: string[] = [];

  /** One request, no redirect followed; cookies sent and stored. */
  async request(
    url: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const cookie = this.cookieHeader(target);
    const response = await fetch(target, {
      method: init.method ?? "GET",
      body: init.body,
      redirect: "manual",
      headers: { ...(cookie === "" ? {} : { cookie }), ...init.headers },
    });
    for (const header of response.headers.getSetCookie()) this.#store(target, header);
    return response;
  }

  /** A navigation: follows redirects (303 and 302 turn a POST into a GET) to the final page. */
  async navigate(
    url: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    let current = url;
    let request = init;
    for (let hop = 0; hop < 20; hop++) {
      const response = await this.request(current, request);
      const location = response.headers.get("location");
      if (!REDIRECTS.has(response.status) || location === null) {
        return {
          url: current,
          status: response.status,
          headers: response.headers,
          body: await response.text(),
        };
      }
      await response.body?.cancel();
      current = new URL(location, current).href;
      if (response.status !== 307 && response.status !== 308) request = {};
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits the page's first POST form with these fields added to its hidden ones. */
  async submitForm(page: Page, fields: Record<string, string>): Promise<Page> {
    const form = /<form[^>]*action="([^"]*)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
    if (form === null) throw new Error(`no form on ${page.url}: ${page.body.slice(0, 500)}`);
    const values = new URLSearchParams();
    for (const input of (form[2] ?? "").matchAll(/<input[^>]*>/gi)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1];
      if (name !== undefined && value !== undefined) values.set(name, unescapeHtml(value));
    }
    for (const [name, value] of Object.entries(fields)) values.set(name, value);
    return this.navigate(new URL(unescapeHtml(form[1] ?? ""), page.url).href, {
      method: "POST",
      body: values.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }

  /** The cookie's value for this host (any path), as stored. */
  cookie(host: string, name: string): string | undefined {
    return [...this.#cookies.values()].find((c) => c.host === host && c.name === name)?.value;
  }

  cookieHeader(url: URL): string {
    return [...this.#cookies.values()]
      .filter(
        (c) =>
          c.host === url.hostname &&
          (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`)),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  #store(url: URL, header: string): void {
    this.setCookies.push(header);
    const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
    const equals = pair.indexOf("=");
    const name = pair.slice(0, equals);
    const value = pair.slice(equals + 1);
    const attribute = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const path = attribute("path") ?? url.pathname.replace(/\/[^/]*$/, "/");
    const key = `${url.hostname} ${path} ${name}`;
    const maxAge = attribute("max-age");
    const expires = attribute("expires");
    const gone =
      (maxAge !== undefined && Number(maxAge) <= 0) ||
      (expires !== undefined && Date.parse(expires) <= Date.now());
    if (gone) this.#cookies.delete(key);
    else this.#cookies.set(key, { host: url.hostname, path, name, value, attributes: attributes.join("; ") });
  }
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * Signs in at Loupe with the local provider's development pages: start at /auth/login, type the login,
 * consent, and land back at Loupe. Returns the page Loupe finally answered.
 */
export async function signIn(
  browser: Browser,
  loupeUrl: string,
  login: string,
  returnTo = "/",
): Promise<Page> {
  let page = await browser.navigate(`${loupeUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  for (let step = 0; step < 5 && !page.url.startsWith(loupeUrl); step++) {
    page = /name="login"/.test(page.body)
      ? await browser.submitForm(page, { login, password: "any password" })
      : await browser.submitForm(page, {});
  }
  return page;
}
