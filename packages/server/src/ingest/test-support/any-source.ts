/**
 * Source rules that allow every URL and connect with Node's own lookup: for tests of the fetcher's and
 * the pipeline's mechanics, whose object stores listen on loopback. The rules themselves are tested in
 * sources/ and integration/fetch-safety.test.ts.
 */
import type { CheckUrl } from "../fetch-types.js";

export const ANY_SOURCE: CheckUrl = () => ({ allowed: true });
