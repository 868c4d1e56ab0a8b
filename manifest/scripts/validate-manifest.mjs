// Checks a Teams app manifest offline: against the official JSON schema its $schema names (bundled with the npm
// package @microsoft/app-manifest, so no network is needed), and against the limits Teams applies to bot command
// menus, which the schema does not express.
//
//   node manifest/scripts/validate-manifest.mjs <manifest.json>
//
// Prints each problem on a line of its own and exits with 1 if there is any.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { AppManifestUtils } = require("@microsoft/app-manifest");

/** Limits of the bot command menu, from the Teams documentation on bot commands. */
export const COMMAND_LIMITS = { perList: 10, title: 32, description: 128 };

const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/teams\/(v1\.\d+)\/MicrosoftTeams\.schema\.json$/;

/** The bundled schema for the manifest's $schema, or an error naming what is wrong. */
export function loadSchema(schemaUrl) {
  const match = SCHEMA_URL.exec(schemaUrl ?? "");
  if (!match) {
    throw new Error(`$schema '${schemaUrl}' is not an official Teams manifest schema URL (https://developer.microsoft.com/json-schemas/teams/v1.N/MicrosoftTeams.schema.json).`);
  }

  const packageDirectory = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const file = path.join(packageDirectory, "build", "json-schemas", "teams", match[1], "MicrosoftTeams.schema.json");
  if (!existsSync(file)) {
    throw new Error(`The installed @microsoft/app-manifest has no schema ${match[1]}; run \`npm ci\` or choose a version it bundles.`);
  }

  // The published schemas contain \a and \v escapes that JSON does not allow; the package reads them the same way.
  return JSON.parse(readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
}

/** Every problem found in the manifest object, as lines of text; empty when it is valid. */
export async function validateManifest(manifest) {
  let schema;
  try {
    schema = loadSchema(manifest.$schema);
  } catch (error) {
    return [error.message];
  }

  const problems = (await AppManifestUtils.validateAgainstSchema(manifest, schema)).map((e) => `schema: ${e}`);
  for (const bot of manifest.bots ?? []) {
    for (const list of bot.commandLists ?? []) {
      const where = `bot command list for ${(list.scopes ?? []).join(", ")}`;
      if ((list.commands ?? []).length > COMMAND_LIMITS.perList) {
        problems.push(`${where}: ${list.commands.length} commands, at most ${COMMAND_LIMITS.perList} are shown`);
      }

      for (const command of list.commands ?? []) {
        if ((command.title ?? "").length > COMMAND_LIMITS.title) {
          problems.push(`${where}: title '${command.title}' is longer than ${COMMAND_LIMITS.title} characters`);
        }

        if ((command.description ?? "").length > COMMAND_LIMITS.description) {
          problems.push(`${where}: the description of '${command.title}' is longer than ${COMMAND_LIMITS.description} characters`);
        }
      }
    }
  }

  const leftOver = JSON.stringify(manifest).match(/\{\{[A-Z_]+\}\}/g);
  if (leftOver) {
    problems.push(`placeholders not filled in: ${[...new Set(leftOver)].join(", ")}`);
  }

  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: node manifest/scripts/validate-manifest.mjs <manifest.json>");
    process.exit(2);
  }

  const problems = await validateManifest(JSON.parse(readFileSync(file, "utf8")));
  for (const problem of problems) {
    console.error(problem);
  }

  if (problems.length > 0) {
    console.error(`${file}: ${problems.length} problem(s).`);
    process.exit(1);
  }

  console.log(`${file} is a valid Teams app manifest.`);
}
