// The dehusk page: sends the page to POST /extract and builds the reader view and the
// X-ray from the JSON it returns. Page content is only ever inserted as text
// (textContent / createTextNode), never as HTML: a page's <script> or onerror= stays text.
"use strict";

const FOLD_MIN_RUN = 3; // runs of this many cut blocks or more are folded
let result = null; // the last /extract answer

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return node;
}

function setStatus(message, isError) {
  const status = $("status");
  status.textContent = message;
  status.classList.toggle("error", Boolean(isError));
}

// --- Sending the page ------------------------------------------------------------------

function options() {
  const include = [];
  if ($("captions").checked) include.push("captions");
  if ($("comments").checked) include.push("comments");
  return { include, annotate: true, model: $("model").value, format: "markdown" };
}

async function extract(request) {
  $("go").disabled = true;
  setStatus("Reading…");
  try {
    const response = await fetch("/extract", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...request, ...options() }),
    });
    const data = await response.json();
    if (!response.ok) {
      const upstream = data.upstream_status ? ` (upstream ${data.upstream_status})` : "";
      setStatus(`${response.status}: ${data.detail}${upstream}`, true);
      return;
    }
    result = data;
    show(data);
    const kept = data.blocks.filter((b) => b.main).length;
    setStatus(`${kept} of ${data.blocks.length} blocks kept · ${data.page_type}`);
  } catch (error) {
    setStatus(`The service did not answer: ${error.message}`, true);
  } finally {
    $("go").disabled = false;
  }
}

function looksLikeHtml(text) {
  return /^\s*(<!doctype|<html|<head|<body|<[a-z][^>]*>)/i.test(text);
}

function submit(event) {
  event.preventDefault();
  const pasted = $("paste").value;
  const url = $("url").value.trim();
  if (pasted.trim()) {
    const request = looksLikeHtml(pasted) ? { html: pasted } : { text: pasted };
    if (url) request.url = url; // the page's address, for its links
    extract(request);
  } else if (url) {
    extract({ url });
  } else {
    setStatus("Give a URL, paste a page or drop a file.", true);
  }
}

async function readFile(file) {
  let stream = file.stream();
  if (file.name.endsWith(".gz")) stream = stream.pipeThrough(new DecompressionStream("gzip"));
  const text = await new Response(stream).text();
  const plain = /\.(txt|text)(\.gz)?$/i.test(file.name) || !looksLikeHtml(text);
  $("paste").value = text;
  extract(plain ? { text } : { html: text });
}

// --- Reader view -----------------------------------------------------------------------

const TAGS = { paragraph: "p", quote: "blockquote", code: "pre" };
const MARK_TAGS = { strong: "strong", em: "em", code: "code" };
const SUBHEAD_MAX_CHARS = 120; // as render.py: a longer bold paragraph is emphasis

// The block's text as nodes, its bold/italic/code marks as elements (marks that cross
// another are dropped, as in render.py); every piece of page text is a text node.
function inline(block) {
  const marks = (block.marks || []).slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  const open = [];
  for (const mark of marks) {
    while (open.length && open[open.length - 1].end <= mark.start) open.pop();
    if (open.length && mark.end > open[open.length - 1].end) continue;
    kept.push(mark);
    open.push(mark);
  }
  function build(start, end, inner, parent) {
    let pos = start;
    for (let i = 0; i < inner.length; ) {
      const mark = inner[i];
      const nested = [];
      let j = i + 1;
      while (j < inner.length && inner[j].start < mark.end) nested.push(inner[j++]);
      parent.append(block.text.slice(pos, mark.start));
      const node = el(MARK_TAGS[mark.kind]);
      build(mark.start, mark.end, nested, node);
      parent.append(node);
      pos = mark.end;
      i = j;
    }
    parent.append(block.text.slice(pos, end));
  }
  const box = document.createDocumentFragment();
  build(0, block.text.length, kept, box);
  return box;
}

