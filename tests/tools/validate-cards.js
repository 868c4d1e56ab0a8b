#!/usr/bin/env node
// Checks Adaptive Cards with the official parser (npm package "adaptivecards", the library Teams' web client
// renders with) and reports every problem as JSON on stdout.
//
// Usage:
//   node validate-cards.js card.json [more.json ...]
//   node validate-cards.js < input.json
// Standard input holds one card, an array of cards, or an array of { "name": "...", "card": { ... } }.
//
// Output: { "ok": bool, "results": [ { "name", "ok", "problems": [ { "kind", "path", "message" } ] } ] }
// Exit code: 0 when every card is clean, 1 when any card has a problem, 2 when the input cannot be read,
// 3 when the adaptivecards package is not installed.
//
// The library's parser is lenient: it silently drops properties it does not know and values of the wrong type.
// So besides the parser's own events, every property is checked against the schema the library builds for that
// element (name, JSON type, allowed values, and the card version it first appeared in).
"use strict";

const fs = require("fs");
const path = require("path");

const repositoryRoot = path.resolve(__dirname, "..", "..");

function loadLibrary() {
    let resolved;
    try {
        resolved = require.resolve("adaptivecards/dist/adaptivecards.js", { paths: [repositoryRoot, __dirname] });
    } catch {
        process.stdout.write(JSON.stringify({
            ok: false,
            error: "The npm package 'adaptivecards' is not installed. Run 'npm ci' in the repository root (" + repositoryRoot + ").",
        }) + "\n");
        process.exit(3);
    }

    return require(resolved);
}

const AC = loadLibrary();

// Properties Teams adds to the Adaptive Card schema, which the library does not model. Kept to what is documented:
// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format
const hostExtensions = {
    AdaptiveCard: {
        msteams: (value, at, report) => {
            if (!isObject(value)) {
                report("InvalidPropertyValue", at, "msteams must be an object.");
                return;
            }

            for (const key of Object.keys(value)) {
                if (key === "width") {
                    if (value.width !== "Full") {
                        report("InvalidPropertyValue", at + ".width", "msteams.width must be \"Full\".");
                    }
                } else if (key === "entities") {
                    if (!Array.isArray(value.entities)) {
                        report("InvalidPropertyValue", at + ".entities", "msteams.entities must be an array.");
                    }
                } else {
                    report("UnknownProperty", at + "." + key, "msteams has no property '" + key + "'.");
                }
            }
        },
    },
};

// Elements Teams renders that the library does not know: Teams' charts. The library reports any element it does not
// know (and shows its fallback), so without a registration every chart would be a problem and its properties would go
// unchecked. Each is registered with the properties Teams documents, and must carry a fallback for other clients:
// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/charts-in-adaptive-cards
const hostElements = registerHostElements();

function registerHostElements() {
    class ChartDataPoint extends AC.SerializableObject {
        getSchemaKey() {
            return "Teams.ChartDataPoint";
        }
    }

    // "x" is a string or a number, which no typed property expresses; hostElementRules checks it.
    ChartDataPoint.xProperty = new AC.CustomProperty(
        AC.Versions.v1_5,
        "x",
        (sender, property, source) => source[property.name],
        (sender, property, target, value, context) => context.serializeValue(target, property.name, value));
    ChartDataPoint.yProperty = new AC.NumProperty(AC.Versions.v1_5, "y");
    ChartDataPoint.colorProperty = new AC.StringProperty(AC.Versions.v1_5, "color");

    class VerticalBarChart extends AC.CardElement {
        getJsonTypeName() {
            return "Chart.VerticalBar";
        }

        internalRender() {
            return undefined;
        }
    }

    VerticalBarChart.titleProperty = new AC.StringProperty(AC.Versions.v1_5, "title");
    VerticalBarChart.xAxisTitleProperty = new AC.StringProperty(AC.Versions.v1_5, "xAxisTitle");
    VerticalBarChart.yAxisTitleProperty = new AC.StringProperty(AC.Versions.v1_5, "yAxisTitle");
    VerticalBarChart.colorSetProperty = new AC.StringProperty(AC.Versions.v1_5, "colorSet");
    VerticalBarChart.colorProperty = new AC.StringProperty(AC.Versions.v1_5, "color");
    VerticalBarChart.showBarValuesProperty = new AC.BoolProperty(AC.Versions.v1_5, "showBarValues");
    VerticalBarChart.dataProperty = new AC.SerializableObjectCollectionProperty(AC.Versions.v1_5, "data", ChartDataPoint);
    AC.GlobalRegistry.elements.register("Chart.VerticalBar", VerticalBarChart, AC.Versions.v1_5);

    return new Set(["Chart.VerticalBar"]);
}

