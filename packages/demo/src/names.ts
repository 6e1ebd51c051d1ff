/**
 * Raw material for plausible user names. Domains are all reserved for documentation and testing
 * (RFC 2606 / RFC 6761: example.*, *.example, *.test), so no demo address can reach a real mailbox.
 */

export const FIRST_NAMES: readonly string[] = (
  "noah emma liam olivia mason ava ethan sophia lucas mia logan amelia jacob harper james evelyn aiden " +
  "abigail elijah emily oliver ella daniel chloe henry grace jack zoe owen nora ryan lily leo hannah " +
  "isaac aria caleb riley nathan layla wyatt zara julian maya miguel sofia mateo lucia diego valentina " +
  "arjun priya rohan ananya wei mei hiroshi yuki min jisoo kwame amara tariq leila omar fatima sven " +
  "ingrid pierre camille luca giulia nikolai anya sam alex jordan taylor casey"
).split(" ");

export const LAST_NAMES: readonly string[] = (
  "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez " +
  "wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark " +
  "ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams " +
  "nelson baker hall rivera campbell mitchell carter roberts patel shah kim park chen wang li zhang " +
  "tanaka sato okafor mensah haddad novak kowalski larsen berg dubois moreau rossi bianchi ivanova " +
  "petrov"
).split(" ");

/** Weighted: consumer mailboxes first, then studios and universities whose staff stream work machines. */
export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ["example.com", 30],
  ["mail.example", 18],
  ["example.org", 12],
  ["example.net", 10],
  ["studio.test", 9],
  ["cs.uni.example", 7],
  ["design.example", 6],
  ["inbox.test", 5],
];

/** The streaming team dogfoods its product: the heaviest users of the demo fleet are its own engineers. */
export const TEAM_DOMAIN = "team.example";

/**
 * Real exports contain addresses with characters that are special in SQL LIKE; the demo keeps one of each
 * so that search is exercised with them (`%` and `_` must match literally).
 */
export const SPECIAL_USERNAMES: readonly string[] = [
  "qa%loadtest@team.example",
  "night_owl_gamer@example.com",
];
