// The image-search page: text → images and image → similar images, over the sample's JSON API. No build step.
"use strict";

const $ = (id) => document.getElementById(id);
let ready = false;

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

// A problem+json answer carries its reason in "detail".
async function readAnswer(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body?.detail ?? `${response.status} ${response.statusText}`);
  }
  return body;
}

function formatCost(usage) {
  const tokens = usage.tokens == null ? "tokens not reported" : `${usage.tokens.toLocaleString("en")} tokens`;
  if (usage.cost_usd == null) {
    return `${tokens} · cost unknown (the model catalogue has no price)`;
  }
  const cost = `$${Number(usage.cost_usd).toLocaleString("en", { maximumSignificantDigits: 2 })}`;
  return `${tokens} · ≈ ${cost} at $${usage.price_per_million_tokens_usd} per million tokens`;
}

// One image card: the picture, then its parts as text (names come from the disk), then its tag when it has one.
function card(image, url, parts, tag, tagScore) {
  const item = document.createElement("li");
  item.className = "card";
  item.dataset.image = image;
  const img = document.createElement("img");
  img.src = url;
  img.alt = image;
  img.loading = "lazy";
  const meta = document.createElement("div");
  meta.className = "meta";
  for (const [cls, text] of parts) {
    const span = document.createElement("span");
    span.className = cls;
    span.textContent = text;
    meta.append(span);
  }
  item.append(img, meta);
  if (tag) {
    const label = document.createElement("span");
    label.className = "tag";
    label.textContent = tag;
    label.title = `score ${tagScore.toFixed(4)}`;
    item.dataset.tag = tag;
    item.append(label);
  }
  return item;
}

function render(answer, title) {
  $("results-title").textContent = title;
  $("usage").textContent = `${formatCost(answer.usage)} · ${answer.model}`;
  $("summary").hidden = false;
  $("query-tag").hidden = !answer.query_tag;
  $("query-tag").textContent = answer.query_tag ? `Tagged: ${answer.query_tag} (${answer.query_tag_score.toFixed(4)})` : "";
  $("results").replaceChildren(...answer.results.map((hit) => {
    const item = card(hit.image, hit.url, [["rank", `#${hit.rank}`], ["name", hit.image], ["score", hit.score.toFixed(4)]], hit.tag, hit.tag_score);
    item.dataset.score = String(hit.score);
    return item;
  }));
}

// Every indexed image with its tag, below the search.
async function showGallery() {
  const answer = await readAnswer(await fetch("/api/gallery/images"));
  const how = answer.tagging === "local"
    ? "scored on the server from the vectors the gallery already has"
    : answer.tagging === "api" ? "classified by the API" : "";
  $("tagging").textContent = answer.tagging === "off"
    ? `${answer.images.length} images (tagging is off).`
    : `${answer.images.length} images, each tagged with the best of: ${answer.labels.join(", ")} (${how}).`;
  $("gallery").replaceChildren(...answer.images.map((image) => card(image.image, image.url, [["name", image.image]], image.tag, image.tag_score)));
  $("gallery-section").hidden = false;
  document.body.dataset.gallery = "true";
}

async function search(query) {
  showError("");
  $("search-button").disabled = true;
  try {
    const response = await fetch("/api/gallery/search", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query, top: 8 }),
    });
    render(await readAnswer(response), `Images for “${query}”`);
  } catch (error) {
    showError(error.message);
  } finally {
    $("search-button").disabled = false;
  }
}

async function similar(file) {
  showError("");
  const form = new FormData();
  form.append("image", file);
  try {
    const response = await fetch("/api/gallery/similar", { method: "POST", body: form });
    render(await readAnswer(response), `Images like ${file.name}`);
  } catch (error) {
    showError(error.message);
  }
}

// Lists the folder's files that were not indexed, each with its reason (as text: names come from the disk).
function showSkipped(skipped) {
  const list = $("skipped-list");
  list.replaceChildren(...skipped.map((s) => {
    const item = document.createElement("li");
    item.textContent = `${s.name} ${s.reason}`;
    return item;
  }));
  $("skipped-count").textContent = `${skipped.length} ${skipped.length === 1 ? "file" : "files"} of the folder not indexed`;
  $("skipped").hidden = skipped.length === 0;
}

// Polls the indexing status until the gallery is ready.
async function waitUntilReady() {
  for (;;) {
    const status = await readAnswer(await fetch("/api/gallery"));
    const where = status.offline ? " Offline: the local emulator answers, so rankings are stand-ins, not model output." : "";
    $("status").classList.toggle("offline", status.offline);
    if (status.error) {
      $("status").textContent = status.error;
      return false;
    }
    showSkipped(status.skipped);
    if (status.ready) {
      const skipped = status.skipped.length ? `, ${status.skipped.length} skipped (listed below)` : "";
      const tags = status.tag_error ? ` ${status.tag_error}` : "";
      $("status").textContent = `${status.indexed} images indexed${skipped} with ${status.model} (${status.tokens.toLocaleString("en")} tokens).${where}${tags}`;
      document.body.dataset.ready = "true";
      return true;
    }
    $("status").textContent = `Indexing the gallery: ${status.indexed}/${status.total} images…${where}`;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const query = $("q").value.trim();
  if (!query) return;
  // The address is a deep link to these results: /?q=red+bicycle
  history.replaceState(null, "", `/?${new URLSearchParams({ q: query })}`);
  search(query);
});

$("upload").addEventListener("change", () => {
  const file = $("upload").files[0];
  if (file) similar(file);
});

(async () => {
  // A deep link's query goes back in the search box whatever happens next, so it is not lost if indexing failed.
  const query = new URLSearchParams(location.search).get("q");
  if (query) $("q").value = query;
  try {
    ready = await waitUntilReady();
  } catch (error) {
    showError(`The gallery's status could not be read: ${error.message}`);
    return;
  }
  if (ready && query) search(query);
  if (ready) {
    showGallery().catch((error) => showError(`The gallery could not be listed: ${error.message}`));
  }
})();