function isSubhead(block) {
  return block.label === "paragraph" && block.text.length <= SUBHEAD_MAX_CHARS &&
    (block.marks || []).some((m) => m.kind === "strong" && m.start === 0 && m.end >= block.text.length);
}

function normal(text) {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, "").replace(/\s+/g, " ").trim();
}

function figure(image) {
  // No remote image is loaded (the page's CSP allows this origin only): the figure shows
  // its caption, credit and a link to the picture instead.
  const shown = image.src.replace(/^https?:\/\//, "").replace(/\?.*$/, "");
  const link = /^https?:\/\//i.test(image.src)
    ? el("a", { href: image.src, rel: "noopener noreferrer", target: "_blank", text: shown })
    : el("span", { text: shown }); // only http(s) becomes a link
  const caption = el("figcaption", {}, image.caption || "");
  if (image.credit) caption.append(el("span", { class: "credit", text: image.credit }));
  const picture = el("div", { class: "picture" }, image.alt ? `${image.alt} — ` : "Picture: ", link);
  return el("figure", {}, picture, caption);
}

function table(rows) {
  const node = el("table");
  rows.forEach((row, i) => {
    const tr = el("tr");
    for (const cell of row) tr.append(el(i === 0 && rows.length > 1 ? "th" : "td", { text: cell }));
    node.append(tr);
  });
  return node;
}

function header(data) {
  const parts = [el("h1", { text: data.title || "(no title)" })];
  if (data.authors.length) parts.push(el("p", { class: "byline", text: `By ${data.authors.join(", ")}` }));
  const meta = el("p", { class: "meta" });
  if (data.published) meta.append(el("span", { text: data.published.slice(0, 10) }));
  const publisher = data.publisher || data.site_name;
  if (publisher) meta.append(el("span", { text: publisher }));
  if (meta.childNodes.length) parts.push(meta);
  return parts;
}

function reader(data) {
  const article = $("article");
  article.replaceChildren(...header(data));
  const at = new Map();
  for (const image of data.images) {
    const key = image.position === null ? -1 : image.position;
    if (!at.has(key)) at.set(key, []);
    at.get(key).push(image);
  }
  for (const image of at.get(-1) || []) article.append(figure(image));
  let lists = []; // open <ul>/<ol> elements, outermost first
  const body = data.blocks.filter((b) => b.main);
  const levels = body.filter((b) => b.label === "heading" && b.level && normal(b.text) !== normal(data.title)).map((b) => b.level);
  const subLevel = Math.max(2, levels.length ? Math.min(...levels) : 2); // as render.body_items
  data.blocks.forEach((block, i) => {
    for (const image of at.get(i) || []) article.append(figure(image));
    if (!block.main) return;
    if (block.label === "heading" && normal(block.text) === normal(data.title)) return; // the <h1>
    const n = body.indexOf(block);
    if (isSubhead(block) && body[n - 1]?.label === "paragraph" && body[n + 1]?.label === "paragraph") {
      lists = [];
      article.append(el(`h${subLevel}`, { text: block.text }));
      return;
    }
    if (block.label !== "list_item") lists = [];
    if (block.label === "heading") {
      article.append(el(`h${Math.min(Math.max(block.level || 2, 2), 6)}`, { text: block.text }));
    } else if (block.label === "table" && block.rows) {
      article.append(table(block.rows));
    } else if (block.label === "list_item") {
      const depth = Math.max(1, block.level || 1);
      lists = lists.slice(0, depth);
      while (lists.length < depth) {
        const list = el(block.ordered ? "ol" : "ul");
        const parent = lists.length ? lists[lists.length - 1].lastElementChild || lists[lists.length - 1] : article;
        parent.append(list);
        lists.push(list);
      }
      lists[depth - 1].append(el("li", {}, inline(block)));
    } else if (block.label === "code") {
      article.append(el("pre", { text: block.text }));
    } else {
      article.append(el(TAGS[block.label] || "p", {}, inline(block)));
    }
  });
  if (!data.text) article.append(el("p", { class: "empty", text: "No article text found." }));
}

// --- X-ray -----------------------------------------------------------------------------

function xrayBlock(block, i) {
  const tag = [`#${i}`, block.label, block.main ? "kept" : "cut"];
  if (block.score !== null && block.score !== undefined) tag.push(block.score.toFixed(2));
  if (block.duplicate_of !== undefined) tag.push(`= #${block.duplicate_of}`);
  const node = el(
    "div",
    { class: `b l-${block.label} ${block.main ? "kept" : "cut"}`, id: `b${i}`, "data-label": block.label },
    el("span", { class: "tag", text: tag.join(" · ") }),
    el("span", { class: "t", text: block.text }),
  );
  if (block.locator) node.title = block.locator;
  return node;
}

function foldRun(run, blocks) {
  if (run.length < FOLD_MIN_RUN) return run.map((i) => xrayBlock(blocks[i], i));
  const counts = new Map();
  for (const i of run) counts.set(blocks[i].label, (counts.get(blocks[i].label) || 0) + 1);
  const said = [...counts].map(([label, n]) => `${n} ${label}`).join(", ");
  const details = el("details", { class: "run" });
  details.append(el("summary", { text: `${run.length} cut blocks (${said})` }));
  details.append(...run.map((i) => xrayBlock(blocks[i], i)));
  return [details];
}

function legend(blocks) {
  const used = [...new Set(blocks.map((b) => b.label))];
  const box = $("legend");
  box.replaceChildren();
  for (const label of used) {
    const input = el("input", { type: "checkbox" });
    input.checked = true;
    const item = el("label", { class: `l-${label}` }, input, label);
    input.addEventListener("change", () => {
      item.classList.toggle("off", !input.checked);
      for (const node of document.querySelectorAll(`#blocks [data-label="${label}"]`)) {
        node.classList.toggle("hidden-label", !input.checked);
      }
    });
    box.append(item);
  }
}

function xray(data) {
  const nodes = [];
  let run = [];
  data.blocks.forEach((block, i) => {
    if (block.main) {
      nodes.push(...foldRun(run, data.blocks), xrayBlock(block, i));
      run = [];
    } else {
      run.push(i);
    }
  });
  nodes.push(...foldRun(run, data.blocks));
  $("blocks").replaceChildren(...nodes);
  legend(data.blocks);
  const kept = data.blocks.filter((b) => b.main).length;
  $("counts").textContent = `${kept} kept, ${data.blocks.length - kept} cut`;
}

function jump() {
  const first = document.querySelector("#blocks .b.kept");
  if (!first) return;
  first.scrollIntoView({ block: "start" });
  first.classList.add("flash");
  setTimeout(() => first.classList.remove("flash"), 1200);
}

// --- Downloads -------------------------------------------------------------------------

function slug() {
  return (normal(result.title || "article").replace(/ /g, "-").slice(0, 60) || "article");
}

function download(text, type, name) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

function downloadJson() {
  const data = { ...result };
  delete data.rendered;
  download(JSON.stringify(data, null, 2), "application/json", `${slug()}.json`);
}

function downloadMarkdown() {
  download(result.rendered, "text/markdown", `${slug()}.md`);
}

function show(data) {
  $("intro").hidden = true;
  $("views").hidden = false;
  reader(data);
  xray(data);
}

// --- Wiring ----------------------------------------------------------------------------

function dropZone() {
  const drop = $("drop");
  let depth = 0;
  window.addEventListener("dragenter", (e) => { e.preventDefault(); depth++; drop.hidden = false; });
  window.addEventListener("dragleave", () => { if (--depth <= 0) { depth = 0; drop.hidden = true; } });
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => {
    e.preventDefault();
    depth = 0;
    drop.hidden = true;
    const file = e.dataTransfer.files[0];
    if (file) readFile(file);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  $("form").addEventListener("submit", submit);
  $("jump").addEventListener("click", jump);
  $("download-json").addEventListener("click", downloadJson);
  $("download-md").addEventListener("click", downloadMarkdown);
  dropZone();
});
