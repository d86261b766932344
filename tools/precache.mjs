// Trunk post_build hook: fills the service worker's precache list and version, and writes
// precompressed copies of the built files.
// The version is a hash of every built file, so a new build gives a new cache and the
// browser offers the update; an identical build keeps the old one.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
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
  .filter((f) => f !== "sw.js" && f !== "index.html")
  .sort();
const hash = createHash("sha256");
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest("hex").slice(0, 16);
// "./" is index.html: the page is cached once, under the address it is opened at.
const list = ["./", ...files.map((f) => "./" + f)];

const swPath = join(dir, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace('"__KENESH_VERSION__"', JSON.stringify(version))
  .replace("__KENESH_PRECACHE__", JSON.stringify(list));
if (sw.includes("__KENESH_")) throw new Error("sw.js placeholders were not all filled");
writeFileSync(swPath, sw);
console.log(`precache: ${list.length} files, version ${version}`);

// Brotli (quality 11) and gzip beside every text or wasm file, for the relay to send as
// they are: far smaller than what a server can afford to compress on the fly.
for (const f of [...walk(dir)].filter((p) => /\.(wasm|js|css|html|svg|webmanifest)$/.test(p))) {
  const raw = readFileSync(f);
  writeFileSync(f + ".br", brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
  writeFileSync(f + ".gz", gzipSync(raw, { level: 9 }));
}
