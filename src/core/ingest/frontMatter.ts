// Reads optional YAML front matter (title, url, published, outlet) from .txt/.md documents.
import { parse } from "yaml";
import { z } from "zod";

const FrontMatter = z
  .object({
    title: z.coerce.string().optional(),
    url: z.url().optional(),
    published: z.union([z.string(), z.date()]).optional(),
    outlet: z.coerce.string().optional(),
  })
  .loose();

export type FrontMatterFields = z.infer<typeof FrontMatter>;

export interface SplitFrontMatter {
  fields: FrontMatterFields;
  body: string;
  /** Why the front matter was ignored, when it was malformed. */
  problem: string | null;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(text: string): SplitFrontMatter {
  const match = FENCE.exec(text);
  if (!match) return { fields: {}, body: text, problem: null };
  const body = text.slice(match[0].length);
  try {
    const parsed = FrontMatter.safeParse(parse(match[1] ?? "", { maxAliasCount: 10 }) ?? {});
    if (!parsed.success) {
      return {
        fields: {},
        body,
        problem: `front matter ignored: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
      };
    }
    return { fields: parsed.data, body, problem: null };
  } catch (error) {
    return { fields: {}, body, problem: `front matter is not valid YAML: ${(error as Error).message}` };
  }
}
