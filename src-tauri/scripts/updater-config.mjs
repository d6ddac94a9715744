// The updater's configuration for a release build: where installed copies look for
// `latest.json`, and the public key they check every update package against. Neither is in
// tauri.conf.json: the key pair belongs to whoever publishes releases (docs/RELEASING.md), and a
// copy built without them (a developer's) has no updater and says so when asked to update.
//
//   KAIDAN_UPDATER_PUBKEY  the public key, as `tauri signer generate` writes it into the .pub file
//   KAIDAN_UPDATE_URL      the https address of latest.json (the release workflow uses
//                          https://github.com/<owner>/<repo>/releases/latest/download/latest.json)
//
//   node src-tauri/scripts/updater-config.mjs              prints `UPDATER_ARGS=--config <file>`
//                                                          (for $GITHUB_ENV), or nothing without them
//   node src-tauri/scripts/updater-config.mjs --check-key  signs a scrap file with
//        TAURI_SIGNING_PRIVATE_KEY (the pinned `tauri signer`) and verifies it with
//        KAIDAN_UPDATER_PUBKEY: a release whose packages the installed copies would refuse
//        stops here, before the build.
//
// Plain Node; bundle.mjs imports `updaterConfig`.
import { spawnSync } from "node:child_process";
import { createHash, createPublicKey, verify } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The minisign key or signature inside a Tauri key/signature string (base64 of the file's text). */
function minisignLine(b64, what) {
  const text = Buffer.from(b64.trim(), "base64").toString("utf8");
  const lines = text.split(/\r?\n/);
  if (!lines[0].startsWith("untrusted comment:") || !lines[1]) throw new Error(`${what} is not a minisign ${what} as tauri signer writes it`);
  return { bytes: Buffer.from(lines[1], "base64"), trusted: lines[2] ?? "", global: lines[3] ? Buffer.from(lines[3], "base64") : null };
}

/** Verifies a Tauri update signature (minisign, Ed25519) over `data` with `pubkey`; throws why not. */
export function verifySignature(data, signature, pubkey) {
  const pk = minisignLine(pubkey, "public key").bytes; // "Ed" + key id (8) + key (32)
  const sig = minisignLine(signature, "signature"); // "ED"/"Ed" + key id (8) + signature (64)
  if (pk.length !== 42 || sig.bytes.length !== 74) throw new Error("the key or the signature has the wrong length");
  if (!pk.subarray(2, 10).equals(sig.bytes.subarray(2, 10))) {
    throw new Error("the signature was made with another key than KAIDAN_UPDATER_PUBKEY: installed copies would refuse every update");
  }
  const key = createPublicKey({ key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), pk.subarray(10)]), format: "der", type: "spki" });
  const prehashed = sig.bytes.subarray(0, 2).toString() === "ED";
  const message = prehashed ? createHash("blake2b512").update(data).digest() : data;
  if (!verify(null, message, key, sig.bytes.subarray(10))) throw new Error("the signature does not verify with KAIDAN_UPDATER_PUBKEY");
}

/** The config file for `tauri build --config`, or null when no updater is configured. */
export function updaterConfig(env = process.env) {
  const pubkey = env.KAIDAN_UPDATER_PUBKEY?.trim();
  const url = env.KAIDAN_UPDATE_URL?.trim();
  if (!pubkey && !url) {
    if (env.TAURI_SIGNING_PRIVATE_KEY) {
      throw new Error("TAURI_SIGNING_PRIVATE_KEY is set but KAIDAN_UPDATER_PUBKEY is not: the packages would be signed for an app that cannot check them");
    }
    return null;
  }
  if (!pubkey || !url) throw new Error("set both KAIDAN_UPDATER_PUBKEY and KAIDAN_UPDATE_URL, or neither");
  minisignLine(pubkey, "public key");
  if (!url.startsWith("https://")) throw new Error(`KAIDAN_UPDATE_URL must be an https address: ${url}`);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "kaidan-updater-")), "updater.conf.json");
  const config = {
    plugins: {
      updater: {
        pubkey,
        endpoints: [url],
        // the signature names the version it was signed for: an old release cannot be passed off as new
        requireSignedVersion: true,
        // the NSIS installer shows its progress and needs no clicks
        windows: { installMode: "passive" },
      },
    },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Signs a scrap file with the release's private key and verifies it with the public key. */
export function checkKey(env = process.env) {
  if (!env.TAURI_SIGNING_PRIVATE_KEY || !env.KAIDAN_UPDATER_PUBKEY) throw new Error("--check-key needs TAURI_SIGNING_PRIVATE_KEY and KAIDAN_UPDATER_PUBKEY");
  const dir = mkdtempSync(path.join(tmpdir(), "kaidan-keycheck-"));
  const scrap = path.join(dir, "scrap.bin");
  writeFileSync(scrap, `kaidan key check ${Date.now()}`);
  const cli = path.join(root, "ui", "node_modules", "@tauri-apps", "cli", "tauri.js");
  const r = spawnSync(process.execPath, [cli, "signer", "sign", scrap], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`tauri signer sign failed:\n${r.stdout}\n${r.stderr}`);
  verifySignature(readFileSync(scrap), readFileSync(`${scrap}.sig`, "utf8"), env.KAIDAN_UPDATER_PUBKEY);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes("--check-key")) {
      checkKey();
      console.error("kaidan: the signing key and KAIDAN_UPDATER_PUBKEY are one pair");
    } else {
      const file = updaterConfig();
      // forward slashes: the path is pasted into a bash step, which eats backslashes
      if (file) console.log(`UPDATER_ARGS=--config ${file.replaceAll("\\", "/")}`);
    }
  } catch (e) {
    console.error(`kaidan: ${e.message}`);
    process.exit(1);
  }
}
