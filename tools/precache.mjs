// Trunk post_build hook: fills the service worker's precache list and version.
// The version is a hash of every built file, so a new build gives a new cache and the
// browser offers the update; an identical build keeps the old one.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = walk(dir)
  .map((p) => relative(dir, p).split("\\").join("/"))
  .filter((f) => f !== "sw.js")
  .sort();
const hash = createHash("sha256");
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest("hex").slice(0, 16);
const list = ["./", ...files.map((f) => "./" + f)];

const swPath = join(dir, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace('"__KENESH_VERSION__"', JSON.stringify(version))
  .replace("__KENESH_PRECACHE__", JSON.stringify(list));
if (sw.includes("__KENESH_")) throw new Error("sw.js placeholders were not all filled");
writeFileSync(swPath, sw);
console.log(`precache: ${list.length} files, version ${version}`);