// What the schema cannot say about a Teams element: its data, and that clients without charts get a fallback.
function hostElementRules(json, at, report) {
    if (!("fallback" in json)) {
        report("MissingFallback", at, json.type + " is rendered only by Teams; give it a fallback for other clients.");
    }

    if (!Array.isArray(json.data) || json.data.length === 0) {
        report("InvalidPropertyValue", at + ".data", json.type + " needs at least one data point.");
        return;
    }

    json.data.forEach((point, i) => {
        const pointAt = at + ".data[" + i + "]";
        if (!isObject(point) || !(typeof point.x === "string" || (typeof point.x === "number" && Number.isFinite(point.x)) || point.x === null)) {
            report("InvalidPropertyValue", pointAt + ".x", "A data point needs an x that is a string or a number.");
        }

        if (!isObject(point) || !("y" in point)) {
            report("InvalidPropertyValue", pointAt + ".y", "A data point needs a y.");
        }
    });
}

function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function versionOf(card) {
    const parsed = AC.Version.parse(typeof card.version === "string" ? card.version : "", new AC.SerializationContext());
    return parsed && parsed.isValid ? parsed : undefined;
}

function newerThan(targetVersion, cardVersion) {
    return targetVersion instanceof AC.Version && cardVersion && targetVersion.compareTo(cardVersion) > 0;
}

function schemaOf(instance) {
    const schema = instance.getSchema();
    const properties = new Map();
    for (let i = 0; i < schema.getCount(); i++) {
        const property = schema.getItemAt(i);
        properties.set(property.name, property);
    }

    return properties;
}

function typeName(instance) {
    return instance.constructor && instance.constructor.name;
}

class Checker {
    constructor(cardVersion, report) {
        this.cardVersion = cardVersion;
        this.report = report;
    }

    card(json, at) {
        this.object(json, new AC.AdaptiveCard(), at);
    }

    element(json, at) {
        if (!isObject(json) || typeof json.type !== "string") {
            this.report("InvalidElement", at, "An element must be an object with a string 'type'.");
            return;
        }

        const registration = AC.GlobalRegistry.elements.findByName(json.type);
        if (!registration) {
            this.report("UnknownElementType", at, "Unknown element type '" + json.type + "'.");
            return;
        }

        if (newerThan(registration.schemaVersion, this.cardVersion)) {
            this.report("ElementNotInVersion", at, json.type + " needs card version " + registration.schemaVersion + ".");
        }

        if (hostElements.has(json.type)) {
            hostElementRules(json, at, this.report);
        }

        this.object(json, new registration.objectType(), at);
    }

    action(json, at) {
        if (!isObject(json) || typeof json.type !== "string") {
            this.report("InvalidAction", at, "An action must be an object with a string 'type'.");
            return;
        }

        const registration = AC.GlobalRegistry.actions.findByName(json.type);
        if (!registration) {
            this.report("UnknownActionType", at, "Unknown action type '" + json.type + "'.");
            return;
        }

        if (newerThan(registration.schemaVersion, this.cardVersion)) {
            this.report("ActionNotInVersion", at, json.type + " needs card version " + registration.schemaVersion + ".");
        }

        this.object(json, new registration.objectType(), at);
    }

    list(json, at, each) {
        if (!Array.isArray(json)) {
            this.report("InvalidPropertyValue", at, "Expected an array.");
            return;
        }

        json.forEach((item, i) => each(item, at + "[" + i + "]"));
    }

