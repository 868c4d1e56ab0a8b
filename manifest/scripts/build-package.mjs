// Builds the Teams app package: manifest.json with its placeholders filled in, color.png and outline.png, zipped at
// the root of appPackage.zip, ready to upload in the Teams admin center or to sideload. The manifest is validated
// first (see validate-manifest.mjs); nothing is written when it is invalid.
//
//   node manifest/scripts/build-package.mjs --bot-id <guid> --domain <host> [options]
//   node manifest/scripts/build-package.mjs --deployment-outputs outputs.json [options]
//
// Options:
//   --bot-id <guid>              the bot's Microsoft App ID (for InterviewBot on Azure: the managed identity's client id)
//   --domain <host>              the web app's host name, such as interviewbot-abc123.azurewebsites.net
//   --deployment-outputs <file>  the outputs of infra/main.bicep (az deployment group show ... --query properties.outputs),
//                                which give the bot id and the domain
//   --app-id <guid>              the Teams app id; default: the bot id. Keep it the same for every update of the app.
//   --version <x.y.z>            the app version; default 1.0.0. Raise it for every update you upload.
//   --developer-name <name>      who publishes the app; default InterviewBot
//   --website-url, --privacy-url, --terms-url <https url>   default: https://<domain>/
//   --out <file>                 default: manifest/build/appPackage.zip
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { deflateRawSync } from "node:zlib";
import { validateManifest } from "./validate-manifest.mjs";

const MANIFEST_DIRECTORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;

/** Fills the manifest template's {{PLACEHOLDERS}} from the settings and returns the manifest object. */
export function fillManifest(template, settings) {
  const values = {
    APP_ID: settings.appId ?? settings.botId,
    BOT_ID: settings.botId,
    DOMAIN: settings.domain,
    VERSION: settings.version ?? "1.0.0",
    DEVELOPER_NAME: settings.developerName ?? "InterviewBot",
    WEBSITE_URL: settings.websiteUrl ?? `https://${settings.domain}/`,
    PRIVACY_URL: settings.privacyUrl ?? `https://${settings.domain}/`,
    TERMS_URL: settings.termsUrl ?? `https://${settings.domain}/`,
  };

  // Each value is inserted as JSON string content, so a quote in a name cannot break the document.
  const text = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name) =>
    values[name] === undefined ? whole : JSON.stringify(String(values[name])).slice(1, -1));
  return JSON.parse(text);
}

/** Reads the bot id and the domain from the outputs of infra/main.bicep, as `az deployment group show` prints them. */
export function settingsFromDeploymentOutputs(outputs) {
  const value = (name) => outputs[name]?.value ?? outputs[name];
  return { botId: value("botAppId"), domain: value("webAppHostName") };
}

/** Problems with the settings that would give a manifest Teams rejects, in words an administrator can act on. */
export function checkSettings(settings) {
  const problems = [];
  if (!GUID.test(settings.botId ?? "")) {
    problems.push(`--bot-id '${settings.botId ?? ""}' must be the bot's Microsoft App ID, a GUID.`);
  }

  if (settings.appId !== undefined && !GUID.test(settings.appId)) {
    problems.push(`--app-id '${settings.appId}' must be a GUID.`);
  }

  if (!HOST.test(settings.domain ?? "")) {
    problems.push(`--domain '${settings.domain ?? ""}' must be a host name such as interviewbot-abc123.azurewebsites.net (no scheme, no path).`);
  }

  return problems;
}

/** A zip archive of the given { name, data } entries, deflated, with a fixed timestamp so that builds are repeatable. */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  const dosTime = 0; // 00:00:00
  const dosDate = (2024 - 1980) << 9 | 1 << 5 | 1; // 2024-01-01
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, "utf8");
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, fileName, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + compressed.length;
  }

  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(data) {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Validates and writes the package; returns the problems found, and writes nothing when there are any. */
export async function buildPackage(settings, out) {
  const problems = checkSettings(settings);
  if (problems.length > 0) {
    return problems;
  }

  const manifest = fillManifest(readFileSync(path.join(MANIFEST_DIRECTORY, "manifest.json"), "utf8"), settings);
  problems.push(...await validateManifest(manifest));
  if (problems.length > 0) {
    return problems;
  }

  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, zip([
    { name: "manifest.json", data: Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8") },
    { name: manifest.icons.color, data: readFileSync(path.join(MANIFEST_DIRECTORY, manifest.icons.color)) },
    { name: manifest.icons.outline, data: readFileSync(path.join(MANIFEST_DIRECTORY, manifest.icons.outline)) },
  ]));
  return [];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      "bot-id": { type: "string" },
      "domain": { type: "string" },
      "deployment-outputs": { type: "string" },
      "app-id": { type: "string" },
      "version": { type: "string" },
      "developer-name": { type: "string" },
      "website-url": { type: "string" },
      "privacy-url": { type: "string" },
      "terms-url": { type: "string" },
      "out": { type: "string" },
    },
  });

  const fromOutputs = values["deployment-outputs"]
    ? settingsFromDeploymentOutputs(JSON.parse(readFileSync(values["deployment-outputs"], "utf8")))
    : {};
  const settings = {
    botId: values["bot-id"] ?? fromOutputs.botId,
    domain: values.domain ?? fromOutputs.domain,
    appId: values["app-id"],
    version: values.version,
    developerName: values["developer-name"],
    websiteUrl: values["website-url"],
    privacyUrl: values["privacy-url"],
    termsUrl: values["terms-url"],
  };
  const out = path.resolve(values.out ?? path.join(MANIFEST_DIRECTORY, "build", "appPackage.zip"));
  const problems = await buildPackage(settings, out);
  if (problems.length > 0) {
    for (const problem of problems) {
      console.error(problem);
    }
    console.error("The app package was not built.");
    process.exit(1);
  }

  console.log(`Built ${out} for bot ${settings.botId} on ${settings.domain}.`);
}
