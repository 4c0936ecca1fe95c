// Draws Discord message payloads (as the bot sends them to the API) as HTML in Discord's dark theme, so a
// review can look at a reply the way a member sees it. Covers what Docket sends: content, embeds, action
// rows with buttons, and the layout components (container, section, text display, separator).
// Fonts differ from Discord's, so line counts are approximate; widths match (desktop 900 px, phone 400 px).

export interface ShotMessage {
  /** Who "used" the command, shown above the reply like Discord's interaction header. */
  invokedBy?: string;
  command?: string;
  ephemeral?: boolean;
  payload: Record<string, unknown>;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/** Inline Discord markdown: escapes, links, bold, italics, underline, strike, code. */
function inline(text: string): string {
  const stash: string[] = [];
  const keep = (html: string): string => `\u0000${stash.push(html) - 1}\u0000`;
  let s = text.replace(/\\([*_~`[\]()\\>#-])/g, (_m, c: string) => keep(escapeHtml(c)));
  s = s.replace(/`([^`]+)`/g, (_m, c: string) => keep(`<code>${escapeHtml(c)}</code>`));
  // Link text keeps the escapes stashed above (`[\[1\]](url)` shows "[1]"), so it is not drawn afresh.
  s = s.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, t: string, u: string) =>
    keep(`<a href="${escapeHtml(u)}">${escapeHtml(t)}</a>`),
  );
  s = escapeHtml(s);
  s = s.replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
  s = s.replace(/__(.+?)__/g, "<u>$1</u>");
  s = s.replace(/\*(?!\s)(.+?)\*/g, "<em>$1</em>");
  s = s.replace(/(^|\W)_(?!\s)(.+?)_(?=\W|$)/g, "$1<em>$2</em>");
  s = s.replace(/~~(.+?)~~/g, "<s>$1</s>");
  s = s.replace(/(^|[\s(])(https?:\/\/[^\s<]+)/g, '$1<a href="$2">$2</a>');
  const restore = (html: string): string =>
    // eslint-disable-next-line no-control-regex
    html.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => restore(stash[Number(i)] ?? ""));
  return restore(s);
}

/** Block markdown: headings, subtext, quotes, bulleted and numbered lists (nested by indent), paragraphs. */
export function markdown(text: string): string {
  const out: string[] = [];
  const list: Array<"ul" | "ol"> = [];
  const closeLists = (depth = 0): void => {
    while (list.length > depth) out.push(`</${list.pop() ?? "ul"}>`);
  };
  for (const raw of text.split("\n")) {
    const item = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(raw);
    if (item) {
      const depth = Math.floor((item[1] ?? "").length / 2) + 1;
      const kind = /\d/.test(item[2] ?? "") ? "ol" : "ul";
      closeLists(depth);
      while (list.length < depth) {
        out.push(`<${kind}>`);
        list.push(kind);
      }
      out.push(`<li>${inline(item[3] ?? "")}</li>`);
      continue;
    }
    closeLists();
    const heading = /^(#{1,3})\s+(.*)$/.exec(raw);
    if (heading)
      out.push(`<h${heading[1]?.length ?? 1}>${inline(heading[2] ?? "")}</h${heading[1]?.length ?? 1}>`);
    else if (raw.startsWith("-# ")) out.push(`<div class="subtext">${inline(raw.slice(3))}</div>`);
    else if (raw.startsWith("> ")) out.push(`<blockquote>${inline(raw.slice(2))}</blockquote>`);
    else if (raw.trim() === "") out.push(`<div class="gap"></div>`);
    else out.push(`<div>${inline(raw)}</div>`);
  }
  closeLists();
  return out.join("");
}

type Json = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const colour = (v: unknown): string =>
  typeof v === "number" ? `#${v.toString(16).padStart(6, "0")}` : "#1e1f22";

const BUTTON_STYLES: Record<number, string> = {
  1: "primary",
  2: "secondary",
  3: "success",
  4: "danger",
  5: "link",
};

function button(b: Json): string {
  const style = BUTTON_STYLES[typeof b.style === "number" ? b.style : 2] ?? "secondary";
  const label = escapeHtml(str(b.label)) + (style === "link" ? ' <span class="ext">↗</span>' : "");
  return `<span class="btn ${style}${b.disabled === true ? " disabled" : ""}">${label}</span>`;
}

function embed(e: Json): string {
  const title = str(e.title);
  const titleHtml = title
    ? `<div class="e-title">${e.url ? `<a href="${escapeHtml(str(e.url))}">${inline(title)}</a>` : inline(title)}</div>`
    : "";
  const author = e.author ? `<div class="e-author">${inline(str((e.author as Json).name))}</div>` : "";
  const fields = arr(e.fields)
    .map(
      (f) =>
        `<div class="e-field"><div class="e-fname">${inline(str(f.name))}</div>${markdown(str(f.value))}</div>`,
    )
    .join("");
  const footerText = e.footer ? str((e.footer as Json).text) : "";
  const stamp = typeof e.timestamp === "string" ? new Date(e.timestamp).toUTCString().slice(5, 16) : "";
  const footer =
    footerText || stamp
      ? `<div class="e-footer">${escapeHtml(footerText)}${footerText && stamp ? " • " : ""}${stamp}</div>`
      : "";
  const thumb = e.thumbnail ? `<div class="e-thumb"></div>` : "";
  return `<div class="embed" style="border-left-color:${colour(e.color)}">${thumb}${author}${titleHtml}<div class="e-desc">${markdown(str(e.description))}</div>${fields}${footer}</div>`;
}

/** Components: action rows (1), buttons (2), sections (9), text displays (10), thumbnails (11), separators (14), containers (17). */
function component(c: Json): string {
  switch (c.type) {
    case 1:
      return `<div class="row">${arr(c.components).map(component).join("")}</div>`;
    case 2:
      return button(c);
    case 9: {
      const accessory = c.accessory ? component(c.accessory as Json) : "";
      return `<div class="section"><div class="s-body">${arr(c.components).map(component).join("")}</div>${accessory}</div>`;
    }
    case 10:
      return `<div class="text">${markdown(str(c.content))}</div>`;
    case 11:
      return `<div class="e-thumb"></div>`;
    case 14:
      return `<div class="sep${c.divider === false ? " blank" : ""}"></div>`;
    case 17:
      return `<div class="container" style="border-left-color:${colour(c.accent_color)}">${arr(c.components).map(component).join("")}</div>`;
    default:
      return "";
  }
}

export function messageHtml(m: ShotMessage): string {
  const p = m.payload;
  const header = m.command
    ? `<div class="used"><span class="av-s">${escapeHtml((m.invokedBy ?? "T").slice(0, 1))}</span>${escapeHtml(m.invokedBy ?? "Tester")} used <span class="cmd">/${escapeHtml(m.command)}</span></div>`
    : "";
  const body =
    (p.content ? `<div class="content">${markdown(str(p.content))}</div>` : "") +
    arr(p.embeds).map(embed).join("") +
    arr(p.components).map(component).join("");
  const note = m.ephemeral ? `<div class="eph">👁 Only you can see this • <a>Dismiss message</a></div>` : "";
  return `<div class="msg">${header}<div class="line"><div class="avatar">D</div><div class="main"><div class="name">Docket <span class="app">APP</span> <span class="time">Today at 10:42</span></div>${body}${note}</div></div></div>`;
}

export function pageHtml(messages: ShotMessage[], width: number, channel = "news"): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body style="width:${width}px"><div class="chan"># <b>${escapeHtml(channel)}</b></div>${messages.map(messageHtml).join("")}</body></html>`;
}

const CSS = `
body{margin:0;background:#313338;color:#dbdee1;font:16px/1.375 "Noto Sans","DejaVu Sans",sans-serif}
a{color:#00a8fc;text-decoration:none}
.chan{padding:12px 16px;border-bottom:1px solid #26272b;color:#f2f3f5;font-size:16px}
.msg{padding:8px 16px 12px 16px}
.used{margin-left:56px;font-size:14px;color:#b5bac1;display:flex;gap:6px;align-items:center}
.av-s{display:inline-block;width:16px;height:16px;border-radius:50%;background:#23a55a;color:#fff;font-size:11px;text-align:center;line-height:16px}
.cmd{color:#00a8fc}
.line{display:flex;gap:16px}
.avatar{flex:0 0 40px;height:40px;border-radius:50%;background:#5865f2;color:#fff;font-weight:700;font-size:20px;text-align:center;line-height:40px}
.main{min-width:0;flex:1}
.name{color:#f2f3f5;font-weight:600}.app{background:#5865f2;color:#fff;font-size:10px;padding:1px 4px;border-radius:3px;vertical-align:2px}
.time{color:#949ba4;font-size:12px;font-weight:400}
.content{margin:2px 0 4px}
.embed,.container{max-width:520px;background:#2b2d31;border-left:4px solid #1e1f22;border-radius:4px;padding:8px 16px 16px 12px;margin-top:6px;font-size:14px;position:relative}
.container{max-width:600px;padding:16px}
.e-author{font-weight:600;font-size:14px;margin-top:8px}
.e-title{font-weight:600;font-size:16px;margin-top:8px;color:#f2f3f5}
.e-desc{margin-top:8px}
.e-field{margin-top:8px}.e-fname{font-weight:600;color:#f2f3f5}
.e-footer{margin-top:8px;font-size:12px;color:#b5bac1}
.e-thumb{float:right;width:80px;height:80px;border-radius:4px;background:#404249;margin:8px 0 0 16px}
ul,ol{margin:2px 0 2px 0;padding-left:22px}li{margin:1px 0}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:20px;margin:8px 0 4px}h3{font-size:16px;margin:8px 0 4px;color:#f2f3f5}
.subtext{font-size:12px;color:#949ba4}
blockquote{margin:2px 0;border-left:4px solid #4e5058;padding-left:10px}
.gap{height:8px}
code{background:#1e1f22;border-radius:3px;padding:0 3px;font-size:85%}
.row{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
.btn{display:inline-block;padding:6px 16px;border-radius:4px;font-size:14px;font-weight:500;color:#fff;background:#4e5058}
.btn.primary{background:#5865f2}.btn.success{background:#248046}.btn.danger{background:#da373c}.btn.link{background:#4e5058}
.btn.disabled{opacity:.5}
.ext{font-size:11px}
.section{display:flex;gap:12px;align-items:flex-start;margin:4px 0}.s-body{flex:1}
.text{margin:4px 0}
.sep{border-top:1px solid #3f4147;margin:8px 0}.sep.blank{border-top-color:transparent}
.eph{font-size:12px;color:#949ba4;margin-top:4px}
`;