    fallback(json, at, each) {
        if (json === "drop") {
            return;
        }

        each(json, at);
    }

    // Keys that an element's own parse code reads, outside its property schema.
    structural(instance, key) {
        const isCard = instance instanceof AC.AdaptiveCard;
        if (key === "body" && isCard) {
            return (value, at) => this.list(value, at, (item, itemAt) => this.element(item, itemAt));
        }

        if (key === "actions" && (isCard || instance instanceof AC.ActionSet)) {
            return (value, at) => this.list(value, at, (item, itemAt) => this.action(item, itemAt));
        }

        if (key === "items" && !isCard && (instance instanceof AC.Container || instance instanceof AC.Column)) {
            return (value, at) => this.list(value, at, (item, itemAt) => this.element(item, itemAt));
        }

        if (key === "columns" && instance instanceof AC.ColumnSet) {
            return (value, at) => this.list(value, at, (item, itemAt) => this.object(item, new AC.Column(), itemAt));
        }

        if (key === "inlines" && instance instanceof AC.RichTextBlock) {
            return (value, at) => this.list(value, at, (item, itemAt) => {
                if (typeof item === "string") {
                    return;
                }

                if (!isObject(item) || item.type !== "TextRun") {
                    this.report("InvalidPropertyValue", itemAt, "A RichTextBlock inline must be a string or a TextRun.");
                    return;
                }

                this.object(item, new AC.TextRun(), itemAt);
            });
        }

        if (key === "card" && instance instanceof AC.ShowCardAction) {
            return (value, at) => this.object(value, new AC.AdaptiveCard(), at);
        }

        if (key === "fallback" && !isCard && instance instanceof AC.CardElement) {
            return (value, at) => this.fallback(value, at, (item, itemAt) => this.element(item, itemAt));
        }

        if (key === "fallback" && instance instanceof AC.Action) {
            return (value, at) => this.fallback(value, at, (item, itemAt) => this.action(item, itemAt));
        }

        return undefined;
    }

    object(json, instance, at) {
        if (!isObject(json)) {
            this.report("InvalidPropertyValue", at, "Expected an object for " + typeName(instance) + ".");
            return;
        }

        const properties = schemaOf(instance);
        const extensions = hostExtensions[typeName(instance)] || {};
        for (const key of Object.keys(json)) {
            const value = json[key];
            const keyAt = at + "." + key;
            const property = properties.get(key);
            if (property) {
                if (newerThan(property.targetVersion, this.cardVersion)) {
                    this.report("PropertyNotInVersion", keyAt, "'" + key + "' needs card version " + property.targetVersion + ".");
                }

                this.value(property, value, keyAt);
                continue;
            }

            const structural = this.structural(instance, key);
            if (structural) {
                structural(value, keyAt);
                continue;
            }

            if (extensions[key]) {
                extensions[key](value, keyAt, this.report);
                continue;
            }

            this.report("UnknownProperty", keyAt, typeName(instance) + " has no property '" + key + "'.");
        }
    }

