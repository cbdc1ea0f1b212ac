// Builds the one file the portal serves, static/vendor/editor/editor.min.js, and puts the licence
// of every package bundled into it beside it (licenses/). `make editor` runs this after `npm ci`.
import { build } from "esbuild";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, "../../static/vendor/editor");
const licences = join(out, "licenses");

const result = await build({
  entryPoints: [join(here, "src/index.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  metafile: true,
  outfile: join(out, "editor.min.js"),
});

// The packages whose code is in the bundle, read from esbuild's list of inputs.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.add(match[1]);
}

function licenceText(dir) {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.md|\.txt)?$/i.test(name));
  if (file) return readFileSync(join(dir, file), "utf8");
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const author = typeof meta.author === "object" ? meta.author.name : meta.author;
  return `${meta.name} is distributed under the ${meta.license} licence` +
    (author ? `, copyright ${author}` : "") + ".\nThe package ships no licence file of its own.\n";
}

rmSync(licences, { recursive: true, force: true });
mkdirSync(licences, { recursive: true });
const lines = [];
for (const name of [...packages].sort()) {
  const dir = join(here, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  writeFileSync(join(licences, `${name.replace("/", "__")}.txt`), licenceText(dir));
  lines.push(`| ${name} | ${meta.version} | ${meta.license} |`);
}
if (!existsSync(join(out, "editor.min.js"))) throw new Error("esbuild wrote no bundle");
writeFileSync(
  join(licences, "PACKAGES.md"),
  "# Packages in editor.min.js\n\n| package | version | licence |\n|---|---|---|\n" + lines.join("\n") + "\n",
);
console.log(`editor.min.js: ${packages.size} packages, licences in ${licences}`);
