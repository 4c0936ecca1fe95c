// Counts prompt tokens with a real BPE tokenizer (o200k, bundled), so the prompt budget is measured.
import { encode } from "gpt-tokenizer";

export function countTokens(text: string): number {
  return encode(text).length;
}
