// The REST base discord.js wants: no trailing slash and no version suffix ("https://discord.com/api").
export function restBase(url: string): string {
  return url.replace(/\/+$/, "").replace(/\/v\d+$/, "");
}
