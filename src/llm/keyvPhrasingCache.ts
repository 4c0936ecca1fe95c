// The phrasing-cache port over Keyv (SQLite, PostgreSQL or Redis, whichever the store uses).
import type Keyv from "keyv";
import type { PhrasingCache } from "../core/phrase/ports.js";

export class KeyvPhrasingCache implements PhrasingCache {
  constructor(private readonly keyv: Keyv<string>) {}

  async getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    return this.keyv.getMany([...keys]);
  }

  async setMany(entries: ReadonlyArray<{ key: string; value: string }>): Promise<void> {
    if (entries.length > 0) await this.keyv.setMany([...entries]);
  }
}