    value(property, value, at) {
        if (value === null || value === undefined) {
            this.report("PropertyCantBeNull", at, "'" + property.name + "' is null.");
            return;
        }

        if (property instanceof AC.ValueSetProperty) {
            const match = typeof value === "string"
                ? property.values.find(v => v.value.toLowerCase() === value.toLowerCase())
                : undefined;
            if (!match) {
                this.report("InvalidPropertyValue", at, JSON.stringify(value) + " is not one of " + property.values.map(v => v.value).join(", ") + ".");
            } else if (newerThan(match.targetVersion, this.cardVersion)) {
                this.report("PropertyNotInVersion", at, JSON.stringify(value) + " needs card version " + match.targetVersion + ".");
            }

            return;
        }

        if (property instanceof AC.EnumProperty) {
            const names = property.values.map(v => ({ name: property.enumType[v.value], targetVersion: v.targetVersion }));
            const match = typeof value === "string"
                ? names.find(n => typeof n.name === "string" && n.name.toLowerCase() === value.toLowerCase())
                : undefined;
            if (!match) {
                this.report("InvalidPropertyValue", at, JSON.stringify(value) + " is not one of " + names.map(n => n.name).join(", ") + ".");
            } else if (newerThan(match.targetVersion, this.cardVersion)) {
                this.report("PropertyNotInVersion", at, JSON.stringify(value) + " needs card version " + match.targetVersion + ".");
            }

            return;
        }

        if (property instanceof AC.BoolProperty) {
            if (typeof value !== "boolean") {
                this.report("InvalidPropertyValue", at, "Expected true or false, found " + JSON.stringify(value) + ".");
            }

            return;
        }

        if (property instanceof AC.NumProperty) {
            if (typeof value !== "number" || !Number.isFinite(value)) {
                this.report("InvalidPropertyValue", at, "Expected a number, found " + JSON.stringify(value) + ".");
            }

            return;
        }

        if (property instanceof AC.StringProperty) {
            if (typeof value !== "string") {
                this.report("InvalidPropertyValue", at, "Expected a string, found " + JSON.stringify(value) + ".");
            }

            return;
        }

        if (property instanceof AC.StringArrayProperty) {
            if (!Array.isArray(value) || value.some(v => typeof v !== "string")) {
                this.report("InvalidPropertyValue", at, "Expected an array of strings.");
            }

            return;
        }

        if (property instanceof AC.ActionProperty || property instanceof AC.RefreshActionProperty) {
            this.action(value, at);
            return;
        }

        if (property instanceof AC.SerializableObjectCollectionProperty) {
            this.list(value, at, (item, itemAt) => this.object(item, new property.objectType(), itemAt));
            return;
        }

        if (property instanceof AC.SerializableObjectProperty) {
            this.object(value, new property.objectType(), at);
        }

        // Custom and untyped properties (data, version, width, …) are the library parser's business.
    }
}

function validate(card) {
    const problems = [];
    const report = (kind, at, message) => problems.push({ kind, path: at, message });
    if (!isObject(card)) {
        report("NotAnObject", "$", "A card must be a JSON object.");
        return problems;
    }

    if (card.type !== "AdaptiveCard") {
        report("MissingCardType", "$.type", "The card's type must be \"AdaptiveCard\".");
    }

    const cardVersion = versionOf(card);
    if (!cardVersion) {
        report("InvalidPropertyValue", "$.version", "The card has no valid version.");
    }

    // The library's own parser and validator: unknown element and action types, invalid values, duplicate ids, …
    const context = new AC.SerializationContext();
    const parsed = new AC.AdaptiveCard();
    parsed.parse(card, context);
    for (let i = 0; i < context.eventCount; i++) {
        const event = context.getEventAt(i);
        report(AC.ValidationEvent[event.event] || String(event.event), "parse", event.message);
    }

    for (const event of parsed.validateProperties().validationEvents) {
        report(AC.ValidationEvent[event.event] || String(event.event), "validate", event.message);
    }

    new Checker(cardVersion, report).card(card, "$");
    return problems;
}

function readInput() {
    const files = process.argv.slice(2);
    if (files.length > 0) {
        return files.map(file => ({ name: file, card: JSON.parse(fs.readFileSync(file, "utf8")) }));
    }

    const input = JSON.parse(fs.readFileSync(0, "utf8"));
    const items = Array.isArray(input) ? input : [input];
    return items.map((item, i) => isObject(item) && "card" in item && !("type" in item)
        ? { name: String(item.name ?? i), card: item.card }
        : { name: String(i), card: item });
}

function main() {
    let inputs;
    try {
        inputs = readInput();
    } catch (error) {
        process.stdout.write(JSON.stringify({ ok: false, error: "Cannot read the cards: " + error.message }) + "\n");
        process.exit(2);
    }

    const results = inputs.map(({ name, card }) => {
        const problems = validate(card);
        return { name, ok: problems.length === 0, problems };
    });
    const ok = results.every(r => r.ok);
    process.stdout.write(JSON.stringify({ ok, results }, null, 2) + "\n");
    process.exit(ok ? 0 : 1);
}

main();
