// Command definitions hold Discord's limits, and the custom ids the buttons carry round-trip.
import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { MAX_TOPIC_LENGTH, parseCustomId } from "../../../commands/deal.js";
import { COMMAND_DATA } from "../../../commands/list.js";

const Name = z
  .string()
  .regex(/^[-_\p{L}\p{N}]{1,32}$/u)
  .refine((n) => n === n.toLowerCase(), "lower case");
const Choice = z.object({
  name: z.string().min(1).max(100),
  value: z.union([z.string().max(100), z.number()]),
});
const Option: z.ZodType = z.lazy(() =>
  z.object({
    type: z.number().int().min(1).max(11),
    name: Name,
    description: z.string().min(1).max(100),
    required: z.boolean().optional(),
    autocomplete: z.boolean().optional(),
    max_length: z.number().int().min(1).max(6000).optional(),
    choices: z.array(Choice).max(25).optional(),
    options: z.array(Option).max(25).optional(),
  }),
);
const Definition = z.object({
  name: Name,
  description: z.string().min(1).max(100),
  options: z.array(Option).max(25).optional(),
});

test("every command definition fits Discord's limits, with unique names", () => {
  for (const command of COMMAND_DATA) Definition.parse(command);
  assert.equal(new Set(COMMAND_DATA.map((c) => c.name)).size, COMMAND_DATA.length);
  // Discord also caps a command's total text (names, descriptions, choices) at 4000 characters.
  for (const command of COMMAND_DATA) assert.ok(JSON.stringify(command).length < 4000);
});

test("a /deal button id carries the page and the topic, within 100 characters", () => {
  const topic = "t".repeat(MAX_TOPIC_LENGTH);
  const id = `deal:questions:9999:${topic}`;
  assert.ok(id.length <= 100);
  assert.deepEqual(parseCustomId(id), { page: "questions", index: 9999, topic });
  assert.deepEqual(parseCustomId("deal:quotes:2:tik tok"), { page: "quotes", index: 2, topic: "tik tok" });
  assert.equal(parseCustomId("deal:admin:1:x"), null);
  assert.equal(parseCustomId("deal:quotes:1:"), null);
});
