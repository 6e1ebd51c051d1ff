#!/usr/bin/env node
// Thin launcher so the `loupe` bin exists before the first build; the CLI itself is compiled TypeScript.
import("../dist/main.js");
